#include "parsing/news_text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/fixtures_for_test.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

TEST(ParseNewsTextTest, ReadsAMarkdownNewsStory) {
  const Extraction extraction = ParseNewsText(ReadFixtureForTest("news_story.md"));
  ASSERT_THAT(extraction.statements, SizeIs(1));
  EXPECT_THAT(extraction.resolutions, IsEmpty());
  const Statement& statement = extraction.statements[0];
  EXPECT_EQ(statement.headline,
            "UNEP chief calls for stronger South-South partnerships on clean energy");
  EXPECT_EQ(statement.speaker, "Inger Andersen");
  EXPECT_EQ(statement.speaker_role, "Executive Director");
  EXPECT_EQ(statement.date, (PartialDate{2019, 3, 5}));
  EXPECT_THAT(statement.places, ElementsAre("Bangkok"));
  EXPECT_THAT(statement.references, ElementsAre("A/RES/64/222", "UNEP/GC.23/6/Add.1"));
  EXPECT_THAT(statement.quotes, ElementsAre(Field(&Quote::speaker, "Inger Andersen"),
                                            Field(&Quote::speaker, "Inger Andersen"),
                                            Field(&Quote::speaker, "Inger Andersen")));
  EXPECT_THAT(statement.text, HasSubstr("5 March 2019 – Executive Director Inger Andersen today"));
  for (const char* chrome : {"UN NEWS CENTRE", "breaking stories", "News Tracker", "clean-energy hub",
                             "**", "](#)"}) {
    EXPECT_THAT(statement.text, Not(HasSubstr(chrome)));
  }
}

TEST(ParseNewsTextTest, ReadsPageTextWithoutInventingADate) {
  const Extraction extraction = ParseNewsText(ReadFixtureForTest("web_page.txt"));
  ASSERT_THAT(extraction.statements, SizeIs(1));
  const Statement& statement = extraction.statements[0];
  EXPECT_EQ(statement.headline, "International Day of Human Solidarity");
  EXPECT_EQ(statement.speaker, "António Guterres");
  EXPECT_EQ(statement.speaker_role, "Secretary-General");
  EXPECT_TRUE(statement.date.empty()) << "\"20 December\" has no year";
  EXPECT_THAT(statement.places, IsEmpty());
  EXPECT_THAT(statement.references, ElementsAre("A/RES/66/288"));
  ASSERT_THAT(statement.quotes, SizeIs(1));
  EXPECT_EQ(statement.quotes[0].speaker, "António Guterres");
  for (const char* chrome : {"Welcome to the United Nations", "Photo: UNDP", "Market vendors",
                             "PDF document", "©"}) {
    EXPECT_THAT(statement.text, Not(HasSubstr(chrome)));
  }
}

TEST(ParseNewsTextTest, KeepsARepeatedHeadlineOnce) {
  const Extraction extraction = ParseNewsText(
      "Global perspective Human stories\n\nEnvoy urges calm in the region\n\n"
      "Envoy urges calm in the region\n\n"
      "Special Envoy Jan Kubis today urged all sides to stop fighting.\n");
  ASSERT_THAT(extraction.statements, SizeIs(1));
  EXPECT_EQ(extraction.statements[0].headline, "Envoy urges calm in the region");
  EXPECT_EQ(extraction.statements[0].text,
            "Special Envoy Jan Kubis today urged all sides to stop fighting.");
  EXPECT_EQ(extraction.statements[0].speaker, "Jan Kubis");
}

TEST(ParseNewsTextTest, ReadsACityDateline) {
  const Extraction extraction = ParseNewsText(
      "## Talks open\n\nNEW YORK, 2 May 2016 – Secretary-General Ban Ki-moon opened the talks.");
  ASSERT_THAT(extraction.statements, SizeIs(1));
  EXPECT_EQ(extraction.statements[0].date, (PartialDate{2016, 5, 2}));
  EXPECT_THAT(extraction.statements[0].places, ElementsAre("New York"));
}

TEST(ParseNewsTextTest, FindsNoStatementWithoutSpeakerOrQuote) {
  EXPECT_THAT(ParseNewsText("## Weather\n\nIt rained in Geneva today.").statements, IsEmpty());
}

}  // namespace
}  // namespace plenary::parsing
