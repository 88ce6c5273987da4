#include "services/registry/registry_service.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec/record_codec.h"
#include "model/symbol.h"
#include "services/common/grpc_status.h"
#include "services/registry/search_results.h"

namespace plenary::registry {
namespace {

// GetResolution calls read at once, at most.
constexpr int kMaxBatchSize = 1000;
// Batches of GetResolution lookups read at once: one is read while the
// other's answers go out. More make smaller batches: at 32 clients on 2
// cores, 4 gave 45-55% of the raw point SELECT's rate, 2 gave 68-76%.
constexpr int kConcurrentLookupBatches = 2;
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

// When the caller gives up on the call; infinite without a deadline.
absl::Time Deadline(const grpc::CallbackServerContext& context) {
  const auto deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return absl::InfiniteFuture();
  return absl::FromChrono(deadline);
}

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

// --- the calls: authorized and read here, on gRPC's thread; run on the executor

grpc::ServerUnaryReactor* RegistryServiceImpl::GetResolution(
    grpc::CallbackServerContext* context, const v1::GetResolutionRequest* request,
    v1::Resolution* response) {
  if (absl::Status admitted = Admit(*context, CheckRequest(*request)); !admitted.ok()) {
    return Finished(context, admitted);
  }
  if (request->revision() != 0) {
    return OnExecutor(context, [this, request, response]() -> absl::Status {
      absl::StatusOr<v1::Resolution> found =
          FindResolution(request->symbol(), request->revision());
      if (!found.ok()) return found.status();
      *response = *std::move(found);
      return absl::OkStatus();
    });
  }
  std::vector<std::string> keys = LookupKeys(request->symbol());
  // A cached latest revision is answered here: no hop to the executor, no
  // database.
  if (cache_ != nullptr) {
    if (std::optional<v1::Resolution> cached = cache_->Get(keys[0])) {
      *response = *std::move(cached);
      return Finished(context, absl::OkStatus());
    }
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  lookups_.Add({std::move(keys), request, response, reactor});
  return reactor;
}

grpc::ServerUnaryReactor* RegistryServiceImpl::BatchGetResolutions(
    grpc::CallbackServerContext* context, const v1::BatchGetResolutionsRequest* request,
    v1::BatchGetResolutionsResponse* response) {
  return Run(context, CheckRequest(*request),
             [this, request, response] { return FindResolutions(*request, *response); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetStatement(
    grpc::CallbackServerContext* context, const v1::GetStatementRequest* request,
    v1::Statement* response) {
  return Run(context, CheckRequest(*request),
             [this, request, response] { return FindStatement(*request, *response); });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListResolutions(
    grpc::CallbackServerContext* context, const v1::ListResolutionsRequest* request,
    v1::ListResolutionsResponse* response) {
  absl::StatusOr<storage::ListQuery> query = ReadListQuery(*request, page_tokens_);
  if (query.ok()) query->deadline = Deadline(*context);
  const absl::Status read = query.status();  // before the lambda takes `query`
  return Run(context, read, [this, request, response, query = std::move(query)] {
    return List(*query, *request, *response);
  });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListStatements(
    grpc::CallbackServerContext* context, const v1::ListStatementsRequest* request,
    v1::ListStatementsResponse* response) {
  absl::StatusOr<storage::ListQuery> query = ReadListQuery(*request, page_tokens_);
  if (query.ok()) query->deadline = Deadline(*context);
  const absl::Status read = query.status();  // before the lambda takes `query`
  return Run(context, read, [this, request, response, query = std::move(query)] {
    return List(*query, *request, *response);
  });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Search(grpc::CallbackServerContext* context,
                                                      const v1::SearchRequest* request,
                                                      v1::SearchResponse* response) {
  absl::StatusOr<storage::SearchQuery> query = ReadSearchQuery(*request, page_tokens_);
  if (query.ok()) query->deadline = Deadline(*context);
  const absl::Status read = query.status();  // before the lambda takes `query`
  return Run(context, read, [this, request, response, query = std::move(query)] {
    return RunSearch(*query, *request, *response);
  });
}

// --- how a call is admitted and finished

absl::Status RegistryServiceImpl::Admit(const grpc::CallbackServerContext& context,
                                        const absl::Status& request_read) const {
  if (readers_ != nullptr) {
    if (absl::Status allowed = services::Authenticate(*readers_, context).status();
        !allowed.ok()) {
      return allowed;
    }
  }
  return request_read;
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Finished(grpc::CallbackServerContext* context,
                                                        const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(services::ToGrpcStatus(status));
  return reactor;
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Run(grpc::CallbackServerContext* context,
                                                   const absl::Status& request_read,
                                                   std::function<absl::Status()> work) {
  if (absl::Status admitted = Admit(*context, request_read); !admitted.ok()) {
    return Finished(context, admitted);
  }
  return OnExecutor(context, std::move(work));
}

grpc::ServerUnaryReactor* RegistryServiceImpl::OnExecutor(grpc::CallbackServerContext* context,
                                                          std::function<absl::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  executor_.Schedule([reactor, work = std::move(work)] {
    reactor->Finish(services::ToGrpcStatus(work()));
  });
  return reactor;
}

// --- the work, on the executor

absl::StatusOr<v1::Resolution> RegistryServiceImpl::FindResolution(const std::string& symbol,
                                                                   int revision) {
  absl::StatusOr<StoredResolution> found = store_.GetResolution(LookupKeys(symbol), revision);
  if (found.status().code() == absl::StatusCode::kNotFound) {
    return ResolutionNotFound(symbol, revision);
  }
  if (!found.ok()) return found.status();
  return codec::ToProto(*found);
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

absl::Status RegistryServiceImpl::FindResolutions(const v1::BatchGetResolutionsRequest& request,
                                                  v1::BatchGetResolutionsResponse& response) {
  std::vector<std::vector<std::string>> lookups;
  for (const std::string& symbol : request.symbols()) lookups.push_back(LookupKeys(symbol));
  absl::StatusOr<std::vector<std::optional<StoredResolution>>> found =
      store_.GetResolutions(lookups);
  if (!found.ok()) return found.status();
  std::vector<std::string> missing;
  int missing_count = 0;
  for (int i = 0; i < request.symbols_size(); ++i) {
    if ((*found)[i].has_value()) {
      *response.add_resolutions() = codec::ToProto(*(*found)[i]);
    } else if (++missing_count <= kMaxMissingNamed) {
      missing.push_back(absl::StrCat("symbols[", i, "] \"",
                                     Utf8Prefix(request.symbols(i), kMaxMissingBytes), "\""));
    }
  }
  if (missing_count > 0) {
    // Bounded: the message travels in a header, and headers have a limit.
    response.Clear();
    return absl::NotFoundError(absl::StrCat(
        "no resolution is known as ", absl::StrJoin(missing, ", "),
        missing_count > kMaxMissingNamed
            ? absl::StrCat(" and ", missing_count - kMaxMissingNamed, " more")
            : ""));
  }
  return absl::OkStatus();
}

absl::Status RegistryServiceImpl::FindStatement(const v1::GetStatementRequest& request,
                                                v1::Statement& response) {
  absl::StatusOr<StoredStatement> found = store_.GetStatement(request.id(), request.revision());
  if (found.status().code() == absl::StatusCode::kNotFound) {
    return absl::NotFoundError(absl::StrCat(
        "no statement has id \"", request.id(), "\"",
        request.revision() == 0 ? "" : absl::StrCat(" with revision ", request.revision())));
  }
  if (!found.ok()) return found.status();
  response = codec::ToProto(*found);
  return absl::OkStatus();
}

absl::Status RegistryServiceImpl::List(const storage::ListQuery& query,
                                       const v1::ListResolutionsRequest& request,
                                       v1::ListResolutionsResponse& response) {
  absl::StatusOr<storage::Page<StoredResolution>> page = store_.ListResolutions(query);
  if (!page.ok()) return page.status();
  for (const StoredResolution& resolution : page->items) {
    *response.add_resolutions() = codec::ToProto(resolution);
  }
  response.set_next_page_token(NextListToken(request, page->next, page_tokens_));
  response.set_total_size(std::min(page->total, query.count_limit));
  response.set_total_size_is_lower_bound(page->total > query.count_limit);
  return absl::OkStatus();
}

absl::Status RegistryServiceImpl::List(const storage::ListQuery& query,
                                       const v1::ListStatementsRequest& request,
                                       v1::ListStatementsResponse& response) {
  absl::StatusOr<storage::Page<StoredStatement>> page = store_.ListStatements(query);
  if (!page.ok()) return page.status();
  for (const StoredStatement& statement : page->items) {
    *response.add_statements() = codec::ToProto(statement);
  }
  response.set_next_page_token(NextListToken(request, page->next, page_tokens_));
  response.set_total_size(std::min(page->total, query.count_limit));
  response.set_total_size_is_lower_bound(page->total > query.count_limit);
  return absl::OkStatus();
}

absl::Status RegistryServiceImpl::RunSearch(const storage::SearchQuery& query,
                                            const v1::SearchRequest& request,
                                            v1::SearchResponse& response) {
  absl::StatusOr<storage::SearchResults> results = store_.Search(query);
  if (!results.ok()) return results.status();
  // A symbol or name typed as the query finds its resolution first.
  std::optional<StoredResolution> named;
  if (query.offset == 0 && query.resolutions && NamedResolution(request.query())) {
    absl::StatusOr<StoredResolution> found = store_.GetResolution(LookupKeys(request.query()), 0);
    if (found.ok()) {
      named = *std::move(found);
    } else if (found.status().code() != absl::StatusCode::kNotFound) {
      return found.status();
    }
  }
  WriteSearchResults(*results, named, response);
  if (results->more) response.set_next_page_token(NextSearchToken(request, query, page_tokens_));
  return absl::OkStatus();
}

}  // namespace plenary::registry
