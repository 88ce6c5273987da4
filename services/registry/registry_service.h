// RegistryService over gRPC: validates queries, runs them against the
// RegistryStore on the blocking-work pool and maps the results. Lookups of
// latest revisions that arrive while others are read are read together,
// in one statement (see common/batcher.h).
#pragma once

#include <string>
#include <vector>

#include "common/batcher.h"
#include "common/executor.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "services/common/bearer_tokens.h"
#include "services/common/signed_token.h"
#include "services/registry/query_params.h"
#include "services/registry/resolution_cache.h"
#include "storage/registry_store.h"

namespace plenary::registry {

class RegistryServiceImpl final : public v1::RegistryService::CallbackService {
 public:
  // `tokens` signs page tokens; `readers`, when not null, are the bearer
  // tokens every call must present; `cache`, when not null, serves latest
  // revisions (the feed must evict from it). All must outlive the service.
  RegistryServiceImpl(storage::RegistryStore& store, Executor& executor,
                      const services::SignedTokenCodec& tokens,
                      const services::BearerTokens* readers = nullptr,
                      ResolutionCache* cache = nullptr);

  grpc::ServerUnaryReactor* GetResolution(grpc::CallbackServerContext* context,
                                          const v1::GetResolutionRequest* request,
                                          v1::Resolution* response) override;
  grpc::ServerUnaryReactor* BatchGetResolutions(grpc::CallbackServerContext* context,
                                                const v1::BatchGetResolutionsRequest* request,
                                                v1::BatchGetResolutionsResponse* response) override;
  grpc::ServerUnaryReactor* GetStatement(grpc::CallbackServerContext* context,
                                         const v1::GetStatementRequest* request,
                                         v1::Statement* response) override;
  grpc::ServerUnaryReactor* ListResolutions(grpc::CallbackServerContext* context,
                                            const v1::ListResolutionsRequest* request,
                                            v1::ListResolutionsResponse* response) override;
  grpc::ServerUnaryReactor* ListStatements(grpc::CallbackServerContext* context,
                                           const v1::ListStatementsRequest* request,
                                           v1::ListStatementsResponse* response) override;
  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext* context,
                                   const v1::SearchRequest* request,
                                   v1::SearchResponse* response) override;

  // For tests of batching: returns once `count` GetResolution calls have
  // been queued for a batched read since construction.
  void AwaitQueuedLookupsForTest(size_t count) { lookups_.AwaitAddedForTest(count); }

 private:
  // OK when the caller may read (always, without reader tokens).
  absl::Status Authorize(const grpc::CallbackServerContext& context) const;
  // Runs `work` on the executor, once the caller is authenticated, and
  // finishes the call with its status.
  grpc::ServerUnaryReactor* OnExecutor(grpc::CallbackServerContext* context,
                                       std::function<absl::Status()> work);
  absl::StatusOr<v1::Resolution> FindResolution(const std::string& symbol, int revision);
  // A GetResolution call for a latest revision, waiting for its batch.
  struct WaitingLookup {
    std::vector<std::string> keys;  // LookupKeys of the request's symbol
    const v1::GetResolutionRequest* request;
    v1::Resolution* response;
    grpc::ServerUnaryReactor* reactor;
  };
  // Reads a batch of lookups in one statement and answers them.
  void LookUp(std::vector<WaitingLookup>& lookups);
  // What the two List requests share, by reference into the request.
  struct ListFields {
    int page_size;
    const std::string& page_token;
    const std::string& order_by;
    const char* default_order;
    const std::string& references;
    const std::string& text;
    const char* filter_name;  // "body" or "speaker"
    const std::string& filter;
    const char* range_name;  // "adopted" or "date"
    const v1::DateRange& range;
    const char* key_order;   // "symbol" or "id"
    const char* date_order;  // "adopted" or "date"
  };
  // The query a List request asks for, or INVALID_ARGUMENT naming the field.
  absl::StatusOr<storage::ListQuery> ReadListQuery(const google::protobuf::Message& request,
                                                   const ListFields& fields) const;
  // Each runs until `deadline`, the caller's.
  absl::Status List(const v1::ListResolutionsRequest& request, absl::Time deadline,
                    v1::ListResolutionsResponse& response);
  absl::Status List(const v1::ListStatementsRequest& request, absl::Time deadline,
                    v1::ListStatementsResponse& response);
  absl::Status RunSearch(const v1::SearchRequest& request, absl::Time deadline,
                         v1::SearchResponse& response);
  // Reads page_token into query.after.
  absl::Status StartAfter(const google::protobuf::Message& request, const std::string& token,
                          storage::ListQuery& query) const;
  std::string NextToken(const google::protobuf::Message& request,
                        const std::optional<storage::PageKey>& next) const;

  storage::RegistryStore& store_;
  Executor& executor_;
  PageTokens page_tokens_;
  const services::BearerTokens* readers_;
  ResolutionCache* cache_;
  // Last: destroying it waits for the batches that use the members above.
  Batcher<WaitingLookup> lookups_;
};

// The alias keys under which a resolution asked for as `symbol` may be
// stored, most specific first: its canonical symbol, the resolution a
// well-known name designates, the text as typed.
std::vector<std::string> LookupKeys(const std::string& symbol);

}  // namespace plenary::registry
