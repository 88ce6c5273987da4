#include "parsing/document.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parsing/html_page.h"
#include "parsing/markup_nesting.h"
#include "parsing/news_text.h"
#include "parsing/plain_text.h"
#include "parsing/resolution_table.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

constexpr std::string_view kByteOrderMark = "\xef\xbb\xbf";

// Documents whose start sniffs as HTML: a doctype, a comment or a tag that
// opens a page or a block.
bool LooksLikeHtml(std::string_view content) {
  static const RE2 opening(
      R"((?i)^\s*(?:<!doctype\s+html|<!--|<(?:html|head|body|article|main|div|p|h[1-6]|section|)"
      R"(title|meta|table|span|header)[\s>/]))");
  return RE2::PartialMatch(content.substr(0, 1024), opening);
}

// Two lines with at least two tabs each: a table.
bool LooksLikeTable(std::string_view content) {
  int rows = 0;
  for (std::string_view line : SplitLines(content)) {
    size_t tabs = 0;
    for (char c : line) tabs += c == '\t';
    if (tabs >= 2 && ++rows >= 2) return true;
  }
  return false;
}

bool LooksLikeMarkdown(std::string_view content) {
  static const RE2 markup(R"((?m)^\s{0,3}#{1,6}\s|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\n]*\))");
  return RE2::PartialMatch(content, markup);
}

// True for the control bytes text never holds: C0 controls but tab, line
// feed, form feed and carriage return, and DEL.
bool IsBinaryByte(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7f;
}

}  // namespace

absl::StatusOr<MediaType> ResolveMediaType(std::string_view media_type, std::string_view content) {
  static const RE2 parts(R"(\s*([^;\s]*)\s*((?:;.*)?))");
  static const RE2 charset(R"((?i);\s*charset\s*=\s*"?([^";\s]+))");
  std::string essence, parameters;
  if (!RE2::FullMatch(media_type, parts, &essence, &parameters)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported media type \"", std::string(media_type.substr(0, 100)), "\""));
  }
  essence = AsciiLower(essence);
  if (essence.empty()) {
    if (LooksLikeHtml(content)) return MediaType::kHtml;
    if (LooksLikeTable(content)) return MediaType::kTsv;
    if (LooksLikeMarkdown(content)) return MediaType::kMarkdown;
    return MediaType::kPlainText;
  }
  std::string declared_charset;
  if (RE2::PartialMatch(parameters, charset, &declared_charset)) {
    const std::string name = AsciiLower(declared_charset);
    if (name != "utf-8" && name != "utf8" && name != "us-ascii") {
      return absl::InvalidArgumentError(absl::StrCat(
          "unsupported charset \"", declared_charset, "\" in media type \"",
          std::string(media_type), "\": documents must be UTF-8"));
    }
  }
  if (essence == "text/plain") return MediaType::kPlainText;
  if (essence == "text/markdown" || essence == "text/x-markdown") return MediaType::kMarkdown;
  if (essence == "text/html" || essence == "application/xhtml+xml") return MediaType::kHtml;
  if (essence == "text/tab-separated-values") return MediaType::kTsv;
  return absl::InvalidArgumentError(absl::StrCat(
      "unsupported media type \"", std::string(media_type.substr(0, 100)),
      "\": expected text/plain, text/markdown, text/html or text/tab-separated-values"));
}

absl::Status ValidateText(std::string_view content) {
  if (content.empty()) return absl::InvalidArgumentError("document is empty");
  for (size_t i = 0; i < content.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(content[i]);
    if (c == 0) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "document is not text: NUL byte at offset %d (binary data?)", i));
    }
    if (IsBinaryByte(c)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "document is not text: control byte 0x%02x at offset %d", c, i));
    }
  }
  if (std::optional<size_t> bad = FirstInvalidUtf8(content)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "document is not valid UTF-8: bad byte 0x%02x at offset %d",
        static_cast<unsigned char>(content[*bad]), *bad));
  }
  if (TrimSpace(content).empty()) return absl::InvalidArgumentError("document has only whitespace");
  return absl::OkStatus();
}

absl::StatusOr<Extraction> ParseDocument(std::string_view content, MediaType type) {
  if (absl::Status valid = ValidateText(content); !valid.ok()) return valid;
  if (content.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    content.remove_prefix(kByteOrderMark.size());
  }
  // Markup is parsed wherever it appears: pages, and table cells too.
  if (type == MediaType::kHtml || type == MediaType::kTsv) {
    if (absl::Status nesting = CheckMarkupNesting(content); !nesting.ok()) return nesting;
  }
  Extraction extraction;
  switch (type) {
    case MediaType::kPlainText:
    case MediaType::kMarkdown:
      extraction = ParseNewsText(content);
      break;
    case MediaType::kHtml:
      extraction = ParseHtmlPage(content);
      break;
    case MediaType::kTsv:
      extraction = ParseResolutionTable(content);
      break;
  }
  if (extraction.resolutions.empty() && extraction.statements.empty()) {
    return absl::InvalidArgumentError(
        type == MediaType::kTsv
            ? "nothing could be extracted: no table row names a resolution symbol"
            : "nothing could be extracted: the text names no speaker by role and quotes no one");
  }
  return extraction;
}

}  // namespace plenary::parsing
