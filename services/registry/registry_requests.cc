#include "services/registry/registry_requests.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status.h"
#include "services/registry/member_state_vote.h"
#include "services/registry/web_search.h"

namespace plenary::registry {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
constexpr int kDefaultSearchPageSize = 20;
constexpr int kMaxSearchPageSize = 100;
// Search pages are offsets into a ranking; deep pages cost a ranking as deep.
constexpr int kMaxSearchOffset = 10000;
// Between a List position's sort key and id in a page token.
constexpr char kKeySeparator = '\x1f';

// A lookup key (symbol, id) and its revision.
absl::Status CheckKey(const char* field, const std::string& key, int revision) {
  if (key.empty()) return InvalidField(field, "required");
  if (absl::Status text = CheckText(field, key, kMaxKeyBytes); !text.ok()) return text;
  if (revision < 0) return InvalidField("revision", "must not be negative");
  return absl::OkStatus();
}

// How one List method names its filter, its date range and its orders.
struct ListMethod {
  const char* filter_field;   // "body" or "speaker"
  const char* range_field;    // "adopted" or "date"
  const char* key_order;      // "symbol" or "id"
  const char* date_order;     // "adopted" or "date"
  const char* default_order;  // when order_by is empty
};

constexpr ListMethod kListResolutions = {.filter_field = "body",
                                         .range_field = "adopted",
                                         .key_order = "symbol",
                                         .date_order = "adopted",
                                         .default_order = "symbol"};
// Statements list newest first unless asked otherwise.
constexpr ListMethod kListStatements = {.filter_field = "speaker",
                                        .range_field = "date",
                                        .key_order = "id",
                                        .date_order = "date",
                                        .default_order = "date desc"};

// What the two List requests share, by reference into the request.
struct ListFields {
  int page_size;
  const std::string& page_token;
  const std::string& order_by;
  const std::string& references;
  const std::string& text;
  const std::string& filter;  // the body or the speaker
  const v1::DateRange& range;
};

// The key order or the date order, optionally followed by " desc" or " asc".
absl::Status ReadOrder(const std::string& order_by, const ListMethod& method,
                       storage::ListQuery& query) {
  std::string order = order_by.empty() ? method.default_order : order_by;
  if (absl::EndsWith(order, " desc")) {
    query.descending = true;
    order.resize(order.size() - 5);
  } else if (absl::EndsWith(order, " asc")) {
    order.resize(order.size() - 4);
  }
  if (order.empty() || order == method.key_order) return absl::OkStatus();
  if (order == method.date_order) {
    query.order_by_date = true;
    return absl::OkStatus();
  }
  return InvalidField("order_by", absl::StrCat("must be \"", method.key_order, "\" or \"",
                                               method.date_order,
                                               "\", optionally followed by \" desc\""));
}

// The position page_token continues after, if any.
absl::StatusOr<std::optional<storage::PageKey>> ReadListPosition(
    const google::protobuf::Message& request, const std::string& token, const PageTokens& tokens) {
  if (token.empty()) return std::nullopt;
  absl::StatusOr<std::string> position = tokens.Decode(request, token);
  if (!position.ok()) return position.status();
  std::vector<std::string> parts = absl::StrSplit(*position, kKeySeparator);
  int64_t id = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &id)) {
    return InvalidField("page_token", "malformed");
  }
  return storage::PageKey{parts[0], id};
}

absl::StatusOr<storage::ListQuery> ReadList(const google::protobuf::Message& request,
                                            const ListMethod& method, const ListFields& fields,
                                            const PageTokens& tokens) {
  for (const auto& [field, value, max] :
       {std::tuple{method.filter_field, &fields.filter, kMaxKeyBytes},
        std::tuple{"references", &fields.references, kMaxKeyBytes},
        std::tuple{"text", &fields.text, kMaxWordsBytes}}) {
    if (absl::Status text = CheckText(field, *value, max); !text.ok()) return text;
  }
  storage::ListQuery query;
  absl::StatusOr<int> size = PageSize(fields.page_size, kDefaultPageSize, kMaxPageSize);
  if (!size.ok()) return size.status();
  query.limit = *size;
  if (absl::Status order = ReadOrder(fields.order_by, method, query); !order.ok()) return order;
  absl::StatusOr<DayBounds> bounds = Bounds(fields.range, method.range_field);
  if (!bounds.ok()) return bounds.status();
  query.from = bounds->from;
  query.to = bounds->to;
  if (!fields.references.empty()) query.reference = CanonicalReference(fields.references);
  absl::StatusOr<WebSearchQuery> text = WebSearchQuery::Parse(fields.text, "text");
  if (!text.ok()) return text.status();
  query.text = text->ForPostgres();
  absl::StatusOr<std::optional<storage::PageKey>> after =
      ReadListPosition(request, fields.page_token, tokens);
  if (!after.ok()) return after.status();
  query.after = *std::move(after);
  return query;
}

// The kinds a search covers: those asked for (all when none are), but a
// body filter concerns resolutions only and a speaker filter statements only.
absl::Status ReadKinds(const v1::SearchRequest& request, storage::SearchQuery& query) {
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (request.kinds(i) != v1::ENTRY_KIND_RESOLUTION &&
        request.kinds(i) != v1::ENTRY_KIND_STATEMENT) {
      return InvalidField(absl::StrCat("kinds[", i, "]"), "must be RESOLUTION or STATEMENT");
    }
  }
  auto asked = [&request](v1::EntryKind kind) {
    return request.kinds().empty() ||
           std::find(request.kinds().begin(), request.kinds().end(), kind) != request.kinds().end();
  };
  query.resolutions = asked(v1::ENTRY_KIND_RESOLUTION) && request.speaker().empty();
  query.statements = asked(v1::ENTRY_KIND_STATEMENT) && request.body().empty();
  return absl::OkStatus();
}

