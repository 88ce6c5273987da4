#include "parsing/news_text.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "parsing/dates.h"
#include "parsing/people.h"
#include "common/text.h"
#include "parsing/story.h"
#include "parsing/text_cleanup.h"

namespace plenary::parsing {
namespace {

// Headlines are short and do not end like a sentence.
constexpr size_t kMaxHeadlineBytes = 200;
constexpr size_t kMaxHeadlineWords = 25;

struct Line {
  std::string text;  // markup removed, whitespace collapsed
  bool heading = false;
};

// Lines grouped into paragraphs at blank lines; a heading stands alone.
std::vector<std::vector<Line>> ReadParagraphs(std::string_view content) {
  std::vector<std::vector<Line>> paragraphs(1);
  for (std::string_view raw : SplitLines(content)) {
    std::optional<std::string> heading = MarkdownHeading(raw);
    Line line{CollapseWhitespace(StripInlineMarkdown(heading ? *heading : raw)),
              heading.has_value()};
    const bool break_before = line.text.empty() || line.heading;
    if (break_before && !paragraphs.back().empty()) paragraphs.emplace_back();
    if (line.text.empty()) continue;
    paragraphs.back().push_back(std::move(line));
    if (paragraphs.back().back().heading) paragraphs.emplace_back();
  }
  if (paragraphs.back().empty()) paragraphs.pop_back();
  return paragraphs;
}

bool ReadsAsHeadline(const std::string& line) {
  if (line.empty() || line.size() > kMaxHeadlineBytes) return false;
  const size_t words = static_cast<size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
  if (words > kMaxHeadlineWords) return false;
  const char first = line.front();
  const bool opens_well = (first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9') ||
                          (static_cast<unsigned char>(first) & 0x80);
  const char last = line.back();
  const bool ends_as_sentence = last == '.' || last == ',' || last == ';' || last == ':';
  return opens_well && !ends_as_sentence && line.substr(0, 3) != "\u201c" &&
         !ParseDate(line) && !BylinePerson(line) && !IsSiteChrome(line) && !OpensTrailer(line);
}

// Position of the headline: paragraph and line index.
struct HeadlineAt {
  size_t paragraph = 0;
  size_t line = 0;
};

std::optional<HeadlineAt> FindHeadline(const std::vector<std::vector<Line>>& paragraphs) {
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const Line& line = paragraphs[p].front();
    if (line.heading && !IsSiteChrome(line.text) && !OpensTrailer(line.text)) {
      return HeadlineAt{p, 0};
    }
  }
  // Without headings, the first line that is not chrome may be the headline.
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    for (size_t l = 0; l < paragraphs[p].size(); ++l) {
      const std::string& text = paragraphs[p][l].text;
      // Chrome, and a date line above the headline ("Monday, December 12, 2016").
      if (IsSiteChrome(text) || ParseDate(text)) continue;
      if (ReadsAsHeadline(text)) return HeadlineAt{p, l};
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

Extraction ParseNewsText(std::string_view content) {
  const std::vector<std::vector<Line>> paragraphs = ReadParagraphs(content);
  StoryText story;
  HeadlineAt start;
  if (std::optional<HeadlineAt> headline = FindHeadline(paragraphs)) {
    story.headline = paragraphs[headline->paragraph][headline->line].text;
    start = *headline;
    // A full date standing alone above the headline is the story's.
    for (size_t p = 0; p <= headline->paragraph && story.date.empty(); ++p) {
      for (size_t l = 0; l < paragraphs[p].size(); ++l) {
        if (p == headline->paragraph && l >= headline->line) break;
        std::optional<PartialDate> date = ParseDate(paragraphs[p][l].text);
        if (date && date->day != 0) {
          story.date = *date;
          break;
        }
      }
    }
  }
  std::vector<std::string> body;
  for (size_t p = start.paragraph; p < paragraphs.size(); ++p) {
    std::vector<std::string> lines;
    for (size_t l = p == start.paragraph ? start.line : 0; l < paragraphs[p].size(); ++l) {
      // The headline itself, and any repeat of it, is not body text.
      if (paragraphs[p][l].text != story.headline) lines.push_back(paragraphs[p][l].text);
    }
    if (!lines.empty()) body.push_back(absl::StrJoin(lines, "\n"));
  }
  story.paragraphs = RemovePageChrome(body);

  Extraction extraction;
  if (std::optional<Statement> statement = ReadStatement(story)) {
    extraction.statements.push_back(std::move(*statement));
  }
  return extraction;
}

}  // namespace plenary::parsing
