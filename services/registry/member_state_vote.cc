#include "services/registry/member_state_vote.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "services/registry/query_params.h"

namespace plenary::registry {

bool MemberStateVoteSelector::Matches(const v1::Vote& vote) const {
  return std::any_of(vote.member_states().begin(), vote.member_states().end(),
                     [this](const v1::MemberStateVote& named) {
                       return named.member_state().alpha3() == member_state.alpha3 &&
                              (position == VotePosition::kUnspecified ||
                               named.position() == static_cast<v1::VotePosition>(position));
                     });
}

absl::StatusOr<MemberStateVoteSelector> ReadMemberStateVote(const v1::MemberStateVoteFilter& filter,
                                                            const std::string& field,
                                                            const MemberStates& states) {
  const std::string state_field = absl::StrCat(field, ".member_state");
  if (filter.member_state().empty()) return InvalidField(state_field, "required");
  if (absl::Status text = CheckText(state_field, filter.member_state(), kMaxKeyBytes); !text.ok()) {
    return text;
  }
  if (!v1::VotePosition_IsValid(filter.position())) {
    return InvalidField(absl::StrCat(field, ".position"), "unknown position");
  }
  if (states.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "this registry cannot tell Member States apart: ", MemberStates::DefaultLoadError()));
  }
  std::optional<MemberState> found = states.FindByCode(filter.member_state());
  if (!found) found = states.Find(filter.member_state());
  if (!found) {
    return InvalidField(state_field,
                        absl::StrCat("no Member State is named \"", filter.member_state(),
                                     "\"; give its ISO 3166-1 alpha-3 code or its name"));
  }
  return MemberStateVoteSelector{.member_state = *std::move(found),
                                 .position = static_cast<VotePosition>(filter.position())};
}

}  // namespace plenary::registry
