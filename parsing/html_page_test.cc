#include "parsing/html_page.h"

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

TEST(ParseHtmlPageTest, ReadsAnArticle) {
  const Extraction extraction = ParseHtmlPage(ReadFixtureForTest("story.html"));
  ASSERT_THAT(extraction.statements, SizeIs(1));
  const Statement& statement = extraction.statements[0];
  EXPECT_EQ(statement.headline,
            "Guterres calls for renewed commitment to the Nairobi outcome document");
  EXPECT_EQ(statement.date, (PartialDate{2018, 9, 12}));
  EXPECT_EQ(statement.speaker, "António Guterres");
  EXPECT_EQ(statement.speaker_role, "Secretary-General");
  EXPECT_THAT(statement.places, ElementsAre("Geneva"));
  EXPECT_THAT(statement.references, ElementsAre("A/RES/64/222", "A/RES/72/237", "A/RES/33/134"));
  EXPECT_THAT(statement.quotes,
              ElementsAre(Field(&Quote::text, "South-South cooperation is not charity, it is partnership"),
                          Field(&Quote::text, "Its time has come.")));
  EXPECT_THAT(statement.text, HasSubstr("resolution A/RES/72/237 & the Buenos Aires"));
  for (const char* skipped : {"script text", "margin", "Home", "aside", "Photo:", "©"}) {
    EXPECT_THAT(statement.text, Not(HasSubstr(skipped)));
  }
}

TEST(ParseHtmlPageTest, FallsBackToTitleAndDateline) {
  const Extraction extraction = ParseHtmlPage(
      "<html><head><title>Envoy briefs Council | UN News</title></head><body>"
      "<p>7 June 2020 &ndash; Special Envoy Martin Griffiths briefed the Council.</p>"
      "<p>&quot;The window for peace is closing fast,&quot; he said.</p></body></html>");
  ASSERT_THAT(extraction.statements, SizeIs(1));
  const Statement& statement = extraction.statements[0];
  EXPECT_EQ(statement.headline, "Envoy briefs Council");
  EXPECT_EQ(statement.date, (PartialDate{2020, 6, 7}));
  EXPECT_EQ(statement.speaker, "Martin Griffiths");
  ASSERT_THAT(statement.quotes, SizeIs(1));
  EXPECT_EQ(statement.quotes[0].speaker, "Martin Griffiths");
}

TEST(ParseHtmlPageTest, RepairsBrokenMarkupAndFindsNothingInAnEmptyPage) {
  EXPECT_THAT(ParseHtmlPage("<p>unclosed <b>markup <div></p>").statements, IsEmpty());
  EXPECT_THAT(ParseHtmlPage("").statements, IsEmpty());
}

}  // namespace
}  // namespace plenary::parsing
