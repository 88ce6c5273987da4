// Resolution tables (text/tab-separated-values): lists of resolutions and
// decisions, one row each, whose cells may hold HTML fragments.
#pragma once

#include <string_view>

#include "model/records.h"

namespace plenary::parsing {

// Reads every table in `content`. A file may hold several tables, each under
// its own title line and header row ("Time, Resolution Number, Resolution
// Name, Description"; columns are recognized by name, in any order);
// separator rows ("--	--") are skipped, and a line that begins with tabs
// and leaves the symbol and title cells empty continues the row above. Each
// row naming a symbol becomes one Resolution: canonical symbol and the other
// forms the row uses as aliases, adopting body, adoption date, title without
// its "Resolution adopted by ... on ..." preamble, numbered paragraphs, and
// the resolutions its text cites. Rows without a symbol, dates that cannot be
// read or are missing, and lines that continue no row are reported in
// Extraction::warnings. Never fails: `content` is taken to be valid UTF-8.
Extraction ParseResolutionTable(std::string_view content);

}  // namespace plenary::parsing
