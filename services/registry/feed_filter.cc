#include "services/registry/feed_filter.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "services/registry/query_params.h"

namespace plenary::registry {
namespace {

bool Contains(const std::vector<std::string>& haystack, const std::string& needle) {
  return std::find(haystack.begin(), haystack.end(), needle) != haystack.end();
}

// The words a query is matched against.
std::vector<std::string> SearchableWords(const v1::Entry& entry) {
  std::string text;
  if (entry.has_resolution()) {
    const v1::Resolution& resolution = entry.resolution();
    absl::StrAppend(&text, resolution.symbol(), "\n", resolution.title(), "\n");
    for (const v1::Paragraph& paragraph : resolution.paragraphs()) {
      absl::StrAppend(&text, paragraph.text(), "\n");
    }
  } else {
    const v1::Statement& statement = entry.statement();
    absl::StrAppend(&text, statement.headline(), "\n", statement.speaker(), "\n",
                    statement.text(), "\n");
    for (const v1::Quote& quote : statement.quotes()) absl::StrAppend(&text, quote.text(), "\n");
  }
  return SearchWords(text);
}

absl::Status CheckValues(const google::protobuf::RepeatedPtrField<std::string>& values,
                         const char* field) {
  if (values.size() > FeedFilter::kMaxValues) {
    return InvalidField(field, absl::StrCat("more than ", FeedFilter::kMaxValues, " values"));
  }
  for (int i = 0; i < values.size(); ++i) {
    const std::string name = absl::StrCat(field, "[", i, "]");
    if (values[i].empty()) return InvalidField(name, "empty");
    if (absl::Status text = CheckText(name, values[i], kMaxKeyBytes); !text.ok()) return text;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FeedFilter> FeedFilter::FromRequest(const v1::SubscribeRequest& request) {
  FeedFilter filter;
  if (request.kinds_size() > kMaxValues) {
    return InvalidField("kinds", absl::StrCat("more than ", kMaxValues, " values"));
  }
  for (const auto& [values, field] : {std::pair{&request.bodies(), "bodies"},
                                      std::pair{&request.references(), "references"}}) {
    if (absl::Status checked = CheckValues(*values, field); !checked.ok()) return checked;
  }
  if (absl::Status text = CheckText("query", request.query(), kMaxWordsBytes); !text.ok()) {
    return text;
  }
  for (int i = 0; i < request.kinds_size(); ++i) {
    const auto kind = static_cast<v1::EntryKind>(request.kinds(i));
    if (kind != v1::ENTRY_KIND_RESOLUTION && kind != v1::ENTRY_KIND_STATEMENT) {
      return InvalidField(absl::StrCat("kinds[", i, "]"), "must be RESOLUTION or STATEMENT");
    }
    filter.kinds_.push_back(kind);
  }
  if (request.member_state_votes_size() > kMaxValues) {
    return InvalidField("member_state_votes", absl::StrCat("more than ", kMaxValues, " values"));
  }
  for (int i = 0; i < request.member_state_votes_size(); ++i) {
    absl::StatusOr<MemberStateVoteSelector> voted = ReadMemberStateVote(
        request.member_state_votes(i), absl::StrCat("member_state_votes[", i, "]"));
    if (!voted.ok()) return voted.status();
    filter.member_state_votes_.push_back(*std::move(voted));
  }
  for (const std::string& body : request.bodies()) {
    filter.bodies_.push_back(absl::AsciiStrToLower(body));
  }
  for (const std::string& reference : request.references()) {
    filter.references_.push_back(CanonicalReference(reference));
  }
  if (!absl::StripAsciiWhitespace(request.query()).empty()) {
    absl::StatusOr<WebSearchQuery> query = WebSearchQuery::ParseGiven(request.query(), "query");
    if (!query.ok()) return query.status();
    filter.query_ = *std::move(query);
  }
  return filter;
}

bool FeedFilter::Matches(const v1::Entry& entry) const {
  const v1::EntryKind kind =
      entry.has_resolution() ? v1::ENTRY_KIND_RESOLUTION : v1::ENTRY_KIND_STATEMENT;
  if (!kinds_.empty() && std::find(kinds_.begin(), kinds_.end(), kind) == kinds_.end()) {
    return false;
  }
  if (!bodies_.empty() &&
      (!entry.has_resolution() ||
       !Contains(bodies_, absl::AsciiStrToLower(entry.resolution().body())))) {
    return false;
  }
  if (!member_state_votes_.empty() &&
      (!entry.has_resolution() ||
       std::none_of(member_state_votes_.begin(), member_state_votes_.end(),
                    [&entry](const MemberStateVoteSelector& selector) {
                      return selector.Matches(entry.resolution().vote());
                    }))) {
    return false;
  }
  if (!references_.empty()) {
    const auto& cited = entry.has_resolution() ? entry.resolution().references()
                                               : entry.statement().references();
    if (std::none_of(cited.begin(), cited.end(),
                     [this](const std::string& symbol) { return Contains(references_, symbol); })) {
      return false;
    }
  }
  return query_.empty() || query_.Matches(SearchableWords(entry));
}

}  // namespace plenary::registry
