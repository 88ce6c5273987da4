#include "services/registry/query_params.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/sha256.h"
#include "common/status.h"
#include "model/symbol.h"

namespace plenary::registry {
namespace {

constexpr char kPurpose[] = "page token";

// A partial date's first or last day, or nullopt when impossible.
std::optional<absl::CivilDay> Edge(const v1::PartialDate& date, bool last) {
  if (date.year() < 1 || date.year() > 9999 || date.month() < 0 || date.month() > 12 ||
      date.day() < 0 || date.day() > 31 || (date.month() == 0 && date.day() != 0)) {
    return std::nullopt;
  }
  if (date.month() == 0) return absl::CivilDay(date.year(), last ? 12 : 1, last ? 31 : 1);
  if (date.day() == 0) {
    const absl::CivilMonth month(date.year(), date.month());
    return last ? absl::CivilDay(month + 1) - 1 : absl::CivilDay(month);
  }
  const absl::CivilDay day(date.year(), date.month(), date.day());
  if (day.month() != date.month()) return std::nullopt;  // 31 April
  return day;
}

std::string Iso(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

// What a token continues: the method's request type and the request
// without its page size and token.
std::string Fingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const google::protobuf::Descriptor* descriptor = copy->GetDescriptor();
  for (const char* name : {"page_size", "page_token"}) {
    if (const auto* field = descriptor->FindFieldByName(name)) {
      copy->GetReflection()->ClearField(copy.get(), field);
    }
  }
  std::string serialized = descriptor->full_name() + '\0';
  copy->AppendToString(&serialized);  // deterministic enough: same binary, same fields
  return Sha256(serialized).substr(0, 8);
}

}  // namespace

absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0 || requested > max_size) {
    return InvalidField("page_size", absl::StrCat("must be between 0 and ", max_size));
  }
  return requested == 0 ? default_size : requested;
}

absl::StatusOr<DayBounds> Bounds(const v1::DateRange& range, const std::string& field) {
  DayBounds bounds;
  std::optional<absl::CivilDay> from, to;
  if (range.has_start() && range.start().year() != 0) {
    from = Edge(range.start(), /*last=*/false);
    if (!from) return InvalidField(absl::StrCat(field, ".start"), "not a possible date");
    bounds.from = Iso(*from);
  }
  if (range.has_end() && range.end().year() != 0) {
    to = Edge(range.end(), /*last=*/true);
    if (!to) return InvalidField(absl::StrCat(field, ".end"), "not a possible date");
    bounds.to = Iso(*to);
  }
  if (from && to && *from > *to) return InvalidField(field, "start is after end");
  return bounds;
}

std::optional<std::string> NamedResolution(const std::string& text) {
  std::optional<std::string> canonical = CanonicalSymbol(text);
  if (!canonical) canonical = SymbolForName(text);
  return canonical;
}

std::string CanonicalReference(const std::string& reference) {
  return NamedResolution(reference).value_or(reference);
}

std::vector<std::string> LookupKeys(const std::string& symbol) {
  std::vector<std::string> keys;
  auto add = [&keys](const std::string& key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  if (std::optional<std::string> canonical = CanonicalSymbol(symbol)) add(SymbolKey(*canonical));
  if (std::optional<std::string> named = SymbolForName(symbol)) add(SymbolKey(*named));
  add(SymbolKey(symbol));
  return keys;
}

std::string PageTokens::Encode(const google::protobuf::Message& request,
                               const std::string& position) const {
  return codec_.Encode(kPurpose, absl::StrCat(Fingerprint(request), position));
}

absl::StatusOr<std::string> PageTokens::Decode(const google::protobuf::Message& request,
                                               const std::string& token) const {
  absl::StatusOr<std::string> payload = codec_.Decode(kPurpose, token);
  if (!payload.ok()) return InvalidField("page_token", payload.status().message());
  const std::string fingerprint = Fingerprint(request);
  if (payload->compare(0, fingerprint.size(), fingerprint) != 0) {
    return InvalidField("page_token", "continues another query: send the same filters");
  }
  return payload->substr(fingerprint.size());
}

}  // namespace plenary::registry
