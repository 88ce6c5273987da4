// Everything a process uses of its database, behind one object: the stores,
// the feed's watcher, the health probe and how busy the connections are.
// Binaries and tests make one (storage/pg/pg_database.h) and hand it to the
// services; nothing above storage/pg sees a connection.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "storage/database_probe.h"
#include "storage/feed_store.h"
#include "storage/ingest_store.h"
#include "storage/registry_store.h"

namespace plenary::storage {

// How many connections one pool holds, and uses now.
struct PoolUse {
  std::string pool;  // "primary", "replica"
  int size = 0;
  std::function<int()> open;
  std::function<int()> in_use;
};

class Database {
 public:
  virtual ~Database() = default;

  // Queries; they may read a replica.
  virtual RegistryStore& registry_store() = 0;
  // The feed's log, read where its order is made (the primary).
  virtual FeedStore& feed_store() = 0;
  virtual FeedWatcher& feed_watcher() = 0;
  virtual IngestStore& ingest_store() = 0;
  virtual DatabaseProbe& probe() = 0;

  // The most connections one pool opens: blocking work needs no more threads.
  virtual int max_connections() const = 0;
  // Each pool's use, read by metrics; valid while the database lives.
  virtual std::vector<PoolUse> pools() = 0;
  // Calls `observer` with each wait for a connection and the pool's name.
  virtual void ObserveWaits(
      std::function<void(const std::string& pool, absl::Duration waited)> observer) = 0;
};

}  // namespace plenary::storage
