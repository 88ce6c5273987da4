#include "parsing/document.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parsing/html_page.h"
#include "parsing/markup_nesting.h"
#include "parsing/meeting_table.h"
#include "parsing/news_text.h"
#include "parsing/pdf_text.h"
#include "common/text.h"
#include "parsing/press_release.h"
#include "parsing/resolution_table.h"
#include "parsing/resolution_text.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

constexpr std::string_view kByteOrderMark = "\xef\xbb\xbf";

// Documents whose start sniffs as HTML: a doctype, a comment or a tag that
// opens a page or a block.
bool LooksLikeHtml(std::string_view content) {
  static const RE2 opening(
      R"((?i)^\s*(?:<!doctype\s+html|<!--|<(?:html|head|body|article|main|div|p|h[1-6]|section|)"
      R"(title|meta|table|span|header|link|style|script|tr|td|th|tbody|caption|a|br|font|center|)"
      R"(ul|ol|li|img|form|nav|footer)[\s>/]))");
  while (content.substr(0, 3) == kByteOrderMark) content.remove_prefix(3);
  while (content.substr(0, 6) == "\xc3\xaf\xc2\xbb\xc2\xbf") content.remove_prefix(6);
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

MediaType SniffText(std::string_view content) {
  if (LooksLikeHtml(content)) return MediaType::kHtml;
  if (LooksLikeTable(content)) return MediaType::kTsv;
  if (LooksLikeMarkdown(content)) return MediaType::kMarkdown;
  return MediaType::kPlainText;
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
  // Content over declared type: publishers label files loosely.
  if (LooksLikePdf(content)) return MediaType::kPdf;
  if (essence.empty() || essence == "application/octet-stream") {
    return SniffText(content);
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
  if (essence == "text/plain") {
    const MediaType sniffed = SniffText(content);
    return sniffed == MediaType::kMarkdown ? MediaType::kPlainText : sniffed;
  }
  // Declared a PDF but not one: say so rather than guess what was meant.
  if (essence == "application/pdf") {
    if (content.empty()) return MediaType::kPdf;
    return absl::InvalidArgumentError(
        "media type \"application/pdf\" does not match the content: it has no \"%PDF-\" header; "
        "send text as text/plain or text/html");
  }
  if (essence == "text/markdown" || essence == "text/x-markdown") return MediaType::kMarkdown;
  if (essence == "text/html" || essence == "application/xhtml+xml") return MediaType::kHtml;
  if (essence == "text/tab-separated-values") return MediaType::kTsv;
  return absl::InvalidArgumentError(absl::StrCat(
      "unsupported media type \"", std::string(media_type.substr(0, 100)),
      "\": expected text/plain, text/markdown, text/html, text/tab-separated-values or "
      "application/pdf"));
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

std::string_view MediaTypeName(MediaType type) {
  switch (type) {
    case MediaType::kPlainText:
      return "text/plain";
    case MediaType::kMarkdown:
      return "text/markdown";
    case MediaType::kHtml:
      return "text/html";
    case MediaType::kTsv:
      return "text/tab-separated-values";
    case MediaType::kPdf:
      return "application/pdf";
  }
  return "text/plain";
}

absl::StatusOr<Extraction> ParseDocument(std::string_view content, MediaType type) {
  if (type == MediaType::kPdf) {
    absl::StatusOr<std::string> text = ExtractPdfText(content);
    if (!text.ok()) return text.status();
    ResolutionTextReading reading = ReadResolutionText(*text);
    if (!reading.extraction.resolutions.empty()) return std::move(reading.extraction);
    return absl::InvalidArgumentError(absl::StrCat(
        "nothing could be extracted: the PDF's text was read as a resolution text: ",
        reading.missing));
  }
  if (absl::Status valid = ValidateText(content); !valid.ok()) return valid;
  if (content.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    content.remove_prefix(kByteOrderMark.size());
  }
  // Markup is parsed wherever it appears: pages, and table cells too.
  if (type == MediaType::kHtml || type == MediaType::kTsv) {
    if (absl::Status nesting = CheckMarkupNesting(content); !nesting.ok()) return nesting;
  }
  std::vector<std::string> tried;
  switch (type) {
    case MediaType::kPlainText:
    case MediaType::kMarkdown: {
      // A release that quotes a resolution in full is still a release: it is
      // read as one before the resolution reader can take the quoted text.
      const PressSignal press = PressReleaseSignal(content);
      if (press == PressSignal::kStrong) {
        PressReading release = ReadPressRelease(content);
        if (!release.extraction.statements.empty()) return std::move(release.extraction);
        tried.push_back(absl::StrCat("as a UN release: ", release.missing));
      }
      ResolutionTextReading reading = ReadResolutionText(content);
      if (!reading.extraction.resolutions.empty()) return std::move(reading.extraction);
      if (reading.looks_like_resolution_text) {
        return absl::InvalidArgumentError(absl::StrCat(
            "nothing could be extracted: read as a resolution text: ", reading.missing,
            "; not read as a statement, since it is a resolution document"));
      }
      tried.push_back(absl::StrCat("as a resolution text: ", reading.missing));
      if (press == PressSignal::kWeak) {
        PressReading release = ReadPressRelease(content);
        if (!release.extraction.statements.empty()) return std::move(release.extraction);
      }
      if (ReadsAsFrench(content)) {
        // The news reader knows English roles and attributions only.
        tried.push_back(
            "as a statement: the text is in French, and only the UN's own releases in French "
            "(a press symbol, \"Communiqué de presse\") are read");
        break;
      }
      Extraction extraction = ParseNewsText(content);
      for (Statement& statement : extraction.statements) statement.language = "en";
      if (!extraction.statements.empty() || !extraction.resolutions.empty()) return extraction;
      tried.push_back("as a statement: the text names no speaker by role and quotes no one");
      break;
    }
    case MediaType::kHtml: {
      MeetingTableReading table = ReadMeetingTable(content);
      if (!table.extraction.resolutions.empty()) return std::move(table.extraction);
      if (table.is_meeting_table) {
        return absl::InvalidArgumentError(
            absl::StrCat("nothing could be extracted: read as a library table of meetings: ",
                         table.missing));
      }
      tried.push_back(absl::StrCat("as a table of meetings: ", table.missing));
      const std::string lines = HtmlToLines(content);
      const PressSignal press = PressReleaseSignal(lines);
      if (press == PressSignal::kStrong) {
        PressReading release = ReadPressRelease(lines);
        if (!release.extraction.statements.empty()) return std::move(release.extraction);
        tried.push_back(absl::StrCat("as a UN release: ", release.missing));
      }
      ResolutionTextReading reading = ReadResolutionText(lines);
      if (!reading.extraction.resolutions.empty()) return std::move(reading.extraction);
      if (reading.looks_like_resolution_text) {
        return absl::InvalidArgumentError(absl::StrCat(
            "nothing could be extracted: read as a resolution text: ", reading.missing,
            "; not read as a statement, since it is a resolution document"));
      }
      tried.push_back(absl::StrCat("as a resolution text: ", reading.missing));
      Extraction extraction = ParseHtmlPage(content);
      for (Statement& statement : extraction.statements) statement.language = "en";
      if (!extraction.statements.empty() || !extraction.resolutions.empty()) return extraction;
      tried.push_back("as a page: the text names no speaker by role and quotes no one");
      break;
    }
    case MediaType::kTsv: {
      Extraction extraction = ParseResolutionTable(content);
      if (!extraction.resolutions.empty()) return extraction;
      tried.push_back("as a table: no table row names a resolution symbol");
      break;
    }
    case MediaType::kPdf:
      break;
  }
  std::string reasons;
  for (const std::string& reason : tried) {
    absl::StrAppend(&reasons, reasons.empty() ? "" : "; ", reason);
  }
  return absl::InvalidArgumentError(absl::StrCat("nothing could be extracted: ", reasons));
}

}  // namespace plenary::parsing
