// plenary-registry: serves RegistryService and FeedService.
#include <algorithm>

#include "absl/flags/flag.h"
#include "services/common/service_main.h"
#include "services/registry/feed_service.h"
#include "services/registry/registry_service.h"
#include "storage/pg/pg_feed_store.h"
#include "storage/pg/pg_registry_store.h"

ABSL_FLAG(std::string, reader_tokens, "",
          "file of reader tokens, one per line: when given, every query and subscription "
          "must send 'authorization: Bearer <token>'. Falls back to $PLENARY_READER_TOKENS");
ABSL_FLAG(int, resolution_cache_entries, 20000,
          "latest revisions of resolutions kept in memory for GetResolution, evicted by the "
          "feed as new revisions commit (0: no cache)");
ABSL_FLAG(int, feed_window, 4096, "recent feed events kept in memory for live subscribers");
ABSL_FLAG(double, feed_stall_seconds, 30,
          "a subscriber that reads nothing for this long while events wait is ended with "
          "RESOURCE_EXHAUSTED, to resume from its cursor");
ABSL_FLAG(double, feed_heartbeat_seconds, 15,
          "an idle feed stream gets a PROGRESS event this often (keeps proxies from "
          "closing it)");
ABSL_FLAG(double, feed_progress_seconds, 5,
          "a filtered feed stream that skipped events gets a PROGRESS event this often");
ABSL_FLAG(int, feed_max_subscribers, 16384, "Subscribe streams open at once, all clients together");
ABSL_FLAG(int, feed_max_subscribers_per_client, 1024,
          "Subscribe streams open at once per reader token (per client address without tokens)");
ABSL_FLAG(int64_t, feed_history_budget_bytes, 64 << 20,
          "bytes of history events read for subscribers behind --feed-window and not yet "
          "written to them, all together; past it, catching up waits");

namespace plenary::registry {
namespace {

absl::StatusOr<FeedOptions> FeedOptionsFromFlags() {
  FeedOptions options;
  options.window = absl::GetFlag(FLAGS_feed_window);
  options.stall_timeout = absl::Seconds(absl::GetFlag(FLAGS_feed_stall_seconds));
  options.heartbeat = absl::Seconds(absl::GetFlag(FLAGS_feed_heartbeat_seconds));
  options.progress = absl::Seconds(absl::GetFlag(FLAGS_feed_progress_seconds));
  options.max_subscribers = absl::GetFlag(FLAGS_feed_max_subscribers);
  options.max_subscribers_per_client = absl::GetFlag(FLAGS_feed_max_subscribers_per_client);
  options.history_budget_bytes = absl::GetFlag(FLAGS_feed_history_budget_bytes);
  if (options.max_subscribers < 1 || options.max_subscribers_per_client < 1 ||
      options.history_budget_bytes < 1) {
    return absl::InvalidArgumentError(
        "--feed-max-subscribers, --feed-max-subscribers-per-client and "
        "--feed-history-budget-bytes must be positive");
  }
  if (options.window < 1) return absl::InvalidArgumentError("--feed-window must be positive");
  if (options.heartbeat <= absl::ZeroDuration() || options.progress <= absl::ZeroDuration() ||
      options.stall_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "--feed-heartbeat-seconds, --feed-progress-seconds and --feed-stall-seconds must be "
        "positive");
  }
  return options;
}

}  // namespace
}  // namespace plenary::registry

int main(int argc, char** argv) {
  using namespace plenary;
  services::ServiceSpec spec;
  spec.name = "plenary-registry";
  spec.usage =
      "plenary-registry serves Plenary's RegistryService (queries) and FeedService "
      "(the update stream).\nUsage: plenary-registry --database=postgresql://... "
      "[--listen=127.0.0.1:50051]";
  spec.default_listen_address = "127.0.0.1:50051";
  spec.service_names = {"plenary.v1.RegistryService", "plenary.v1.FeedService"};
  spec.make_services =
      [](services::ServiceContext context) -> absl::StatusOr<services::BuiltServices> {
    absl::StatusOr<registry::FeedOptions> feed_options = registry::FeedOptionsFromFlags();
    if (!feed_options.ok()) return feed_options.status();
    // Queries may read a replica; the feed reads the primary, where its order is made.
    auto registry_store = std::make_shared<storage::pg::PgRegistryStore>(context.read_pool);
    auto feed_store = std::make_shared<storage::pg::PgFeedStore>(context.pool);
    auto watcher = std::make_shared<storage::pg::PgFeedWatcher>(context.database_url);
    // History reads may take a quarter of the executor; queries keep the rest.
    feed_options->max_history_reads = std::max(1, context.executor.threads() / 4);
    auto hub = std::make_shared<registry::FeedHub>(*feed_store, *watcher, context.executor,
                                                   *feed_options);
    absl::StatusOr<std::shared_ptr<services::BearerTokens>> readers =
        services::TokensFromFileOrEnv(absl::GetFlag(FLAGS_reader_tokens), "PLENARY_READER_TOKENS");
    if (!readers.ok()) return readers.status();
    if (absl::GetFlag(FLAGS_resolution_cache_entries) < 0) {
      return absl::InvalidArgumentError("--resolution-cache-entries must not be negative");
    }
    auto cache = std::make_shared<registry::ResolutionCache>(
        static_cast<size_t>(absl::GetFlag(FLAGS_resolution_cache_entries)));
    hub->AddListener([cache = cache.get()](const v1::FeedEvent& event) {
      if (event.entry().has_resolution()) cache->Evict(event.entry().resolution().symbol());
    });
    if (absl::Status started = hub->Start(); !started.ok()) return started;
    absl::StatusOr<storage::DeploymentIdentity> identity = feed_store->Identity();
    if (!identity.ok()) return identity.status();
    auto page_tokens =
        std::make_shared<services::SignedTokenCodec>(identity->id, identity->secret);
    services::BuiltServices built;
    built.owned = {registry_store, feed_store, watcher, cache, hub, page_tokens, *readers};
    built.services.push_back(std::make_unique<registry::RegistryServiceImpl>(
        *registry_store, context.executor, *page_tokens, readers->get(), cache.get()));
    built.services.push_back(std::make_unique<registry::FeedServiceImpl>(*hub, readers->get()));
    built.before_shutdown = [hub] { hub->Shutdown(); };
    return built;
  };
  return services::RunService(spec, argc, argv);
}
