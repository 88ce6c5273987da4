// plenary-registry: serves RegistryService and FeedService.
#include "absl/flags/flag.h"
#include "services/common/service_main.h"
#include "services/registry/registry_root.h"

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
  spec.make_root = [](services::ServiceContext context)
      -> absl::StatusOr<std::unique_ptr<services::ServiceRoot>> {
    absl::StatusOr<registry::FeedOptions> feed_options = registry::FeedOptionsFromFlags();
    if (!feed_options.ok()) return feed_options.status();
    absl::StatusOr<std::shared_ptr<services::BearerTokens>> readers =
        services::TokensFromFileOrEnv(absl::GetFlag(FLAGS_reader_tokens), "PLENARY_READER_TOKENS");
    if (!readers.ok()) return readers.status();
    if (absl::GetFlag(FLAGS_resolution_cache_entries) < 0) {
      return absl::InvalidArgumentError("--resolution-cache-entries must not be negative");
    }
    return registry::RegistryRoot::Start(
        {.feed = *feed_options,
         .resolution_cache_entries =
             static_cast<size_t>(absl::GetFlag(FLAGS_resolution_cache_entries)),
         .readers = *std::move(readers)},
        context.database, context.executor);
  };
  return services::RunService(spec, argc, argv);
}
