// RE2 options for the parsers' largest patterns.
#pragma once

#include "re2/re2.h"

namespace plenary::parsing {

// Options for patterns that combine every known role with Unicode letter
// classes: RE2's default memory budget is too small for their DFA, which
// would then fall back to slower matching and log an error on each search.
inline RE2::Options RoomyRegexOptions() {
  RE2::Options options;
  options.set_max_mem(64 << 20);
  return options;
}

}  // namespace plenary::parsing
