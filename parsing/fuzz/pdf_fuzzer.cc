// Fuzzes the PDF reader (Poppler, then the resolution-text reader) with
// small limits; seeded with small PDFs in the UN's layout.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "parsing/pdf_text.h"
#include "parsing/resolution_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  plenary::parsing::PdfLimits limits;
  limits.max_bytes = 64 << 10;
  limits.max_pages = 8;
  limits.max_text_bytes = 256 << 10;
  absl::StatusOr<std::string> text = plenary::parsing::ExtractPdfText(content, limits);
  if (text.ok()) (void)plenary::parsing::ReadResolutionText(*text);
  return 0;
}
