// Dates as documents write them, kept exactly as precise as the source.
#pragma once

#include <optional>
#include <string_view>

#include "model/records.h"

namespace plenary::parsing {

// Reads `text` when all of it (surrounding whitespace aside) is a date:
// "21 December 2009", "December 21, 2009", "Dec. 21, 2009", "February 2009",
// "2005", any of them after a weekday ("Monday, December 12, 2016"), or
// ISO 8601 "2009-12-21", "2009-12", "2009-12-21T10:00:00Z" (as in
// <time datetime>). Returns std::nullopt for anything else, including dates
// without a year ("12 September") and impossible ones ("31 February 2009").
std::optional<PartialDate> ParseDate(std::string_view text);

// An RE2 pattern, without capturing groups, matching a date written out in
// words with its year ("21 December 2009", "December 21, 2009",
// "February 2009"), for embedding in larger patterns; pass what it matched to
// ParseDate.
std::string_view WrittenDatePattern();

}  // namespace plenary::parsing
