#include "storage/pg/pg_registry_store.h"

#include <optional>
#include <pqxx/pqxx>

#include "storage/pg/record_json.h"
#include "storage/pg/row_decoding.h"
#include "storage/pg/statements.h"

namespace plenary::storage::pg {

absl::StatusOr<StoredResolution> PgRegistryStore::GetResolution(
    const std::vector<std::string>& alias_keys, int revision) {
  std::optional<StoredResolution> found;
  absl::Status status = pool_.Run("get resolution", [&](pqxx::connection& connection) {
    const pqxx::result rows = pqxx::nontransaction(connection).exec_prepared(
        kGetResolution, StringsToJson(alias_keys), revision);
    if (!rows.empty()) found = ResolutionFromRow(rows[0]);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found.has_value()) return absl::NotFoundError("no such resolution");
  return *std::move(found);
}

absl::StatusOr<StoredStatement> PgRegistryStore::GetStatement(absl::string_view id,
                                                              int revision) {
  std::optional<StoredStatement> found;
  absl::Status status = pool_.Run("get statement", [&](pqxx::connection& connection) {
    const pqxx::result rows = pqxx::nontransaction(connection).exec_prepared(
        kGetStatement, std::string(id), revision);
    if (!rows.empty()) found = StatementFromRow(rows[0]);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found.has_value()) return absl::NotFoundError("no such statement");
  return *std::move(found);
}

}  // namespace plenary::storage::pg
