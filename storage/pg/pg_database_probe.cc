#include "storage/pg/pg_database_probe.h"

#include <pqxx/pqxx>

namespace plenary::storage::pg {

absl::Status PgDatabaseProbe::Ping() {
  return pool_.Run("ping", [](pqxx::connection& connection) {
    pqxx::nontransaction(connection).exec1("SELECT 1");
    return absl::OkStatus();
  });
}

}  // namespace plenary::storage::pg
