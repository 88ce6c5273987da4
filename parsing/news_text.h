// News stories and web-page text as plain text or light Markdown
// (text/plain, text/markdown): a headline, a byline, a dateline, the story.
#pragma once

#include <string_view>

#include "model/records.h"

namespace plenary::parsing {

// Reads the statement a news story or page text makes. The headline is the
// first Markdown heading, else the first line that reads as one; what comes
// before it is masthead (a full date line there is the story's date), and a
// repeat of it is dropped. Page chrome
// (taglines, "News Tracker" trailers, copyright footers, captions) and
// Markdown markup do not reach the statement's text. Returns an Extraction
// with one statement, or with none when the text names no speaker and quotes
// no one. Never fails: `content` is taken to be valid UTF-8 text.
Extraction ParseNewsText(std::string_view content);

}  // namespace plenary::parsing
