#include "storage/pg/migrator.h"

#include <map>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/log.h"
#include "storage/pg/errors.h"
#include "storage/pg/record_backfill.h"

namespace plenary::storage::pg {
namespace {

// Any constant works, as long as every Plenary binary uses the same one.
constexpr long long kMigrationLockKey = 0x706c656e617279;  // "plenary"

// What a migration needs that SQL cannot do, run in its transaction before
// its SQL (`before`) or after it.
void RunCodeStep(const Migration& migration, pqxx::work& tx, bool before) {
  if (migration.name == "0006_record_encoding" && !before) EncodeStoredRecords(tx);
  // Writers of the previous release, still running during an upgrade, may
  // have stored revisions without their record since 0006 committed.
  if (migration.name == "0007_record_required" && before) {
    tx.exec0("LOCK TABLE resolution_revisions, statement_revisions IN ACCESS EXCLUSIVE MODE");
    EncodeStoredRecords(tx);
  }
  if (migration.name == "0010_member_state_votes" && !before) WriteVoteKeys(tx);
}

absl::Status Migrate(pqxx::connection& connection,
                     const std::vector<Migration>& migrations, int& version) {
  pqxx::nontransaction session(connection);
  // Session-level lock: held across the per-migration transactions below.
  session.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
  session.exec0(R"sql(
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    ))sql");
  std::map<int, std::string> applied;  // version -> checksum
  for (const auto& row : session.exec("SELECT version, checksum FROM schema_migrations")) {
    applied[row[0].as<int>()] = row[1].as<std::string>();
  }
  session.commit();

  absl::Status status = absl::OkStatus();
  int known_max = 0;
  for (const Migration& migration : migrations) {
    known_max = std::max(known_max, migration.version);
    const std::string checksum =
        pqxx::nontransaction(connection)
            .exec_params1("SELECT md5($1)", std::string(migration.sql))[0]
            .as<std::string>();
    if (auto it = applied.find(migration.version); it != applied.end()) {
      if (it->second != checksum) {
        status = absl::FailedPreconditionError(absl::StrFormat(
            "migration %d (%s) differs from the one applied to this database",
            migration.version, migration.name));
        break;
      }
      continue;
    }
    pqxx::work tx(connection);
    RunCodeStep(migration, tx, /*before=*/true);
    tx.exec(std::string(migration.sql));
    RunCodeStep(migration, tx, /*before=*/false);
    tx.exec_params0("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    migration.version, std::string(migration.name), checksum);
    tx.commit();
    applied[migration.version] = checksum;
    Log(LogLevel::kInfo, "applied migration", {{"name", migration.name}});
  }
  if (status.ok() && !applied.empty() && applied.rbegin()->first > known_max) {
    status = absl::FailedPreconditionError(absl::StrFormat(
        "the database schema is at version %d, newer than this binary's %d: "
        "run a newer release of Plenary",
        applied.rbegin()->first, known_max));
  }
  pqxx::nontransaction(connection).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
  version = applied.empty() ? 0 : applied.rbegin()->first;
  return status;
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(const std::string& database_url) {
  return ApplyMigrations(database_url, AllMigrations());
}

absl::StatusOr<int> ApplyMigrations(const std::string& database_url,
                                    const std::vector<Migration>& migrations) {
  try {
    pqxx::connection connection(database_url);
    int version = 0;
    if (absl::Status status = Migrate(connection, migrations, version); !status.ok()) {
      return status;
    }
    return version;
  } catch (...) {
    return StatusFromCurrentException("apply migrations");
  }
}

}  // namespace plenary::storage::pg
