#include "parsing/quotes.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Quote Said(const std::string& text, const std::string& speaker) { return {text, speaker}; }

class ExtractQuotesTest : public ::testing::Test {
 protected:
  const std::vector<Person> people_ = {{"Inger Andersen", "Executive Director", 0},
                                       {"Sergey Lavrov", "Foreign Minister", 40}};
  const std::optional<Person> main_ = people_.front();
};

TEST_F(ExtractQuotesTest, ResolvesAttributionsAfterTheQuote) {
  EXPECT_THAT(
      ExtractQuotes({"“We act together or not at all,” said Ms. Andersen.",
                     "\"Progress is possible this year,\" she said. \"And it is overdue.\"",
                     "“Russia will support the plan in full,” Foreign Minister Sergey Lavrov told "
                     "reporters.",
                     "“This is the decisive decade,” the Executive Director stressed."},
                    people_, main_),
      ElementsAre(Said("We act together or not at all", "Inger Andersen"),
                  Said("Progress is possible this year", "Inger Andersen"),
                  Said("And it is overdue.", "Inger Andersen"),
                  Said("Russia will support the plan in full", "Sergey Lavrov"),
                  Said("This is the decisive decade", "Inger Andersen")));
}

TEST_F(ExtractQuotesTest, ResolvesAttributionsThatIntroduceTheQuote) {
  EXPECT_THAT(ExtractQuotes({"Mr. Lavrov called for a “new level of mutual trust” in talks."},
                            people_, main_),
              ElementsAre(Said("new level of mutual trust", "Sergey Lavrov")));
}

TEST_F(ExtractQuotesTest, LeavesUnattributedPassagesWithoutSpeaker) {
  EXPECT_THAT(ExtractQuotes({"The theme was “Partnerships for a shared future,” chosen in May."},
                            people_, main_),
              ElementsAre(Said("Partnerships for a shared future", "")));
}

TEST_F(ExtractQuotesTest, AttributesAStandaloneQuoteToTheBylineBelow) {
  EXPECT_THAT(ExtractQuotes({"\"Let us stand together with those left behind.\"",
                             "Executive Director Inger Andersen\nMessage for the Day"},
                            {}, std::nullopt),
              ElementsAre(Said("Let us stand together with those left behind.", "Inger Andersen")));
}

TEST_F(ExtractQuotesTest, SkipsScareQuotesAndRepeats) {
  EXPECT_THAT(ExtractQuotes({"They called it “green” and “fair”.", "“Act now, act together,” she said.",
                             "“Act now, act together,” she said again."},
                            people_, main_),
              ElementsAre(Said("Act now, act together", "Inger Andersen")));
}

TEST_F(ExtractQuotesTest, AnUnclosedQuoteRunsToTheEndOfItsParagraph) {
  EXPECT_THAT(ExtractQuotes({"“The first part of a long speech goes on", "no quotes here"}, {},
                            std::nullopt),
              ElementsAre(Said("The first part of a long speech goes on", "")));
  EXPECT_THAT(ExtractQuotes({}, {}, std::nullopt), IsEmpty());
}

}  // namespace
}  // namespace plenary::parsing
