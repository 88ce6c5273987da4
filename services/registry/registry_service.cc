#include "services/registry/registry_service.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "common/status.h"
#include "model/symbol.h"
#include "services/common/grpc_status.h"
#include "codec/record_codec.h"
#include "services/registry/web_search.h"

namespace plenary::registry {
namespace {

constexpr int kMaxBatchSize = 1000;
// Batches of GetResolution lookups read at once: one is read while the
// other's answers go out. More make smaller batches: at 32 clients on 2
// cores, 4 gave 45-55% of the raw point SELECT's rate, 2 gave 68-76%.
constexpr int kConcurrentLookupBatches = 2;
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
constexpr int kDefaultSearchPageSize = 20;
constexpr int kMaxSearchPageSize = 100;
// Search pages are offsets into a ranking; deep pages cost a ranking as deep.
constexpr int kMaxSearchOffset = 10000;
constexpr char kKeySeparator = '\x1f';
// BatchGetResolutions' NOT_FOUND names this many unknown symbols, each cut
// to this many bytes.
constexpr int kMaxMissingNamed = 5;
constexpr size_t kMaxMissingBytes = 64;

// The first `max_bytes` of UTF-8 `text`, cut at a character boundary.
std::string Utf8Prefix(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), "...");
}

// "symbol", "adopted" (or "date", "id" for statements), optionally " desc".
absl::Status ReadOrder(const std::string& order_by, const char* key_order, const char* date_order,
                       storage::ListQuery& query) {
  std::string order = order_by;
  if (absl::EndsWith(order, " desc")) {
    query.descending = true;
    order.resize(order.size() - 5);
  } else if (absl::EndsWith(order, " asc")) {
    order.resize(order.size() - 4);
  }
  if (order.empty() || order == key_order) return absl::OkStatus();
  if (order == date_order) {
    query.order_by_date = true;
    return absl::OkStatus();
  }
  return InvalidField("order_by", absl::StrCat("must be \"", key_order, "\" or \"", date_order,
                                               "\", optionally followed by \" desc\""));
}

// When the caller gives up on the call; infinite without a deadline.
absl::Time Deadline(const grpc::CallbackServerContext& context) {
  const auto deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return absl::InfiniteFuture();
  return absl::FromChrono(deadline);
}

}  // namespace

absl::Status RegistryServiceImpl::Authorize(const grpc::CallbackServerContext& context) const {
  if (readers_ == nullptr) return absl::OkStatus();
  return services::Authenticate(*readers_, context).status();
}

grpc::ServerUnaryReactor* RegistryServiceImpl::OnExecutor(grpc::CallbackServerContext* context,
                                                          std::function<absl::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (absl::Status allowed = Authorize(*context); !allowed.ok()) {
    reactor->Finish(services::ToGrpcStatus(allowed));
    return reactor;
  }
  executor_.Schedule([reactor, work = std::move(work)] {
    reactor->Finish(services::ToGrpcStatus(work()));
  });
  return reactor;
}

