#include "parsing/resolution_table.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/fixtures_for_test.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

Paragraph Numbered(const std::string& number, const std::string& text) { return {number, text}; }

class ResolutionTableFixtureTest : public ::testing::Test {
 protected:
  const Extraction extraction_ = ParseResolutionTable(ReadFixtureForTest("resolutions.tsv"));
};

TEST_F(ResolutionTableFixtureTest, ReadsEveryRowWithASymbol) {
  ASSERT_THAT(extraction_.resolutions, SizeIs(4));
  EXPECT_EQ(extraction_.resolutions[0].symbol, "A/RES/62/195");
  EXPECT_EQ(extraction_.resolutions[1].symbol, "S/RES/2171 (2014)");
  EXPECT_EQ(extraction_.resolutions[2].symbol, "Decision 28/3");
  EXPECT_EQ(extraction_.resolutions[3].symbol, "A/RES/70/1");
}

TEST_F(ResolutionTableFixtureTest, ReadsARowAndItsContinuation) {
  const Resolution& resolution = extraction_.resolutions[0];
  EXPECT_EQ(resolution.body, "General Assembly");
  EXPECT_EQ(resolution.adopted, (PartialDate{2007, 12, 20}));
  EXPECT_EQ(resolution.title, "Implementation of the Convention to Combat Desertification");
  EXPECT_THAT(resolution.aliases, ElementsAre("62/195"));
  EXPECT_THAT(resolution.references, ElementsAre("A/RES/64/222"));
  EXPECT_THAT(
      resolution.paragraphs,
      ElementsAre(
          Numbered("3", "Encourages Governments to share drylands expertise through South-South "
                        "cooperation;"),
          Numbered("5", "Requests the Secretary-General to report on the implementation of the "
                        "Nairobi outcome document and of this resolution at its sixty-fourth "
                        "session."),
          Numbered("(a)", "Land & water management;"), Numbered("(b)", "Early warning systems;")));
}

TEST_F(ResolutionTableFixtureTest, NormalizesBodiesAndQuotedParagraphs) {
  const Resolution& decision = extraction_.resolutions[2];
  EXPECT_EQ(decision.body, "UNEP Governing Council");
  EXPECT_EQ(decision.adopted, (PartialDate{2015, 3, 0}));
  EXPECT_EQ(decision.title, "Decision 28/3: Environment and development in drylands");
  EXPECT_THAT(decision.aliases, ElementsAre("UNEP/GC Decision 28/3"));
  EXPECT_THAT(decision.paragraphs,
              ElementsAre(Numbered("1", "Welcomes the report of the Executive Director;"),
                          Numbered("2", "Requests the Executive Director to continue the work;")));
  EXPECT_EQ(extraction_.resolutions[1].body, "Security Council");
}

TEST_F(ResolutionTableFixtureTest, WarnsAboutWhatItCannotRead) {
  EXPECT_TRUE(extraction_.resolutions[1].adopted.empty());
  EXPECT_TRUE(extraction_.resolutions[3].adopted.empty());
  EXPECT_THAT(extraction_.warnings,
              ElementsAre(HasSubstr("line 16 continues no table row"),
                          HasSubstr("S/RES/2171 (2014)) has no date"),
                          HasSubstr("cannot read the date \"Sometime\""),
                          HasSubstr("line 18 names no resolution symbol")));
}

TEST(ResolutionTableTest, TakesTheDateATitleStatesWhenTheTimeCellIsEmpty) {
  const Extraction extraction = ParseResolutionTable(
      "Time\tResolution Number\tResolution Name\tDescription\n"
      "\tA/RES/60/1\tResolution adopted by the General Assembly on 16 September 2005 60/1. "
      "2005 World Summit Outcome\t<p>The General Assembly,</p>\n");
  ASSERT_THAT(extraction.resolutions, SizeIs(1));
  EXPECT_EQ(extraction.resolutions[0].adopted, (PartialDate{2005, 9, 16}));
  EXPECT_EQ(extraction.resolutions[0].title, "2005 World Summit Outcome");
  EXPECT_THAT(extraction.warnings, ElementsAre(HasSubstr("using the adoption date its title states")));
}

TEST(ResolutionTableTest, KeepsATitleThatIsOnlyAPreamble) {
  const Extraction extraction = ParseResolutionTable(
      "1972\t2997 (XXVII) General Assembly\tResolution adopted by the General Assembly 2997 "
      "(XXVII)\tThe General Assembly <ul> “(The secretariat) to provide advisory services”.\n");
  ASSERT_THAT(extraction.resolutions, SizeIs(1));
  const Resolution& resolution = extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "A/RES/2997(XXVII)");
  EXPECT_THAT(resolution.aliases, ElementsAre("2997 (XXVII)"));
  EXPECT_EQ(resolution.title, "Resolution adopted by the General Assembly 2997 (XXVII)");
  EXPECT_EQ(resolution.body, "General Assembly");
  EXPECT_THAT(resolution.paragraphs, ElementsAre(Numbered("", "“(The secretariat) to provide "
                                                              "advisory services”.")));
}

TEST(ResolutionTableTest, TakesASymbolFromAWellKnownName) {
  const Extraction extraction = ParseResolutionTable(
      "19 December 1978\tBuenos Aires Plan\tUnited Nations Conference on Technical "
      "Co-operation\tThe General Assembly\n");
  ASSERT_THAT(extraction.resolutions, SizeIs(1));
  EXPECT_EQ(extraction.resolutions[0].symbol, "A/RES/33/134");
  EXPECT_THAT(extraction.resolutions[0].aliases, ElementsAre("Buenos Aires Plan"));
}

TEST(ResolutionTableTest, FindsNothingInProse) {
  EXPECT_THAT(ParseResolutionTable("Just a sentence.\nAnd another.").resolutions, IsEmpty());
}

}  // namespace
}  // namespace plenary::parsing
