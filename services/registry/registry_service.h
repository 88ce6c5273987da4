// RegistryService over gRPC. Each call is authorized and its request read
// on gRPC's thread (registry_requests.h); a valid one runs against the
// RegistryStore on the blocking-work pool, and its results are mapped.
// Lookups of latest revisions that arrive while others are read are read
// together, in one statement (see common/batcher.h); a cached one is
// answered at once.
#pragma once

#include <string>
#include <vector>

#include "common/batcher.h"
#include "common/executor.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "services/common/bearer_tokens.h"
#include "services/common/signed_token.h"
#include "services/registry/query_params.h"
#include "services/registry/registry_requests.h"
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
  // UNAUTHENTICATED unless the caller may read (always, without reader
  // tokens), else `request_read`: the outcome of reading the request.
  absl::Status Admit(const grpc::CallbackServerContext& context,
                     const absl::Status& request_read) const;
  // The call's reactor, finished with `status` at once.
  static grpc::ServerUnaryReactor* Finished(grpc::CallbackServerContext* context,
                                            const absl::Status& status);
  // The call's reactor: finished at once as Admit says when that is not
  // OK, else as OnExecutor.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                const absl::Status& request_read,
                                std::function<absl::Status()> work);
  // The call's reactor, finished with the status of `work` once it has run
  // on the executor.
  grpc::ServerUnaryReactor* OnExecutor(grpc::CallbackServerContext* context,
                                       std::function<absl::Status()> work);

  // The work of each call, on the executor, for a request already checked.
  absl::StatusOr<v1::Resolution> FindResolution(const std::string& symbol, int revision);
  absl::Status FindResolutions(const v1::BatchGetResolutionsRequest& request,
                               v1::BatchGetResolutionsResponse& response);
  absl::Status FindStatement(const v1::GetStatementRequest& request, v1::Statement& response);
  absl::Status List(const storage::ListQuery& query, const v1::ListResolutionsRequest& request,
                    v1::ListResolutionsResponse& response);
  absl::Status List(const storage::ListQuery& query, const v1::ListStatementsRequest& request,
                    v1::ListStatementsResponse& response);
  absl::Status RunSearch(const storage::SearchQuery& query, const v1::SearchRequest& request,
                         v1::SearchResponse& response);

  // A GetResolution call for a latest revision, waiting for its batch.
  struct WaitingLookup {
    std::vector<std::string> keys;  // LookupKeys of the request's symbol
    const v1::GetResolutionRequest* request;
    v1::Resolution* response;
    grpc::ServerUnaryReactor* reactor;
  };
  // Reads a batch of lookups in one statement and answers them.
  void LookUp(std::vector<WaitingLookup>& lookups);

  storage::RegistryStore& store_;
  Executor& executor_;
  PageTokens page_tokens_;
  const services::BearerTokens* readers_;
  ResolutionCache* cache_;
  // Last: destroying it waits for the batches that use the members above.
  Batcher<WaitingLookup> lookups_;
};

}  // namespace plenary::registry
