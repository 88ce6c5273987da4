#include "services/registry/registry_requests.h"

#include "common/status.h"
#include "gtest/gtest.h"
#include "services/common/signed_token.h"

namespace plenary::registry {
namespace {

class RegistryRequestsTest : public ::testing::Test {
 protected:
  services::SignedTokenCodec codec_{"deployment", "secret"};
  PageTokens tokens_{codec_};
};

TEST_F(RegistryRequestsTest, EachListNamesItsOwnFieldsAndOrders) {
  v1::ListResolutionsRequest resolutions;
  resolutions.set_body(std::string(1, '\0'));
  EXPECT_EQ(FieldOf(ReadListQuery(resolutions, tokens_).status()), "body");
  v1::ListStatementsRequest statements;
  statements.set_speaker(std::string(1, '\0'));
  EXPECT_EQ(FieldOf(ReadListQuery(statements, tokens_).status()), "speaker");

  resolutions.Clear();
  resolutions.mutable_adopted()->mutable_start()->set_year(2009);
  resolutions.mutable_adopted()->mutable_start()->set_month(13);
  EXPECT_EQ(FieldOf(ReadListQuery(resolutions, tokens_).status()), "adopted.start");
  statements.Clear();
  statements.set_order_by("adopted");
  const absl::Status refused = ReadListQuery(statements, tokens_).status();
  EXPECT_EQ(FieldOf(refused), "order_by");
  EXPECT_NE(refused.message().find("\"id\" or \"date\""), absl::string_view::npos);
}

TEST_F(RegistryRequestsTest, StatementsListNewestFirstResolutionsBySymbol) {
  absl::StatusOr<storage::ListQuery> statements =
      ReadListQuery(v1::ListStatementsRequest(), tokens_);
  ASSERT_TRUE(statements.ok());
  EXPECT_TRUE(statements->order_by_date);
  EXPECT_TRUE(statements->descending);
  v1::ListResolutionsRequest request;
  request.set_body("General Assembly");
  request.set_order_by("adopted desc");
  absl::StatusOr<storage::ListQuery> resolutions = ReadListQuery(request, tokens_);
  ASSERT_TRUE(resolutions.ok());
  EXPECT_TRUE(resolutions->order_by_date);
  EXPECT_TRUE(resolutions->descending);
  EXPECT_EQ(resolutions->body, "General Assembly");
}

TEST_F(RegistryRequestsTest, APageTokenContinuesOnlyTheQueryItWasIssuedFor) {
  v1::ListResolutionsRequest request;
  request.set_body("General Assembly");
  request.set_page_token(NextListToken(request, storage::PageKey{"A/RES/64/222", 7}, tokens_));
  absl::StatusOr<storage::ListQuery> query = ReadListQuery(request, tokens_);
  ASSERT_TRUE(query.ok()) << query.status();
  ASSERT_TRUE(query->after.has_value());
  EXPECT_EQ(query->after->sort_key, "A/RES/64/222");
  EXPECT_EQ(query->after->id, 7);
  request.set_body("Security Council");
  EXPECT_EQ(FieldOf(ReadListQuery(request, tokens_).status()), "page_token");
}

TEST_F(RegistryRequestsTest, SearchFiltersChooseTheKindsTheyConcern) {
  v1::SearchRequest request;
  request.set_query("cooperation");
  request.set_body("General Assembly");
  absl::StatusOr<storage::SearchQuery> query = ReadSearchQuery(request, tokens_);
  ASSERT_TRUE(query.ok());
  EXPECT_TRUE(query->resolutions);
  EXPECT_FALSE(query->statements);
  request.clear_body();
  request.set_speaker("Ban Ki-moon");
  query = ReadSearchQuery(request, tokens_);
  ASSERT_TRUE(query.ok());
  EXPECT_FALSE(query->resolutions);
  EXPECT_TRUE(query->statements);

  request.set_page_token(NextSearchToken(request, *query, tokens_));
  query = ReadSearchQuery(request, tokens_);
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->offset, 20);
}

TEST_F(RegistryRequestsTest, SearchRefusesAnEmptyQueryAndUnknownKinds) {
  v1::SearchRequest request;
  request.set_query("  ");
  EXPECT_EQ(FieldOf(ReadSearchQuery(request, tokens_).status()), "query");
  request.set_query("cooperation");
  request.add_kinds(v1::ENTRY_KIND_UNSPECIFIED);
  EXPECT_EQ(FieldOf(ReadSearchQuery(request, tokens_).status()), "kinds[0]");
}

TEST_F(RegistryRequestsTest, LookupsNameTheFieldAtFault) {
  EXPECT_EQ(FieldOf(CheckRequest(v1::GetResolutionRequest())), "symbol");
  v1::GetStatementRequest statement;
  statement.set_id("st-1");
  statement.set_revision(-1);
  EXPECT_EQ(FieldOf(CheckRequest(statement)), "revision");
  v1::BatchGetResolutionsRequest batch;
  batch.add_symbols("64/222");
  batch.add_symbols("");
  EXPECT_EQ(FieldOf(CheckRequest(batch)), "symbols[1]");
}

}  // namespace
}  // namespace plenary::registry
