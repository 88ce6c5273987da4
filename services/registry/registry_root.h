// plenary-registry's composition root: RegistryService and FeedService with
// the feed hub, the resolution cache the feed evicts from, and the page
// token codec, over a Database.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/executor.h"
#include "services/common/bearer_tokens.h"
#include "services/common/service_root.h"
#include "services/common/signed_token.h"
#include "services/registry/feed_hub.h"
#include "services/registry/feed_service.h"
#include "services/registry/registry_service.h"
#include "services/registry/resolution_cache.h"
#include "storage/database.h"

namespace plenary::registry {

struct RegistryConfig {
  FeedOptions feed;  // max_history_reads is set from the executor
  // Latest revisions of resolutions kept in memory; 0: no cache.
  size_t resolution_cache_entries = 20000;
  // The bearer tokens readers must present; null: anyone may read.
  std::shared_ptr<const services::BearerTokens> readers;
};

class RegistryRoot final : public services::ServiceRoot {
 public:
  // Reads the deployment's identity and starts the feed. UNAVAILABLE when
  // the database cannot be read. `database` and `executor` must outlive it.
  static absl::StatusOr<std::unique_ptr<RegistryRoot>> Start(RegistryConfig config,
                                                              storage::Database& database,
                                                              Executor& executor);

  std::vector<grpc::Service*> services() override;
  void BeforeShutdown() override { hub_.Shutdown(); }

 private:
  RegistryRoot(RegistryConfig config, const storage::DeploymentIdentity& identity,
               storage::Database& database, Executor& executor);

  const RegistryConfig config_;
  ResolutionCache cache_;
  FeedHub hub_;  // evicts from cache_
  services::SignedTokenCodec page_tokens_;
  RegistryServiceImpl registry_service_;
  FeedServiceImpl feed_service_;
};

}  // namespace plenary::registry
