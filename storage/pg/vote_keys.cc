#include "storage/pg/vote_keys.h"

#include <algorithm>

namespace plenary::storage::pg {
namespace {

// Stored in the database: never rename one.
std::string_view PositionName(VotePosition position) {
  switch (position) {
    case VotePosition::kInFavour:
      return "in_favour";
    case VotePosition::kAgainst:
      return "against";
    case VotePosition::kAbstaining:
      return "abstaining";
    case VotePosition::kAbsent:
      return "absent";
    case VotePosition::kUnspecified:
      break;
  }
  return "";
}

}  // namespace

std::string VoteKey(std::string_view alpha3, VotePosition position) {
  const std::string_view name = PositionName(position);
  std::string key(alpha3);
  if (!name.empty()) key.append(":").append(name);
  return key;
}

std::vector<std::string> VoteKeys(const Vote& vote) {
  std::vector<std::string> keys;
  for (const MemberStateVote& state : vote.member_states) {
    if (state.member_state.alpha3.empty()) continue;
    keys.push_back(VoteKey(state.member_state.alpha3, VotePosition::kUnspecified));
    if (state.position != VotePosition::kUnspecified) {
      keys.push_back(VoteKey(state.member_state.alpha3, state.position));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace plenary::storage::pg
