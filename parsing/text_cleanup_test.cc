#include "parsing/text_cleanup.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

TEST(StripInlineMarkdownTest, RemovesEmphasisLinksAndImages) {
  EXPECT_EQ(StripInlineMarkdown("the **Day** is [observed](#) today![map](m.png)"),
            "the Day is observed today");
  EXPECT_EQ(StripInlineMarkdown("__bold__ and *light* and a \\* star"), "bold and light and a * star");
  EXPECT_EQ(StripInlineMarkdown("**unbalanced"), "unbalanced");
  EXPECT_EQ(StripInlineMarkdown("plain text, 5 * 3"), "plain text, 5 * 3");
}

TEST(MarkdownHeadingTest, ReadsAtxHeadings) {
  EXPECT_THAT(MarkdownHeading("## **Headline**"), Optional(std::string("**Headline**")));
  EXPECT_THAT(MarkdownHeading("# Title #"), Optional(std::string("Title")));
  EXPECT_EQ(MarkdownHeading("#hashtag"), std::nullopt);
  EXPECT_EQ(MarkdownHeading("Not a heading"), std::nullopt);
}

TEST(IsSiteChromeTest, KnowsTaglinesAndFooters) {
  EXPECT_TRUE(IsSiteChrome("Welcome to the United Nations. It's your world."));
  EXPECT_TRUE(IsSiteChrome("Global perspective Human stories"));
  EXPECT_TRUE(IsSiteChrome("UN Web Services Section, Department of Public Information, © United Nations"));
  EXPECT_FALSE(IsSiteChrome("Welcome remarks were delivered by the President."));
}

TEST(OpensTrailerTest, KnowsStoryTrailers) {
  EXPECT_TRUE(OpensTrailer("News Tracker: past stories on this issue"));
  EXPECT_TRUE(OpensTrailer("Related stories"));
  EXPECT_FALSE(OpensTrailer("The news tracked the story"));
}

TEST(RemovePageChromeTest, DropsChromeCaptionsAndTrailers) {
  EXPECT_THAT(RemovePageChrome({"Story starts here.", "Market vendors",
                                "Vendors at a market. Photo: UNDP",
                                "See the plan.PDF document",
                                "Global perspective Human stories\nA second line.",
                                "News Tracker: past stories on this issue", "Old story"}),
              ElementsAre("Story starts here.", "See the plan.", "A second line."));
}

}  // namespace
}  // namespace plenary::parsing
