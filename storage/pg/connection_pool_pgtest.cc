#include "storage/pg/connection_pool.h"

#include <atomic>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary::storage::pg {
namespace {

using ::plenary::testing::IsOk;
using ::plenary::testing::StatusIs;
using ::plenary::testing::TestDatabase;

class ConnectionPoolTest : public ::testing::Test {
 protected:
  void SetUp() override { PLENARY_ASSERT_OK_AND_ASSIGN(database_, TestDatabase::CreateEmpty()); }
  std::unique_ptr<TestDatabase> database_;
};

int BackendCount(const std::string& url) {
  pqxx::connection connection(url);
  return pqxx::nontransaction(connection)
      .exec1("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")[0]
      .as<int>();
}

TEST_F(ConnectionPoolTest, NeverOpensMoreThanItsSize) {
  ConnectionPool pool(database_->url(), 3);
  std::atomic<int> max_backends{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 20; ++j) {
        ASSERT_THAT(pool.Run("count", [&](pqxx::connection& connection) {
          int backends = pqxx::nontransaction(connection)
                             .exec1("SELECT count(*) FROM pg_stat_activity "
                                    "WHERE datname = current_database()")[0]
                             .as<int>();
          int seen = max_backends.load();
          while (backends > seen && !max_backends.compare_exchange_weak(seen, backends)) {
          }
          return absl::OkStatus();
        }), IsOk());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(max_backends.load(), 3);
  EXPECT_GE(max_backends.load(), 1);
}

TEST_F(ConnectionPoolTest, ReconnectsAfterItsConnectionsAreKilled) {
  ConnectionPool pool(database_->url(), 2);
  ASSERT_THAT(pool.Run("warm", [](pqxx::connection& c) {
    pqxx::nontransaction(c).exec1("SELECT 1");
    return absl::OkStatus();
  }), IsOk());
  {
    pqxx::connection admin(database_->url());
    pqxx::nontransaction(admin).exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  }
  EXPECT_THAT(pool.Run("after kill", [](pqxx::connection& c) {
    pqxx::nontransaction(c).exec1("SELECT 1");
    return absl::OkStatus();
  }), IsOk());
  EXPECT_GE(BackendCount(database_->url()), 1);
}

TEST_F(ConnectionPoolTest, MapsSqlErrorsToStatuses) {
  ConnectionPool pool(database_->url(), 1);
  ASSERT_THAT(pool.Run("create", [](pqxx::connection& c) {
    pqxx::nontransaction(c).exec0("CREATE TABLE t (k int PRIMARY KEY)");
    pqxx::nontransaction(c).exec0("INSERT INTO t VALUES (1)");
    return absl::OkStatus();
  }), IsOk());
  EXPECT_THAT(pool.Run("duplicate", [](pqxx::connection& c) {
    pqxx::nontransaction(c).exec0("INSERT INTO t VALUES (1)");
    return absl::OkStatus();
  }), StatusIs(absl::StatusCode::kAlreadyExists));
  // The connection is still usable after the error.
  EXPECT_THAT(pool.Run("after error", [](pqxx::connection& c) {
    pqxx::nontransaction(c).exec1("SELECT 1");
    return absl::OkStatus();
  }), IsOk());
}

TEST(ConnectionPoolDownTest, UnreachableDatabaseIsUnavailable) {
  ConnectionPool pool("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", 1);
  EXPECT_THAT(pool.Run("ping", [](pqxx::connection&) { return absl::OkStatus(); }),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace plenary::storage::pg
