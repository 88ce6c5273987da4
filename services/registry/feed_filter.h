// Which feed events a subscriber asked for (SubscribeRequest's filters).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plenary/v1/feed_service.pb.h"

namespace plenary::registry {

class FeedFilter {
 public:
  // INVALID_ARGUMENT, naming the field, for an unknown kind or an empty
  // body, reference or query word.
  static absl::StatusOr<FeedFilter> FromRequest(const v1::SubscribeRequest& request);

  // True when the filter lets every event through.
  bool PassesEverything() const;
  // True when `entry` matches every filter given.
  bool Matches(const v1::Entry& entry) const;

 private:
  std::vector<v1::EntryKind> kinds_;
  std::vector<std::string> bodies_;      // lower case
  std::vector<std::string> references_;  // canonical symbols
  std::vector<std::string> words_;       // lower case
};

}  // namespace plenary::registry