// The offset page_token continues from, within kMaxSearchOffset.
absl::Status ReadSearchOffset(const v1::SearchRequest& request, const PageTokens& tokens,
                              storage::SearchQuery& query) {
  if (!request.page_token().empty()) {
    absl::StatusOr<std::string> offset = tokens.Decode(request, request.page_token());
    if (!offset.ok()) return offset.status();
    if (!absl::SimpleAtoi(*offset, &query.offset) || query.offset < 0) {
      return InvalidField("page_token", "malformed");
    }
  }
  if (query.offset + query.limit > kMaxSearchOffset) {
    return InvalidField("page_token", absl::StrCat("search pages end after ", kMaxSearchOffset,
                                                   " results: narrow the query"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckRequest(const v1::GetResolutionRequest& request) {
  return CheckKey("symbol", request.symbol(), request.revision());
}

absl::Status CheckRequest(const v1::GetStatementRequest& request) {
  return CheckKey("id", request.id(), request.revision());
}

absl::Status CheckRequest(const v1::BatchGetResolutionsRequest& request) {
  if (request.symbols_size() > kMaxBatchSymbols) {
    return InvalidField("symbols", absl::StrCat("at most ", kMaxBatchSymbols, " per call"));
  }
  for (int i = 0; i < request.symbols_size(); ++i) {
    const std::string field = absl::StrCat("symbols[", i, "]");
    if (request.symbols(i).empty()) return InvalidField(field, "empty");
    if (absl::Status text = CheckText(field, request.symbols(i), kMaxKeyBytes); !text.ok()) {
      return text;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<storage::ListQuery> ReadListQuery(const v1::ListResolutionsRequest& request,
                                                 const PageTokens& tokens) {
  absl::StatusOr<storage::ListQuery> query = ReadList(request, kListResolutions,
                                                      {.page_size = request.page_size(),
                                                       .page_token = request.page_token(),
                                                       .order_by = request.order_by(),
                                                       .references = request.references(),
                                                       .text = request.text(),
                                                       .filter = request.body(),
                                                       .range = request.adopted()},
                                                      tokens);
  if (!query.ok()) return query;
  query->body = request.body();
  if (request.has_member_state_vote()) {
    absl::StatusOr<MemberStateVoteSelector> voted =
        ReadMemberStateVote(request.member_state_vote(), "member_state_vote");
    if (!voted.ok()) return voted.status();
    query->voted_member_state = voted->member_state.alpha3;
    query->voted_position = voted->position;
  }
  return query;
}

absl::StatusOr<storage::ListQuery> ReadListQuery(const v1::ListStatementsRequest& request,
                                                 const PageTokens& tokens) {
  absl::StatusOr<storage::ListQuery> query = ReadList(request, kListStatements,
                                                      {.page_size = request.page_size(),
                                                       .page_token = request.page_token(),
                                                       .order_by = request.order_by(),
                                                       .references = request.references(),
                                                       .text = request.text(),
                                                       .filter = request.speaker(),
                                                       .range = request.date()},
                                                      tokens);
  if (query.ok()) query->speaker = request.speaker();
  return query;
}

std::string NextListToken(const google::protobuf::Message& request,
                          const std::optional<storage::PageKey>& next, const PageTokens& tokens) {
  if (!next.has_value()) return "";
  return tokens.Encode(request,
                       absl::StrCat(next->sort_key, std::string(1, kKeySeparator), next->id));
}

absl::StatusOr<storage::SearchQuery> ReadSearchQuery(const v1::SearchRequest& request,
                                                     const PageTokens& tokens) {
  if (absl::StripAsciiWhitespace(request.query()).empty()) return InvalidField("query", "required");
  for (const auto& [field, value, max] :
       {std::tuple{"query", &request.query(), kMaxWordsBytes},
        std::tuple{"body", &request.body(), kMaxKeyBytes},
        std::tuple{"speaker", &request.speaker(), kMaxKeyBytes},
        std::tuple{"references", &request.references(), kMaxKeyBytes}}) {
    if (absl::Status text = CheckText(field, *value, max); !text.ok()) return text;
  }
  absl::StatusOr<WebSearchQuery> words = WebSearchQuery::ParseGiven(request.query(), "query");
  if (!words.ok()) return words.status();
  storage::SearchQuery query;
  query.words = words->ForPostgres();
  absl::StatusOr<int> size =
      PageSize(request.page_size(), kDefaultSearchPageSize, kMaxSearchPageSize);
  if (!size.ok()) return size.status();
  query.limit = *size;
  if (absl::Status kinds = ReadKinds(request, query); !kinds.ok()) return kinds;
  absl::StatusOr<DayBounds> dates = Bounds(request.date(), "date");
  if (!dates.ok()) return dates.status();
  query.filters.from = dates->from;
  query.filters.to = dates->to;
  query.filters.body = request.body();
  query.filters.speaker = request.speaker();
  if (!request.references().empty()) {
    query.filters.reference = CanonicalReference(request.references());
  }
  if (absl::Status offset = ReadSearchOffset(request, tokens, query); !offset.ok()) return offset;
  return query;
}

std::string NextSearchToken(const v1::SearchRequest& request, const storage::SearchQuery& query,
                            const PageTokens& tokens) {
  return tokens.Encode(request, absl::StrCat(query.offset + query.limit));
}

}  // namespace plenary::registry
