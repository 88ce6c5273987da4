// FeedStore and FeedWatcher over PostgreSQL: the feed_events log, and
// LISTEN on the channel that ingestion's transactions NOTIFY.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "storage/feed_store.h"
#include "storage/pg/connection_pool.h"

namespace plenary::storage::pg {

class PgFeedStore final : public FeedStore {
 public:
  // `pool` must prepare statements.h's statements on its connections.
  explicit PgFeedStore(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<FeedRecord>> ReadFeed(int64_t after_position, int limit) override;
  absl::StatusOr<int64_t> Head() override;
  absl::StatusOr<DeploymentIdentity> Identity() override;

 private:
  ConnectionPool& pool_;
};

// One dedicated connection that LISTENs; it reconnects with backoff when the
// database goes away, and reports an empty notice after reconnecting since
// commits may have happened meanwhile.
class PgFeedWatcher final : public FeedWatcher {
 public:
  explicit PgFeedWatcher(std::string database_url) : database_url_(std::move(database_url)) {}
  ~PgFeedWatcher() override { Stop(); }

  void Start(std::function<void(FeedNotice)> on_notice) override;
  void Stop() override;

 private:
  void Run(std::function<void(FeedNotice)> on_notice);

  const std::string database_url_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace plenary::storage::pg
