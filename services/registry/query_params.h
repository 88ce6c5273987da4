// Reading the parameters List and Search requests share: page sizes, date
// ranges over partial dates, symbols in any form, and page tokens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "plenary/v1/registry_service.pb.h"
#include "services/common/signed_token.h"

namespace plenary::registry {

// `requested`, or `default_size` for 0. INVALID_ARGUMENT on page_size when
// negative or above `max_size`.
absl::StatusOr<int> PageSize(int requested, int default_size, int max_size);

// The first and last day ("YYYY-MM-DD", empty when unbounded) a range of
// partial dates covers: start {2009} is 2009-01-01, end {2009} 2009-12-31.
// INVALID_ARGUMENT naming `field` for an impossible date or a start after
// the end.
struct DayBounds {
  std::string from;
  std::string to;
};
absl::StatusOr<DayBounds> Bounds(const v1::DateRange& range, const std::string& field);

// Limits for CheckText (common/status.h) on query strings.
inline constexpr size_t kMaxKeyBytes = 256;     // symbols, ids, names, bodies
inline constexpr size_t kMaxWordsBytes = 1024;  // search words

// The canonical symbol of the resolution `text` names, as a symbol in any
// form or by a well-known name; std::nullopt when it names none.
std::optional<std::string> NamedResolution(const std::string& text);

// The canonical symbol for any form of it or a well-known name; the text as
// given when it is neither.
std::string CanonicalReference(const std::string& reference);

// The alias keys under which a resolution asked for as `symbol` may be
// stored, most specific first: its canonical symbol, the resolution a
// well-known name designates, the text as typed.
std::vector<std::string> LookupKeys(const std::string& symbol);

// Page tokens: bound to the method and the request they continue (all
// fields but the page size and the token), so one cannot be replayed with
// other filters or sent to another List call.
class PageTokens {
 public:
  explicit PageTokens(const services::SignedTokenCodec& codec) : codec_(codec) {}
  std::string Encode(const google::protobuf::Message& request, const std::string& position) const;
  // INVALID_ARGUMENT on page_token when it is malformed, altered, from
  // another deployment or for another query.
  absl::StatusOr<std::string> Decode(const google::protobuf::Message& request,
                                     const std::string& token) const;

 private:
  const services::SignedTokenCodec& codec_;
};

}  // namespace plenary::registry
