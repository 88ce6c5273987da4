// RegistryService over gRPC: validates queries, runs them against the
// RegistryStore on the blocking-work pool and maps the results.
#pragma once

#include <string>
#include <vector>

#include "common/executor.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "storage/registry_store.h"

namespace plenary::registry {

class RegistryServiceImpl final : public v1::RegistryService::CallbackService {
 public:
  RegistryServiceImpl(storage::RegistryStore& store, Executor& executor)
      : store_(store), executor_(executor) {}

  grpc::ServerUnaryReactor* GetResolution(grpc::CallbackServerContext* context,
                                          const v1::GetResolutionRequest* request,
                                          v1::Resolution* response) override;
  grpc::ServerUnaryReactor* BatchGetResolutions(grpc::CallbackServerContext* context,
                                                const v1::BatchGetResolutionsRequest* request,
                                                v1::BatchGetResolutionsResponse* response) override;
  grpc::ServerUnaryReactor* GetStatement(grpc::CallbackServerContext* context,
                                         const v1::GetStatementRequest* request,
                                         v1::Statement* response) override;

 private:
  absl::StatusOr<v1::Resolution> FindResolution(const std::string& symbol, int revision);

  storage::RegistryStore& store_;
  Executor& executor_;
};

// The alias keys under which a resolution asked for as `symbol` may be
// stored, most specific first: its canonical symbol, the resolution a
// well-known name designates, the text as typed.
std::vector<std::string> LookupKeys(const std::string& symbol);

}  // namespace plenary::registry
