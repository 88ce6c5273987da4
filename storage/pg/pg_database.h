// The PostgreSQL Database: its pools and the stores over them. Members are
// declared in the order they depend on each other, so they are destroyed
// in the reverse: stores before the pools they borrow connections from.
#pragma once

#include <memory>
#include <string>

#include "common/executor.h"
#include "storage/database.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_database_probe.h"
#include "storage/pg/pg_feed_store.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/pg_registry_store.h"

namespace plenary::storage::pg {

struct DatabaseConfig {
  std::string url;          // libpq URI of the primary
  std::string replica_url;  // of a read replica for queries; empty: the primary
  int pool_size = 8;        // connections per pool
};

class PgDatabase final : public Database {
 public:
  // Connects lazily: connections open as the stores first need them.
  explicit PgDatabase(const DatabaseConfig& config);

  RegistryStore& registry_store() override { return registry_store_; }
  FeedStore& feed_store() override { return feed_store_; }
  FeedWatcher& feed_watcher() override { return feed_watcher_; }
  IngestStore& ingest_store() override { return ingest_store_; }
  DatabaseProbe& probe() override { return probe_; }
  int max_connections() const override { return primary_.size(); }
  std::vector<PoolUse> pools() override;
  void ObserveWaits(
      std::function<void(const std::string& pool, absl::Duration waited)> observer) override;

 private:
  ConnectionPool primary_;
  std::unique_ptr<ConnectionPool> replica_;  // null without a replica
  // Searches the second kind of record beside the caller's thread
  // (PgRegistryStore::Search): a quarter of the pool's size, no thread per
  // call; when all are busy, the caller searches both kinds itself.
  Executor search_fan_out_;
  PgRegistryStore registry_store_;
  PgFeedStore feed_store_;
  PgFeedWatcher feed_watcher_;
  PgIngestStore ingest_store_;
  PgDatabaseProbe probe_;
};

}  // namespace plenary::storage::pg
