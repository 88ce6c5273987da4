// The three services in this process over a real database, wired as the
// binaries wire them (minus flags and auth), on one loopback port: for
// tests that go from a gRPC call down to PostgreSQL and back.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/executor.h"
#include "grpcpp/channel.h"
#include "services/common/server.h"
#include "services/ingest/ingest_service.h"
#include "services/registry/feed_hub.h"
#include "services/registry/feed_service.h"
#include "services/registry/registry_service.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_feed_store.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/pg_registry_store.h"

namespace plenary::testing {

class InProcessServices {
 public:
  // Starts everything over the migrated database at `database_url`.
  static absl::StatusOr<std::unique_ptr<InProcessServices>> Start(const std::string& database_url);
  ~InProcessServices();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

 private:
  explicit InProcessServices(const std::string& database_url);

  storage::pg::ConnectionPool pool_;
  storage::pg::PgIngestStore ingest_store_;
  storage::pg::PgRegistryStore registry_store_;
  storage::pg::PgFeedStore feed_store_;
  storage::pg::PgFeedWatcher watcher_;
  Executor executor_{4};
  registry::FeedHub hub_;
  services::BearerTokens publishers_ = services::BearerTokens::AllowAll();
  ingest::RateLimiter limits_{0, 1};
  services::SignedTokenCodec tokens_{"in-process", "secret"};
  ingest::Ingester ingester_;
  ingest::IngestServiceImpl ingest_service_;
  registry::RegistryServiceImpl registry_service_;
  registry::FeedServiceImpl feed_service_;
  std::unique_ptr<services::RunningServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace plenary::testing
