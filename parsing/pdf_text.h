// The text layer of PDF documents, read with Poppler's C++ library in the
// reading order pdftotext prints by default: pages separated by form feeds.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace plenary::parsing {

// Limits on what ExtractPdfText reads.
struct PdfLimits {
  size_t max_bytes = 64 << 20;       // of the PDF file
  int max_pages = 300;
  size_t max_text_bytes = 16 << 20;  // of the text extracted
};

// True when `content` starts as a PDF file does ("%PDF-", after at most a
// little junk, as readers allow).
bool LooksLikePdf(std::string_view content);

// The text of every page of `pdf`, each page's text ending with a form
// feed. Returns INVALID_ARGUMENT saying why when the file is past `limits`,
// cannot be read as a PDF, is encrypted, or has no text layer (a scan: it
// would need OCR); nothing is ever guessed from a file name.
absl::StatusOr<std::string> ExtractPdfText(std::string_view pdf, const PdfLimits& limits = {});

}  // namespace plenary::parsing
