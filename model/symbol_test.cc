#include "model/symbol.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

TEST(CanonicalSymbolTest, GeneralAssemblyForms) {
  EXPECT_THAT(CanonicalSymbol("A/RES/64/222"), Optional(std::string("A/RES/64/222")));
  EXPECT_THAT(CanonicalSymbol("64/222"), Optional(std::string("A/RES/64/222")));
  EXPECT_THAT(CanonicalSymbol("  a/res/64/222 "), Optional(std::string("A/RES/64/222")));
  EXPECT_THAT(CanonicalSymbol("2997 (XXVII)"), Optional(std::string("A/RES/2997(XXVII)")));
  EXPECT_THAT(CanonicalSymbol("A/RES/2997(XXVII)"), Optional(std::string("A/RES/2997(XXVII)")));
  EXPECT_THAT(CanonicalSymbol("A/RES/es-10/19"), Optional(std::string("A/RES/ES-10/19")));
}

TEST(CanonicalSymbolTest, SecurityCouncilForms) {
  EXPECT_THAT(CanonicalSymbol("S/RES/2171 (2014)"), Optional(std::string("S/RES/2171 (2014)")));
  EXPECT_THAT(CanonicalSymbol("S/RES/2171(2014)"), Optional(std::string("S/RES/2171 (2014)")));
  EXPECT_THAT(CanonicalSymbol("resolution 2171 (2014)"),
              Optional(std::string("S/RES/2171 (2014)")));
}

TEST(CanonicalSymbolTest, EcosocAndUnepForms) {
  EXPECT_THAT(CanonicalSymbol("E/RES/2013/5"), Optional(std::string("E/RES/2013/5")));
  EXPECT_THAT(CanonicalSymbol("UNEP/GC/24/12"), Optional(std::string("UNEP/GC/24/12")));
  EXPECT_THAT(CanonicalSymbol("unep/gc.23/6/add.1"), Optional(std::string("UNEP/GC.23/6/Add.1")));
  EXPECT_THAT(CanonicalSymbol("Decision 25/9"), Optional(std::string("Decision 25/9")));
  EXPECT_THAT(CanonicalSymbol("UNEP/GC Decision 25/9"), Optional(std::string("Decision 25/9")));
  EXPECT_THAT(CanonicalSymbol("decision 25/9"), Optional(std::string("Decision 25/9")));
}

TEST(CanonicalSymbolTest, RejectsWhatIsNotOneSymbol) {
  EXPECT_EQ(CanonicalSymbol(""), std::nullopt);
  EXPECT_EQ(CanonicalSymbol("General Assembly"), std::nullopt);
  EXPECT_EQ(CanonicalSymbol("64/222 and 64/1"), std::nullopt);
  EXPECT_EQ(CanonicalSymbol("0/5"), std::nullopt);
  EXPECT_EQ(CanonicalSymbol("4 (vi)"), std::nullopt);
}

TEST(SymbolKeyTest, FoldsCaseAndDropsWhitespace) {
  EXPECT_EQ(SymbolKey("S/RES/2171 (2014)"), "s/res/2171(2014)");
  EXPECT_EQ(SymbolKey(" Decision\t25/9 "), "decision25/9");
  EXPECT_EQ(SymbolKey("S/RES/2171(2014)"), SymbolKey("s/res/2171 (2014)"));
}

TEST(FindSymbolsTest, FindsEachSymbolOnceInOrder) {
  EXPECT_THAT(FindSymbols("Recalling resolutions 64/222 and A/RES/62/209, and again "
                          "A/RES/64/222, as well as decision 24/12 and UNEP/GC.23/6/Add.1"),
              ElementsAre("A/RES/64/222", "A/RES/62/209", "Decision 24/12", "UNEP/GC.23/6/Add.1"));
}

TEST(FindSymbolsTest, LongerFormWinsOverTheNumberInside) {
  const std::vector<SymbolMention> mentions = FindSymbolMentions("see UNEP/GC/24/12 today");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].canonical, "UNEP/GC/24/12");
  EXPECT_EQ(mentions[0].as_written, "UNEP/GC/24/12");
  EXPECT_EQ(mentions[0].offset, 4u);
}

TEST(FindSymbolsTest, IgnoresDatesAndDecimals) {
  EXPECT_THAT(FindSymbols("on 12/09/2009, 2.5/3 of the vote, 2010/11 budget"), IsEmpty());
}

TEST(SymbolForNameTest, KnowsTheWellKnownNames) {
  EXPECT_THAT(SymbolForName("Nairobi outcome document"), Optional(std::string("A/RES/64/222")));
  EXPECT_THAT(SymbolForName("buenos aires plan"), Optional(std::string("A/RES/33/134")));
  EXPECT_THAT(SymbolForName("Buenos Aires Plan of Action"), Optional(std::string("A/RES/33/134")));
  EXPECT_THAT(SymbolForName("Bali Strategic Plan"), Optional(std::string("UNEP/GC.23/6/Add.1")));
  EXPECT_THAT(SymbolForName("The future we want"), Optional(std::string("A/RES/66/288")));
  EXPECT_EQ(SymbolForName("Paris Agreement"), std::nullopt);
}

TEST(FindNameMentionsTest, PrefersTheLongestNameAndNeedsACapital) {
  const std::vector<SymbolMention> mentions =
      FindNameMentions("the Buenos Aires Plan of Action, not the future we want");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].as_written, "Buenos Aires Plan of Action");
  EXPECT_EQ(mentions[0].canonical, "A/RES/33/134");
}

TEST(FindReferencesTest, MergesSymbolsAndNamesInOrder) {
  EXPECT_THAT(FindReferences("In The future we want and resolution 64/222 (the Nairobi outcome "
                             "document), and S/RES/2171 (2014)"),
              ElementsAre("A/RES/66/288", "A/RES/64/222", "S/RES/2171 (2014)"));
}

}  // namespace
}  // namespace plenary
