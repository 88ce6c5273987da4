// The plans PostgreSQL makes for ingestion's statements.
#include "storage/pg/statements.h"

#include <pqxx/pqxx>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary::storage::pg {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A new deployment: the connection's first calls meet empty tables, and
// the generic plan made then is the one it keeps using as the tables grow.
// That plan must look rows up by key, never scan a whole table.
TEST(StatementsTest, IngestionPlansMadeOnEmptyTablesLookRowsUpByIndex) {
  PLENARY_ASSERT_OK_AND_ASSIGN(auto database, testing::TestDatabase::CreateMigrated());
  pqxx::connection connection(database->url());
  PrepareStatements(connection);
  pqxx::nontransaction tx(connection);
  tx.exec0("SET plan_cache_mode = force_generic_plan");
  const struct {
    const char* statement;
    std::string argument;
  } kCalls[] = {
      {kFindDocuments, R"([{"i": 0, "sha256": "00", "request_id": "r"}])"},
      {kClaimedResolutions, R"(["A/RES/64/222"])"},
      {kClaimedStatements, R"(["st-1"])"},
      {kSetResolutionRevisions, R"([{"id": 1, "revision": 2}])"},
      {kSetStatementRevisions, R"([{"id": 1, "revision": 2}])"},
      {kDocumentResolutions, "[1]"},
      {kDocumentStatements, "[1]"},
  };
  for (const auto& call : kCalls) {
    tx.exec_prepared(call.statement, call.argument);  // makes and caches the plan
    std::string plan;
    for (const pqxx::row& line : tx.exec(absl::StrCat("EXPLAIN EXECUTE ", call.statement, "(",
                                                      tx.quote(call.argument), ")"))) {
      absl::StrAppend(&plan, line[0].c_str(), "\n");
    }
    EXPECT_THAT(plan, Not(HasSubstr("Seq Scan"))) << call.statement << ":\n" << plan;
  }
}

}  // namespace
}  // namespace plenary::storage::pg
