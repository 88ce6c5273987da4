// Which feed events a subscriber asked for (SubscribeRequest's filters).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plenary/v1/feed_service.pb.h"
#include "services/registry/member_state_vote.h"
#include "services/registry/web_search.h"

namespace plenary::registry {

class FeedFilter {
 public:
  // Bounds on a filter: each subscriber's filter runs on every event.
  static constexpr int kMaxValues = 32;  // kinds, bodies, references, member_state_votes

  // INVALID_ARGUMENT, naming the field, for an unknown kind, an empty body
  // or reference, a Member State vote ReadMemberStateVote refuses, a value
  // or query too long, more than kMaxValues values, a
  // query of more than WebSearchQuery::kMaxTerms terms or one that holds no
  // word (punctuation only: it would filter nothing out). A blank query is
  // no filter.
  static absl::StatusOr<FeedFilter> FromRequest(const v1::SubscribeRequest& request);

  // True when `entry` matches every filter given. The query matches as
  // Search's does, on whole words with accents folded, without stemming.
  bool Matches(const v1::Entry& entry) const;

 private:
  std::vector<v1::EntryKind> kinds_;
  std::vector<std::string> bodies_;      // lower case
  std::vector<std::string> references_;  // canonical symbols
  std::vector<MemberStateVoteSelector> member_state_votes_;
  WebSearchQuery query_;
};

}  // namespace plenary::registry
