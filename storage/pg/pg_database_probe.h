// DatabaseProbe over a connection pool.
#pragma once

#include "storage/database_probe.h"
#include "storage/pg/connection_pool.h"

namespace plenary::storage::pg {

class PgDatabaseProbe final : public DatabaseProbe {
 public:
  explicit PgDatabaseProbe(ConnectionPool& pool) : pool_(pool) {}
  absl::Status Ping() override;

 private:
  ConnectionPool& pool_;
};

}  // namespace plenary::storage::pg