std::vector<std::string> LookupKeys(const std::string& symbol) {
  std::vector<std::string> keys;
  auto add = [&keys](const std::string& key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  if (std::optional<std::string> canonical = CanonicalSymbol(symbol)) {
    add(SymbolKey(*canonical));
  }
  if (std::optional<std::string> named = SymbolForName(symbol)) {
    add(SymbolKey(*named));
  }
  add(SymbolKey(symbol));
  return keys;
}

namespace {

absl::Status ResolutionNotFound(const std::string& symbol, int revision) {
  return absl::NotFoundError(
      revision == 0 ? absl::StrCat("no resolution is known as \"", symbol, "\"")
                    : absl::StrCat("no revision ", revision, " of a resolution known as \"",
                                   symbol, "\""));
}

}  // namespace

RegistryServiceImpl::RegistryServiceImpl(storage::RegistryStore& store, Executor& executor,
                                         const services::SignedTokenCodec& tokens,
                                         const services::BearerTokens* readers,
                                         ResolutionCache* cache)
    : store_(store),
      executor_(executor),
      page_tokens_(tokens),
      readers_(readers),
      cache_(cache),
      lookups_(executor,
               {.concurrent_batches = kConcurrentLookupBatches, .max_items = kMaxBatchSize},
               [this](std::vector<WaitingLookup>& lookups) { LookUp(lookups); }) {}

absl::StatusOr<v1::Resolution> RegistryServiceImpl::FindResolution(const std::string& symbol,
                                                                   int revision) {
  absl::StatusOr<StoredResolution> found = store_.GetResolution(LookupKeys(symbol), revision);
  if (found.status().code() == absl::StatusCode::kNotFound) {
    return ResolutionNotFound(symbol, revision);
  }
  if (!found.ok()) return found.status();
  return codec::ToProto(*found);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetResolution(
    grpc::CallbackServerContext* context, const v1::GetResolutionRequest* request,
    v1::Resolution* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::Status valid = Authorize(*context);
  if (valid.ok() && request->symbol().empty()) valid = InvalidField("symbol", "required");
  if (valid.ok()) valid = CheckText("symbol", request->symbol(), kMaxKeyBytes);
  if (valid.ok() && request->revision() < 0) {
    valid = InvalidField("revision", "must not be negative");
  }
  if (!valid.ok()) {
    reactor->Finish(services::ToGrpcStatus(valid));
    return reactor;
  }
  if (request->revision() != 0) {
    executor_.Schedule([this, request, response, reactor] {
      absl::StatusOr<v1::Resolution> found =
          FindResolution(request->symbol(), request->revision());
      if (found.ok()) *response = *std::move(found);
      reactor->Finish(services::ToGrpcStatus(found.status()));
    });
    return reactor;
  }
  std::vector<std::string> keys = LookupKeys(request->symbol());
  // A cached latest revision is answered here, on gRPC's thread: no hop to
  // the executor, no database.
  if (cache_ != nullptr) {
    if (std::optional<v1::Resolution> cached = cache_->Get(keys[0])) {
      *response = *std::move(cached);
      reactor->Finish(grpc::Status::OK);
      return reactor;
    }
  }
  lookups_.Add({std::move(keys), request, response, reactor});
  return reactor;
}

void RegistryServiceImpl::LookUp(std::vector<WaitingLookup>& lookups) {
  // Taken before the read: an eviction meanwhile keeps what was read out.
  const ResolutionCache::Ticket ticket = cache_ != nullptr ? cache_->Prepare() : 0;
  std::vector<std::vector<std::string>> keys;
  for (WaitingLookup& lookup : lookups) keys.push_back(std::move(lookup.keys));
  absl::StatusOr<std::vector<std::optional<StoredResolution>>> found = store_.GetResolutions(keys);
  if (found.ok() && found->size() != keys.size()) {
    found = absl::InternalError("the store answered another number of lookups");
  }
  for (size_t i = 0; i < lookups.size(); ++i) {
    const WaitingLookup& lookup = lookups[i];
    if (!found.ok()) {
      lookup.reactor->Finish(services::ToGrpcStatus(found.status()));
    } else if (!(*found)[i].has_value()) {
      lookup.reactor->Finish(
          services::ToGrpcStatus(ResolutionNotFound(lookup.request->symbol(), 0)));
    } else {
      *lookup.response = codec::ToProto(*(*found)[i]);
      if (cache_ != nullptr) {
        cache_->Put(ticket, {SymbolKey(lookup.response->symbol())}, *lookup.response);
      }
      lookup.reactor->Finish(grpc::Status::OK);
    }
  }
}

grpc::ServerUnaryReactor* RegistryServiceImpl::BatchGetResolutions(
    grpc::CallbackServerContext* context, const v1::BatchGetResolutionsRequest* request,
    v1::BatchGetResolutionsResponse* response) {
  return OnExecutor(context, [this, request, response]() -> absl::Status {
    if (request->symbols_size() > kMaxBatchSize) {
      return InvalidField("symbols", absl::StrCat("at most ", kMaxBatchSize, " per call"));
    }
    std::vector<std::vector<std::string>> lookups;
    for (int i = 0; i < request->symbols_size(); ++i) {
      const std::string& symbol = request->symbols(i);
      if (symbol.empty()) return InvalidField(absl::StrCat("symbols[", i, "]"), "empty");
      if (absl::Status text = CheckText(absl::StrCat("symbols[", i, "]"), symbol, kMaxKeyBytes);
          !text.ok()) {
        return text;
      }
      lookups.push_back(LookupKeys(symbol));
    }
    absl::StatusOr<std::vector<std::optional<StoredResolution>>> found =
        store_.GetResolutions(lookups);
    if (!found.ok()) return found.status();
    std::vector<std::string> missing;
    int missing_count = 0;
    for (int i = 0; i < request->symbols_size(); ++i) {
      if ((*found)[i].has_value()) {
        *response->add_resolutions() = codec::ToProto(*(*found)[i]);
      } else if (++missing_count <= kMaxMissingNamed) {
        missing.push_back(absl::StrCat("symbols[", i, "] \"",
                                       Utf8Prefix(request->symbols(i), kMaxMissingBytes), "\""));
      }
    }
    if (missing_count > 0) {
      // Bounded: the message travels in a header, and headers have a limit.
      response->Clear();
      return absl::NotFoundError(absl::StrCat(
          "no resolution is known as ", absl::StrJoin(missing, ", "),
          missing_count > kMaxMissingNamed
              ? absl::StrCat(" and ", missing_count - kMaxMissingNamed, " more")
              : ""));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetStatement(
    grpc::CallbackServerContext* context, const v1::GetStatementRequest* request,
    v1::Statement* response) {
  return OnExecutor(context, [this, request, response]() -> absl::Status {
    if (request->id().empty()) return InvalidField("id", "required");
    if (absl::Status text = CheckText("id", request->id(), kMaxKeyBytes); !text.ok()) return text;
    if (request->revision() < 0) return InvalidField("revision", "must not be negative");
    absl::StatusOr<StoredStatement> found = store_.GetStatement(request->id(), request->revision());
    if (found.status().code() == absl::StatusCode::kNotFound) {
      return absl::NotFoundError(absl::StrCat("no statement has id \"", request->id(), "\"",
                                              request->revision() == 0
                                                  ? ""
                                                  : absl::StrCat(" with revision ",
                                                                 request->revision())));
    }
    if (!found.ok()) return found.status();
    *response = codec::ToProto(*found);
    return absl::OkStatus();
  });
}

absl::Status RegistryServiceImpl::StartAfter(const google::protobuf::Message& request,
                                             const std::string& token,
                                             storage::ListQuery& query) const {
  if (token.empty()) return absl::OkStatus();
  absl::StatusOr<std::string> position = page_tokens_.Decode(request, token);
  if (!position.ok()) return position.status();
  std::vector<std::string> parts = absl::StrSplit(*position, kKeySeparator);
  int64_t id = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &id)) {
    return InvalidField("page_token", "malformed");
  }
  query.after = storage::PageKey{parts[0], id};
  return absl::OkStatus();
}

std::string RegistryServiceImpl::NextToken(const google::protobuf::Message& request,
                                           const std::optional<storage::PageKey>& next) const {
  if (!next.has_value()) return "";
  return page_tokens_.Encode(request, absl::StrCat(next->sort_key, std::string(1, kKeySeparator),
                                                   next->id));
}

absl::StatusOr<storage::ListQuery> RegistryServiceImpl::ReadListQuery(
    const google::protobuf::Message& request, const ListFields& fields) const {
  for (const auto& [field, value, max] :
       {std::tuple{fields.filter_name, &fields.filter, kMaxKeyBytes},
        std::tuple{"references", &fields.references, kMaxKeyBytes},
        std::tuple{"text", &fields.text, kMaxWordsBytes}}) {
    if (absl::Status text = CheckText(field, *value, max); !text.ok()) return text;
  }
  storage::ListQuery query;
  absl::StatusOr<int> size = PageSize(fields.page_size, kDefaultPageSize, kMaxPageSize);
  if (!size.ok()) return size.status();
  query.limit = *size;
  const std::string order = fields.order_by.empty() ? fields.default_order : fields.order_by;
  if (absl::Status status = ReadOrder(order, fields.key_order, fields.date_order, query);
      !status.ok()) {
    return status;
  }
  absl::StatusOr<DayBounds> bounds = Bounds(fields.range, fields.range_name);
  if (!bounds.ok()) return bounds.status();
  query.from = bounds->from;
  query.to = bounds->to;
  if (!fields.references.empty()) query.reference = CanonicalReference(fields.references);
  absl::StatusOr<WebSearchQuery> text = WebSearchQuery::Parse(fields.text, "text");
  if (!text.ok()) return text.status();
  query.text = text->ForPostgres();
  if (absl::Status status = StartAfter(request, fields.page_token, query); !status.ok()) {
    return status;
  }
  return query;
}

absl::Status RegistryServiceImpl::List(const v1::ListResolutionsRequest& request,
                                       absl::Time deadline,
                                       v1::ListResolutionsResponse& response) {
  absl::StatusOr<storage::ListQuery> query = ReadListQuery(
      request, {request.page_size(), request.page_token(), request.order_by(), "symbol",
                request.references(), request.text(), "body", request.body(), "adopted",
                request.adopted(), "symbol", "adopted"});
  if (!query.ok()) return query.status();
  query->body = request.body();
  query->deadline = deadline;
  absl::StatusOr<storage::Page<StoredResolution>> page = store_.ListResolutions(*query);
  if (!page.ok()) return page.status();
  for (const StoredResolution& resolution : page->items) {
    *response.add_resolutions() = codec::ToProto(resolution);
  }
  response.set_next_page_token(NextToken(request, page->next));
  response.set_total_size(std::min(page->total, query->count_limit));
  response.set_total_size_is_lower_bound(page->total > query->count_limit);
  return absl::OkStatus();
}

absl::Status RegistryServiceImpl::List(const v1::ListStatementsRequest& request,
                                       absl::Time deadline,
                                       v1::ListStatementsResponse& response) {
  // Statements list newest first unless asked otherwise.
  absl::StatusOr<storage::ListQuery> query = ReadListQuery(
      request, {request.page_size(), request.page_token(), request.order_by(), "date desc",
                request.references(), request.text(), "speaker", request.speaker(), "date",
                request.date(), "id", "date"});
  if (!query.ok()) return query.status();
  query->speaker = request.speaker();
  query->deadline = deadline;
  absl::StatusOr<storage::Page<StoredStatement>> page = store_.ListStatements(*query);
  if (!page.ok()) return page.status();
  for (const StoredStatement& statement : page->items) {
    *response.add_statements() = codec::ToProto(statement);
  }
  response.set_next_page_token(NextToken(request, page->next));
  response.set_total_size(std::min(page->total, query->count_limit));
  response.set_total_size_is_lower_bound(page->total > query->count_limit);
  return absl::OkStatus();
}

absl::Status RegistryServiceImpl::RunSearch(const v1::SearchRequest& request,
                                            absl::Time deadline, v1::SearchResponse& response) {
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
  absl::StatusOr<int> size = PageSize(request.page_size(), kDefaultSearchPageSize,
                                      kMaxSearchPageSize);
  if (!size.ok()) return size.status();
  query.limit = *size;
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (request.kinds(i) != v1::ENTRY_KIND_RESOLUTION && request.kinds(i) != v1::ENTRY_KIND_STATEMENT) {
      return InvalidField(absl::StrCat("kinds[", i, "]"), "must be RESOLUTION or STATEMENT");
    }
  }
  auto asked = [&request](v1::EntryKind kind) {
    return request.kinds().empty() ||
           std::find(request.kinds().begin(), request.kinds().end(), kind) != request.kinds().end();
  };
  // A body filter concerns resolutions only, a speaker statements only.
  query.resolutions = asked(v1::ENTRY_KIND_RESOLUTION) && request.speaker().empty();
  query.statements = asked(v1::ENTRY_KIND_STATEMENT) && request.body().empty();
  absl::StatusOr<DayBounds> dates = Bounds(request.date(), "date");
  if (!dates.ok()) return dates.status();
  query.filters.from = dates->from;
  query.filters.to = dates->to;
  query.filters.body = request.body();
  query.filters.speaker = request.speaker();
  if (!request.references().empty()) {
    query.filters.reference = CanonicalReference(request.references());
  }
  if (!request.page_token().empty()) {
    absl::StatusOr<std::string> offset = page_tokens_.Decode(request, request.page_token());
    if (!offset.ok()) return offset.status();
    if (!absl::SimpleAtoi(*offset, &query.offset) || query.offset < 0) {
      return InvalidField("page_token", "malformed");
    }
  }
  if (query.offset + query.limit > kMaxSearchOffset) {
    return InvalidField("page_token", absl::StrCat("search pages end after ", kMaxSearchOffset,
                                                   " results: narrow the query"));
  }
  query.deadline = deadline;
  absl::StatusOr<storage::SearchResults> results = store_.Search(query);
  if (!results.ok()) return results.status();

  // A symbol typed as the query finds its resolution first.
  std::optional<StoredResolution> named;
  if (query.offset == 0 && query.resolutions &&
      (CanonicalSymbol(request.query()) || SymbolForName(request.query()))) {
    absl::StatusOr<StoredResolution> found = store_.GetResolution(LookupKeys(request.query()), 0);
    if (found.ok()) {
      named = *std::move(found);
    } else if (found.status().code() != absl::StatusCode::kNotFound) {
      return found.status();
    }
  }
  const double top = results->hits.empty() ? 1.0 : results->hits.front().score + 1.0;
  if (named.has_value()) {
    v1::SearchResult* result = response.add_results();
    *result->mutable_entry() = codec::ToProto(StoredEntry(*named));
    result->set_score(top);
    result->set_snippet(named->resolution.title);
  }
  for (const storage::SearchHit& hit : results->hits) {
    const auto* resolution = std::get_if<StoredResolution>(&hit.entry);
    if (named.has_value() && resolution != nullptr &&
        resolution->resolution.symbol == named->resolution.symbol) {
      continue;
    }
    v1::SearchResult* result = response.add_results();
    *result->mutable_entry() = codec::ToProto(hit.entry);
    result->set_score(hit.score);
    result->set_snippet(hit.snippet);
  }
  if (results->more) {
    response.set_next_page_token(
        page_tokens_.Encode(request, absl::StrCat(query.offset + query.limit)));
  }
  response.set_total_size(results->total);
  response.set_counts_are_lower_bounds(results->truncated);
  auto facet = [&response](const char* field, const auto& counts) {
    v1::Facet* facet = response.add_facets();
    facet->set_field(field);
    for (const auto& [value, count] : counts) {
      v1::FacetValue* added = facet->add_values();
      added->set_value(value);
      added->set_count(count);
    }
  };
  facet("body", results->bodies);
  facet("year", results->years);
  facet("kind", results->kinds);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListResolutions(
    grpc::CallbackServerContext* context, const v1::ListResolutionsRequest* request,
    v1::ListResolutionsResponse* response) {
  return OnExecutor(context, [this, request, response, deadline = Deadline(*context)] {
    return List(*request, deadline, *response);
  });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListStatements(
    grpc::CallbackServerContext* context, const v1::ListStatementsRequest* request,
    v1::ListStatementsResponse* response) {
  return OnExecutor(context, [this, request, response, deadline = Deadline(*context)] {
    return List(*request, deadline, *response);
  });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Search(grpc::CallbackServerContext* context,
                                                      const v1::SearchRequest* request,
                                                      v1::SearchResponse* response) {
  return OnExecutor(context, [this, request, response, deadline = Deadline(*context)] {
    return RunSearch(*request, deadline, *response);
  });
}

}  // namespace plenary::registry
