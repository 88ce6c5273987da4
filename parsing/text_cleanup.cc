#include "parsing/text_cleanup.h"

#include <array>

#include "absl/strings/str_join.h"
#include "common/text.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

// Lower-cased text with trailing punctuation dropped, for comparing a line
// against the chrome phrases below.
std::string ChromeKey(std::string_view line) {
  std::string key = AsciiLower(CollapseWhitespace(line));
  while (!key.empty() && (key.back() == '.' || key.back() == ':' || key.back() == '|')) {
    key.pop_back();
  }
  return key;
}

bool StartsWithAny(std::string_view text, const auto& prefixes) {
  for (std::string_view prefix : prefixes) {
    if (text.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// A paragraph that ends in a photo credit is a caption, not story text.
bool IsPhotoCaption(std::string_view paragraph) {
  static const RE2 credit(R"((?i)(?:^|[.!?]\s|\s)(?:UN\s+)?Photo(?:/[^:\n]{1,60})?\s*:\s*[^\n.]{1,60}\.?\s*$)");
  return RE2::PartialMatch(paragraph, credit);
}

// A short single line without closing punctuation: a caption's label.
bool IsShortLabel(std::string_view paragraph) {
  if (paragraph.find('\n') != std::string_view::npos || paragraph.size() > 60) return false;
  const char last = paragraph.empty() ? '.' : paragraph.back();
  return last != '.' && last != '!' && last != '?' && last != ':' && last != ';';
}

std::string WithoutLinkLabels(std::string_view line) {
  // Icons rendered as text after a link, e.g. "...Countries.PDF document".
  static const RE2 label(R"((?:\s*\b(?:PDF document|External link|opens in new window))+\s*$)");
  std::string cleaned(line);
  RE2::Replace(&cleaned, label, "");
  return cleaned;
}

}  // namespace

std::string StripInlineMarkdown(std::string_view line) {
  static const RE2 image(R"(!\[[^\]]*\]\([^)]*\))");
  static const RE2 link(R"(\[([^\]]*)\]\([^)]*\))");
  static const RE2 strong(R"(\*\*([^*]+)\*\*|__([^_]+)__)");
  static const RE2 stray_strong(R"(\*\*|__)");
  static const RE2 emphasis(R"(\*([^*\s][^*]*)\*)");
  static const RE2 escape(R"(\\([\\`*_{}\[\]()#+\-.!>]))");
  std::string text(line);
  RE2::GlobalReplace(&text, image, "");
  RE2::GlobalReplace(&text, link, "\\1");
  RE2::GlobalReplace(&text, strong, "\\1\\2");
  RE2::GlobalReplace(&text, stray_strong, "");
  RE2::GlobalReplace(&text, emphasis, "\\1");
  RE2::GlobalReplace(&text, escape, "\\1");
  return text;
}

std::optional<std::string> MarkdownHeading(std::string_view line) {
  static const RE2 heading(R"( {0,3}#{1,6}(?:[ \t]+(.*?))?[ \t]*#*[ \t]*)");
  std::string text;
  if (!RE2::FullMatch(line, heading, &text)) return std::nullopt;
  return text;
}

bool IsSiteChrome(std::string_view line) {
  static constexpr auto kChrome = std::to_array<std::string_view>({
      "welcome to the united nations",
      "global perspective human stories",
      "un news centre",
      "un news center",
      "with breaking stories and",
      "newswire products from",
      "skip to main content",
      "toggle navigation",
      "share this",
      "print this page",
      "all rights reserved",
      "copyright",
  });
  const std::string key = ChromeKey(line);
  return StartsWithAny(key, kChrome) || key.find("\u00a9") != std::string::npos ||
         key == "un news" || key == "pdf document" || key == "menu" || key == "search";
}

bool OpensTrailer(std::string_view line) {
  static constexpr auto kTrailers = std::to_array<std::string_view>({
      "news tracker",   "related stories", "related news",     "more stories",
      "you may also like", "follow us",    "more from un news",
  });
  return StartsWithAny(ChromeKey(line), kTrailers);
}

std::vector<std::string> RemovePageChrome(const std::vector<std::string>& paragraphs) {
  std::vector<std::string> kept;
  for (const std::string& paragraph : paragraphs) {
    std::vector<std::string> lines;
    bool trailer = false;
    for (std::string_view line : SplitLines(paragraph)) {
      if (OpensTrailer(line)) {
        trailer = true;
        break;
      }
      if (IsSiteChrome(line)) continue;
      std::string cleaned = CollapseWhitespace(WithoutLinkLabels(line));
      if (!cleaned.empty()) lines.push_back(std::move(cleaned));
    }
    std::string text = absl::StrJoin(lines, "\n");
    if (!text.empty() && IsPhotoCaption(text)) {
      if (!kept.empty() && IsShortLabel(kept.back())) kept.pop_back();
    } else if (!text.empty()) {
      kept.push_back(std::move(text));
    }
    if (trailer) break;
  }
  return kept;
}

}  // namespace plenary::parsing
