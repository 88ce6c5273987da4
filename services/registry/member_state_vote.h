// A request's MemberStateVoteFilter, read: which Member State, voting how.
// ListResolutions asks storage for it; the feed matches it on each event.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "model/member_states.h"
#include "model/records.h"
#include "plenary/v1/resolution.pb.h"

namespace plenary::registry {

struct MemberStateVoteSelector {
  MemberState member_state;
  VotePosition position = VotePosition::kUnspecified;  // any

  // True when `vote` names the Member State, in the position if one is set.
  bool Matches(const v1::Vote& vote) const;
};

// The selector `filter` describes, its Member State found in `states` by
// ISO 3166-1 alpha-3 code or by name. INVALID_ARGUMENT naming
// `field`.member_state when it is empty, too long or names no Member State,
// `field`.position for an unknown position; FAILED_PRECONDITION when this
// server could not load the ISO 3166-1 table.
absl::StatusOr<MemberStateVoteSelector> ReadMemberStateVote(
    const v1::MemberStateVoteFilter& filter, const std::string& field,
    const MemberStates& states = MemberStates::Default());

}  // namespace plenary::registry
