// Web pages (text/html): a news story or message as a browser shows it.
#pragma once

#include <string_view>

#include "model/records.h"

namespace plenary::parsing {

// Reads the statement an HTML page makes, parsing it with gumbo. The article
// text is that of <article> (else <main>, else <body>) without scripts,
// styles, navigation, headers, footers, asides and figures; the headline is
// the first <h1> (else the <title> before any " | site" suffix); the date
// comes from <time datetime> (else the text's dateline); a byline element
// (class "byline" or "author") counts as the first line of the story.
// Returns an Extraction with one statement, or with none when the page names
// no speaker and quotes no one. Never fails: `content` is taken to be valid
// UTF-8 text.
Extraction ParseHtmlPage(std::string_view content);

}  // namespace plenary::parsing
