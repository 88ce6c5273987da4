#include "tests/support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "storage/pg/errors.h"
#include "storage/pg/migrator.h"

namespace plenary::testing {

std::string WithDatabaseName(const std::string& url, const std::string& name) {
  const size_t query = url.find('?');
  const std::string base = url.substr(0, query);
  const std::string params = query == std::string::npos ? "" : url.substr(query);
  const size_t slash = base.rfind('/');
  const size_t authority = base.find("://");
  if (slash == std::string::npos || authority == std::string::npos || slash < authority + 3) {
    return absl::StrCat(base, "/", name, params);
  }
  return absl::StrCat(base.substr(0, slash + 1), name, params);
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::CreateEmpty() {
  const char* admin_url = std::getenv("PLENARY_TEST_DATABASE_URL");
  if (admin_url == nullptr || *admin_url == '\0') {
    return absl::FailedPreconditionError(
        "PLENARY_TEST_DATABASE_URL is not set: run the database tests through "
        "./tests/run.sh, which starts a throwaway PostgreSQL");
  }
  static std::atomic<int> counter{0};
  const std::string name = absl::StrCat("plenary_test_", getpid(), "_", counter++, "_",
                                        absl::ToUnixMicros(absl::Now()) % 1000000);
  try {
    pqxx::connection connection(admin_url);
    pqxx::nontransaction(connection).exec0(absl::StrCat("CREATE DATABASE ", name));
  } catch (...) {
    return storage::pg::StatusFromCurrentException("create test database");
  }
  return std::unique_ptr<TestDatabase>(
      new TestDatabase(admin_url, name, WithDatabaseName(admin_url, name)));
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::CreateMigrated() {
  absl::StatusOr<std::unique_ptr<TestDatabase>> database = CreateEmpty();
  if (!database.ok()) return database.status();
  absl::StatusOr<int> version = storage::pg::ApplyMigrations((*database)->url());
  if (!version.ok()) return version.status();
  return database;
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection connection(admin_url_);
    pqxx::nontransaction(connection)
        .exec0(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception&) {
    // The server may be gone (a test stopped it); run.sh removes it anyway.
  }
}

}  // namespace plenary::testing
