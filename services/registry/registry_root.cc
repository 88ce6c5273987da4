#include "services/registry/registry_root.h"

#include <algorithm>

namespace plenary::registry {
namespace {

// History reads may take a quarter of the executor; queries keep the rest.
FeedOptions WithHistoryReadsFor(FeedOptions options, const Executor& executor) {
  options.max_history_reads = std::max(1, executor.threads() / 4);
  return options;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RegistryRoot>> RegistryRoot::Start(RegistryConfig config,
                                                                  storage::Database& database,
                                                                  Executor& executor) {
  absl::StatusOr<storage::DeploymentIdentity> identity = database.feed_store().Identity();
  if (!identity.ok()) return identity.status();
  std::unique_ptr<RegistryRoot> root(
      new RegistryRoot(std::move(config), *identity, database, executor));
  if (absl::Status started = root->hub_.Start(); !started.ok()) return started;
  return root;
}

RegistryRoot::RegistryRoot(RegistryConfig config, const storage::DeploymentIdentity& identity,
                           storage::Database& database, Executor& executor)
    : config_(std::move(config)),
      cache_(config_.resolution_cache_entries),
      hub_(database.feed_store(), database.feed_watcher(), executor,
           WithHistoryReadsFor(config_.feed, executor)),
      page_tokens_(identity.id, identity.secret),
      // Queries may read a replica; the feed reads the primary, where its order is made.
      registry_service_(database.registry_store(), executor, page_tokens_, config_.readers.get(),
                        config_.resolution_cache_entries > 0 ? &cache_ : nullptr),
      feed_service_(hub_, config_.readers.get()) {
  hub_.AddListener([this](const v1::FeedEvent& event) {
    if (event.entry().has_resolution()) cache_.Evict(event.entry().resolution().symbol());
  });
}

std::vector<grpc::Service*> RegistryRoot::services() {
  return {&registry_service_, &feed_service_};
}

}  // namespace plenary::registry
