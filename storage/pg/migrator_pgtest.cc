#include "storage/pg/migrator.h"

#include <future>
#include <pqxx/pqxx>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary::storage::pg {
namespace {

using ::plenary::testing::IsOk;
using ::plenary::testing::IsOkAndHolds;
using ::plenary::testing::StatusIs;
using ::plenary::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

int LatestVersion() { return AllMigrations().back().version; }

std::vector<int> AppliedVersions(const std::string& url) {
  pqxx::connection connection(url);
  std::vector<int> versions;
  for (const auto& row : pqxx::nontransaction(connection).exec(
           "SELECT version FROM schema_migrations ORDER BY version")) {
    versions.push_back(row[0].as<int>());
  }
  return versions;
}

class MigratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PLENARY_ASSERT_OK_AND_ASSIGN(database_, TestDatabase::CreateEmpty());
  }
  std::unique_ptr<TestDatabase> database_;
};

TEST_F(MigratorTest, AppliesEveryMigrationToAnEmptyDatabase) {
  EXPECT_THAT(ApplyMigrations(database_->url()), IsOkAndHolds(LatestVersion()));
  EXPECT_EQ(AppliedVersions(database_->url()).size(), AllMigrations().size());
  pqxx::connection connection(database_->url());
  // The schema is really there: the feed starts at position 0.
  EXPECT_EQ(pqxx::nontransaction(connection).exec1("SELECT position FROM feed_head")[0].as<int>(), 0);
}

TEST_F(MigratorTest, SecondRunChangesNothing) {
  ASSERT_THAT(ApplyMigrations(database_->url()), IsOk());
  pqxx::connection connection(database_->url());
  const std::string before =
      pqxx::nontransaction(connection).exec1("SELECT id::text FROM deployment")[0].as<std::string>();
  EXPECT_THAT(ApplyMigrations(database_->url()), IsOkAndHolds(LatestVersion()));
  EXPECT_EQ(AppliedVersions(database_->url()).size(), AllMigrations().size());
  EXPECT_EQ(pqxx::nontransaction(connection).exec1("SELECT id::text FROM deployment")[0].as<std::string>(),
            before);
}

TEST_F(MigratorTest, ConcurrentRunsApplyEachMigrationOnce) {
  std::vector<std::future<absl::StatusOr<int>>> runs;
  for (int i = 0; i < 4; ++i) {
    runs.push_back(std::async(std::launch::async,
                              [url = database_->url()] { return ApplyMigrations(url); }));
  }
  for (auto& run : runs) EXPECT_THAT(run.get(), IsOkAndHolds(LatestVersion()));
  EXPECT_EQ(AppliedVersions(database_->url()).size(), AllMigrations().size());
  pqxx::connection connection(database_->url());
  EXPECT_EQ(pqxx::nontransaction(connection).exec1("SELECT count(*) FROM deployment")[0].as<int>(), 1);
}

TEST_F(MigratorTest, AppliesOnlyWhatIsNew) {
  const std::vector<Migration> first = {{1, "0001_a", "CREATE TABLE a (x int)"}};
  const std::vector<Migration> both = {first[0], {2, "0002_b", "CREATE TABLE b (y int)"}};
  ASSERT_THAT(ApplyMigrations(database_->url(), first), IsOkAndHolds(1));
  ASSERT_THAT(ApplyMigrations(database_->url(), both), IsOkAndHolds(2));
  EXPECT_THAT(AppliedVersions(database_->url()), ElementsAre(1, 2));
}

TEST_F(MigratorTest, FailedMigrationLeavesNothingBehind) {
  const std::vector<Migration> broken = {
      {1, "0001_ok", "CREATE TABLE a (x int)"},
      {2, "0002_broken", "CREATE TABLE b (y int); SELECT no_such_function()"}};
  EXPECT_THAT(ApplyMigrations(database_->url(), broken), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(AppliedVersions(database_->url()), ElementsAre(1));
  pqxx::connection connection(database_->url());
  EXPECT_EQ(pqxx::nontransaction(connection)
                .exec1("SELECT to_regclass('b') IS NULL")[0].as<bool>(), true);
}

TEST_F(MigratorTest, RefusesADatabaseMigratedByANewerRelease) {
  const std::vector<Migration> newer = {{1, "0001_a", "SELECT 1"}, {2, "0002_b", "SELECT 2"}};
  ASSERT_THAT(ApplyMigrations(database_->url(), newer), IsOk());
  EXPECT_THAT(ApplyMigrations(database_->url(), {newer[0]}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("newer")));
}

TEST_F(MigratorTest, RefusesAMigrationChangedAfterItWasApplied) {
  ASSERT_THAT(ApplyMigrations(database_->url(), {{1, "0001_a", "SELECT 1"}}), IsOk());
  EXPECT_THAT(ApplyMigrations(database_->url(), {{1, "0001_a", "SELECT 42"}}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("differs")));
}

TEST(MigratorUnreachableTest, UnreachableDatabaseIsUnavailable) {
  EXPECT_THAT(ApplyMigrations("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace plenary::storage::pg
