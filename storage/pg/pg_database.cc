#include "storage/pg/pg_database.h"

#include <algorithm>

#include "storage/pg/statements.h"

namespace plenary::storage::pg {
namespace {

std::unique_ptr<ConnectionPool> ReplicaPool(const DatabaseConfig& config) {
  if (config.replica_url.empty()) return nullptr;
  return std::make_unique<ConnectionPool>(config.replica_url, config.pool_size,
                                          PrepareStatements);
}

PoolUse UseOf(const char* name, ConnectionPool& pool) {
  return {name, pool.size(), [&pool] { return pool.open(); }, [&pool] { return pool.in_use(); }};
}

}  // namespace

PgDatabase::PgDatabase(const DatabaseConfig& config)
    : primary_(config.url, config.pool_size, PrepareStatements),
      replica_(ReplicaPool(config)),
      search_fan_out_(std::max(1, config.pool_size / 4)),
      registry_store_(replica_ != nullptr ? *replica_ : primary_, &search_fan_out_),
      feed_store_(primary_),
      feed_watcher_(config.url),
      ingest_store_(primary_),
      probe_(primary_) {}

std::vector<PoolUse> PgDatabase::pools() {
  std::vector<PoolUse> pools = {UseOf("primary", primary_)};
  if (replica_ != nullptr) pools.push_back(UseOf("replica", *replica_));
  return pools;
}

void PgDatabase::ObserveWaits(
    std::function<void(const std::string& pool, absl::Duration waited)> observer) {
  primary_.ObserveWaits([observer](absl::Duration waited) { observer("primary", waited); });
  if (replica_ != nullptr) {
    replica_->ObserveWaits([observer](absl::Duration waited) { observer("replica", waited); });
  }
}

}  // namespace plenary::storage::pg
