#include "services/registry/web_search.h"

#include "common/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary::registry {
namespace {

using ::testing::ElementsAre;

TEST(SearchWordsTest, FoldsCaseAndAccentsAndSplitsAtPunctuation) {
  EXPECT_THAT(SearchWords("Développement, SOUTH-South; Œuvre Straße naïve"),
              ElementsAre("developpement", "south", "south", "oeuvre", "strasse", "naive"));
  EXPECT_THAT(SearchWords("A/RES/64/222 \xE2\x80\x94 “quoted”"),
              ElementsAre("a", "res", "64", "222", "quoted"));
  EXPECT_THAT(SearchWords("Россия 中国"), ElementsAre("Россия", "中国"));
}

TEST(WebSearchQueryTest, RewritesRunsOfOperatorsForPostgres) {
  for (const char* query :
       {"---------------------------------------", "- - - - - - - -", "\"-\"-\"-\"-\"",
        "-!-!-!-!-!-!-!-!-!", "(-(-(-(-(-(-",
        "x\u2003-\u2003-\u2003-\u2003-\u2003-\u2003-\u3000-\u3000-\u00a0-\u00a0-"}) {
    absl::StatusOr<WebSearchQuery> parsed = WebSearchQuery::Parse(query, "query");
    ASSERT_TRUE(parsed.ok()) << query;
    EXPECT_THAT(parsed->ForPostgres(), ::testing::Not(::testing::HasSubstr("--"))) << query;
  }
  absl::StatusOr<WebSearchQuery> parsed =
      WebSearchQuery::Parse("\"South-South\" ---triangular climate OR A/RES/64/222", "query");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->ForPostgres(), "\"South-South\" -triangular climate OR A/RES/64/222");
  EXPECT_TRUE(WebSearchQuery::Parse("-----", "query")->empty());
  EXPECT_EQ(FieldOf(WebSearchQuery::ParseGiven("-----", "query").status()), "query");
  EXPECT_FALSE(WebSearchQuery::ParseGiven("-----x", "query")->empty());
}

TEST(WebSearchQueryTest, MatchesWordsPhrasesExclusionsAndAlternatives) {
  const auto matches = [](const char* query, const char* text) {
    return WebSearchQuery::Parse(query, "query")->Matches(SearchWords(text));
  };
  EXPECT_TRUE(matches("south cooperation", "Cooperation South-South"));
  EXPECT_FALSE(matches("\"south cooperation\"", "Cooperation South-South"));
  EXPECT_TRUE(matches("\"south-south cooperation\"", "South-South cooperation"));
  EXPECT_FALSE(matches("south -triangular", "South-South and triangular"));
  EXPECT_TRUE(matches("climate OR desert", "the desert"));
  EXPECT_TRUE(matches("peace or security", "security"));  // as PostgreSQL reads it
  EXPECT_FALSE(matches("climate OR desert", "deserts"));  // whole words, no stemming
  EXPECT_TRUE(matches("é", "E"));
}

TEST(WebSearchQueryTest, RefusesTooManyTermsNamingTheField) {
  std::string query;
  for (int i = 0; i <= WebSearchQuery::kMaxTerms; ++i) query += " word";
  EXPECT_EQ(FieldOf(WebSearchQuery::Parse(query, "text").status()), "text");
}

}  // namespace
}  // namespace plenary::registry
