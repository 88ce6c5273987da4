// Markdown markup and web-page chrome: what scraped news text carries
// besides the story itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::parsing {

// `line` without light Markdown inline markup: "**bold**" and "__bold__" ->
// "bold", "[text](url)" -> "text", images and stray "**" dropped, backslash
// escapes resolved. Never fails; text without markup comes back unchanged.
std::string StripInlineMarkdown(std::string_view line);

// The text of a Markdown heading line ("## Title" -> "Title"); std::nullopt
// when the line is not a heading.
std::optional<std::string> MarkdownHeading(std::string_view line);

// True when `line` is site chrome rather than story text: taglines and
// mastheads ("Welcome to the United Nations. It's your world.", "Global
// perspective Human stories"), navigation labels, copyright footers.
bool IsSiteChrome(std::string_view line);

// True when `line` opens the trailer pages append after a story ("News
// Tracker: past stories on this issue", "Related stories"): it and all that
// follows are chrome.
bool OpensTrailer(std::string_view line);

// `paragraphs` (lines separated by '\n') without page chrome: chrome lines
// dropped, everything from a trailer on cut, photo captions ("... Photo:
// FAO") and the short label above them dropped, link labels such as "PDF
// document" removed. Never fails; may return fewer paragraphs, or none.
std::vector<std::string> RemovePageChrome(const std::vector<std::string>& paragraphs);

}  // namespace plenary::parsing
