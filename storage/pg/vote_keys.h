// The keys by which resolutions are selected by how a Member State voted
// (storage::ListQuery::voted_member_state): each revision keeps its vote's
// keys in resolution_revisions.vote_keys, and a query asks for one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/records.h"

namespace plenary::storage::pg {

// "USA" for any position, "USA:against" for one.
std::string VoteKey(std::string_view alpha3, VotePosition position);

// Both keys of each Member State `vote` names, sorted, without repeats.
std::vector<std::string> VoteKeys(const Vote& vote);

}  // namespace plenary::storage::pg
