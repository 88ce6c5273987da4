// A throwaway PostgreSQL database per test binary, on the server that
// tests/run.sh starts (PLENARY_TEST_DATABASE_URL), dropped at the end.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace plenary::testing {

class TestDatabase {
 public:
  // Creates an empty database with a unique name. Fails when
  // PLENARY_TEST_DATABASE_URL is unset or the server does not answer.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> CreateEmpty();
  // Creates a database and applies the production migrations to it.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> CreateMigrated();

  // Drops the database, closing any connection still open to it.
  ~TestDatabase();

  // A libpq URI for the database.
  const std::string& url() const { return url_; }

 private:
  TestDatabase(std::string admin_url, std::string name, std::string url)
      : admin_url_(std::move(admin_url)), name_(std::move(name)), url_(std::move(url)) {}

  std::string admin_url_;
  std::string name_;
  std::string url_;
};

// The URL of database `name` on the server `url` points to.
std::string WithDatabaseName(const std::string& url, const std::string& name);

}  // namespace plenary::testing
