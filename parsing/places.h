// Places a text names, from a small gazetteer of cities where the UN meets,
// works and is reported from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::parsing {

// Cities of the gazetteer that `text` names, each once, in order of first
// appearance. Names inside a well-known resolution name ("Buenos Aires Plan
// of Action") are not places. Countries are left out on purpose: stories name
// them as subjects far more often than as where something happened. Returns
// an empty vector when there is none.
std::vector<std::string> FindPlaces(std::string_view text);

// The gazetteer's spelling of `name` ("NEW YORK" -> "New York"); std::nullopt
// when the gazetteer does not know it.
std::optional<std::string> KnownPlace(std::string_view name);

}  // namespace plenary::parsing
