#include "parsing/pdf_text.h"

#include <memory>
#include <mutex>

#include "absl/strings/str_format.h"
#include "poppler-document.h"
#include "poppler-global.h"
#include "poppler-page.h"

namespace plenary::parsing {
namespace {

// Poppler reports syntax errors of broken files on stderr; the status we
// return says what matters.
void Quiet(const std::string&, void*) {}

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&Quiet, nullptr); });
}

}  // namespace

bool LooksLikePdf(std::string_view content) {
  return content.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

absl::StatusOr<std::string> ExtractPdfText(std::string_view pdf, const PdfLimits& limits) {
  if (pdf.size() > limits.max_bytes) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the PDF has %d bytes, more than the limit of %d", pdf.size(), limits.max_bytes));
  }
  if (!LooksLikePdf(pdf)) {
    return absl::InvalidArgumentError("not a PDF: no \"%PDF-\" header in its first 1024 bytes");
  }
  SilencePoppler();
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (document == nullptr) {
    return absl::InvalidArgumentError("the PDF cannot be read: Poppler finds it damaged");
  }
  if (document->is_locked()) {
    return absl::InvalidArgumentError("the PDF is encrypted with a password: its text cannot be read");
  }
  const int pages = document->pages();
  if (pages <= 0) return absl::InvalidArgumentError("the PDF has no pages");
  if (pages > limits.max_pages) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the PDF has %d pages, more than the limit of %d", pages, limits.max_pages));
  }
  std::string text;
  size_t visible = 0;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    if (page != nullptr) {
      const poppler::byte_array utf8 =
          page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
      for (char c : utf8) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++visible;
      }
      // Poppler ends a page's text with a form feed, as pdftotext prints it:
      // that is the page's own, added below for every page.
      std::string_view page_text(utf8.data(), utf8.size());
      if (!page_text.empty() && page_text.back() == '\f') page_text.remove_suffix(1);
      text.append(page_text);
      if (!page_text.empty() && page_text.back() != '\n') text.push_back('\n');
    }
    text.push_back('\f');
    if (text.size() > limits.max_text_bytes) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "the PDF's text passes the limit of %d bytes by page %d", limits.max_text_bytes, i + 1));
    }
  }
  if (visible == 0) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the PDF has %d page%s and no text layer (a scanned image?): reading it would need OCR, "
        "which Plenary does not do; send the text or a PDF with a text layer",
        pages, pages == 1 ? "" : "s"));
  }
  return text;
}

}  // namespace plenary::parsing
