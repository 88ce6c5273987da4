// Places a text names, from a small gazetteer of cities where the UN meets,
// works and is reported from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/member_states.h"

namespace plenary::parsing {

// Cities of the gazetteer that `text` names, each once, in order of first
// appearance. Names inside a well-known resolution name ("Buenos Aires Plan
// of Action") are not places. Countries are left out on purpose: stories name
// them as subjects far more often than as where something happened. Returns
// an empty vector when there is none.
std::vector<std::string> FindPlaces(std::string_view text);

// Countries and territories `text` names as places where something happens
// or that a statement is about ("in Libya", "from Syria and Yemen ... to the
// Central African Republic, Mali and South Sudan", "Haiti's development",
// "the South Sudan crisis", "(Burundi and Guinea-Bissau)"), as written, each
// once, in order of first appearance: ISO 3166 names from `states` and a few
// territories and regions UN texts report from (Crimea, East Jerusalem,
// Aleppo, ...). Member States named as actors or delegations ("the
// representative of Qatar", "supported by Syria, Pakistan", "Portugal's
// representative", vote lists, "Mr. Ibrahim (Malaysia)") are not places.
// Only the first 32 KB of `text` are searched. Returns an empty vector when
// there is none.
std::vector<std::string> FindCountryPlaces(std::string_view text, const MemberStates& states);

// The gazetteer's spelling of `name` ("NEW YORK" -> "New York"); std::nullopt
// when the gazetteer does not know it.
std::optional<std::string> KnownPlace(std::string_view name);

}  // namespace plenary::parsing
