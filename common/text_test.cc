#include "common/text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

TEST(TrimSpaceTest, TrimsAsciiAndUnicodeSpaces) {
  EXPECT_EQ(TrimSpace("\u00a0 text\u2009\n"), "text");
  EXPECT_EQ(TrimSpace(" \u00a0 "), "");
  EXPECT_EQ(TrimSpace("caf\u00e9"), "caf\u00e9");
}

TEST(CollapseWhitespaceTest, CollapsesRunsToOneSpace) {
  EXPECT_EQ(CollapseWhitespace("  a\t\tb\u00a0\u00a0c \n"), "a b c");
}

TEST(SplitLinesTest, SplitsOnNewlinesAndDropsCarriageReturns) {
  EXPECT_THAT(SplitLines("a\r\nb\n\nc"), ElementsAre("a", "b", "", "c"));
}

TEST(FirstInvalidUtf8Test, FindsTheFirstBadByte) {
  EXPECT_EQ(FirstInvalidUtf8("plain \u201cquoted\u201d \U0001F600"), std::nullopt);
  EXPECT_THAT(FirstInvalidUtf8("ab\xff"), Optional(size_t{2}));
  EXPECT_THAT(FirstInvalidUtf8("a\xc0\xaf"), Optional(size_t{1}));       // overlong '/'
  EXPECT_THAT(FirstInvalidUtf8("a\xed\xa0\x80"), Optional(size_t{1}));   // surrogate
  EXPECT_THAT(FirstInvalidUtf8("abc\xe2\x80"), Optional(size_t{3}));     // truncated
}

}  // namespace
}  // namespace plenary
