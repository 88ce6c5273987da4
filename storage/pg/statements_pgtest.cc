// The plans PostgreSQL makes for the statements that look rows up by key.
#include "storage/pg/statements.h"

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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
TEST(StatementsTest, LookupPlansMadeOnEmptyTablesUseIndexes) {
  PLENARY_ASSERT_OK_AND_ASSIGN(auto database, testing::TestDatabase::CreateMigrated());
  pqxx::connection connection(database->url());
  PrepareStatements(connection);
  pqxx::nontransaction tx(connection);
  tx.exec0("SET plan_cache_mode = force_generic_plan");
  const struct {
    const char* statement;
    std::vector<std::string> arguments;
  } kCalls[] = {
      {kFindDocuments, {R"([{"i": 0, "sha256": "00", "request_id": "r"}])"}},
      {kClaimedResolutions, {R"(["A/RES/64/222"])"}},
      {kClaimedStatements, {R"(["st-1"])"}},
      {kSetResolutionRevisions, {R"([{"id": 1, "revision": 2}])"}},
      {kSetStatementRevisions, {R"([{"id": 1, "revision": 2}])"}},
      {kDocumentResolutions, {"[1]"}},
      {kDocumentStatements, {"[1]"}},
      {kGetResolution, {"a/res/64/222", "64/222", "", "0"}},
      {kGetResolutions, {R"([{"i": 0, "k1": "a/res/64/222", "k2": "64/222", "k3": ""}])"}},
      {kGetStatement, {"st-1", "0", "st1"}},
      {kFeedEvents, {"0", "100"}},
  };
  for (const auto& call : kCalls) {
    // Makes and caches the plan.
    tx.exec_prepared(call.statement, pqxx::prepare::make_dynamic_params(call.arguments));
    std::vector<std::string> quoted;
    for (const std::string& argument : call.arguments) quoted.push_back(tx.quote(argument));
    std::string plan;
    for (const pqxx::row& line : tx.exec(absl::StrCat("EXPLAIN EXECUTE ", call.statement, "(",
                                                      absl::StrJoin(quoted, ", "), ")"))) {
      absl::StrAppend(&plan, line[0].c_str(), "\n");
    }
    EXPECT_THAT(plan, Not(HasSubstr("Seq Scan"))) << call.statement << ":\n" << plan;
  }
}

}  // namespace
}  // namespace plenary::storage::pg
