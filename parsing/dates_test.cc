#include "parsing/dates.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

using ::testing::Optional;

TEST(ParseDateTest, KeepsThePrecisionOfTheSource) {
  EXPECT_THAT(ParseDate("21 December 2009"), Optional(PartialDate{2009, 12, 21}));
  EXPECT_THAT(ParseDate("December 21, 2009"), Optional(PartialDate{2009, 12, 21}));
  EXPECT_THAT(ParseDate("Sept. 5, 2011"), Optional(PartialDate{2011, 9, 5}));
  EXPECT_THAT(ParseDate("February 2009"), Optional(PartialDate{2009, 2, 0}));
  EXPECT_THAT(ParseDate(" 2005 "), Optional(PartialDate{2005, 0, 0}));
}

TEST(ParseDateTest, ReadsIsoDatesAsTimeElementsCarryThem) {
  EXPECT_THAT(ParseDate("2018-09-12T09:00:00Z"), Optional(PartialDate{2018, 9, 12}));
  EXPECT_THAT(ParseDate("2018-09-12T09:00+02:00"), Optional(PartialDate{2018, 9, 12}));
  EXPECT_THAT(ParseDate("2018-09-12"), Optional(PartialDate{2018, 9, 12}));
  EXPECT_THAT(ParseDate("2018-09"), Optional(PartialDate{2018, 9, 0}));
}

TEST(ParseDateTest, RejectsWhatIsNotAFullDate) {
  EXPECT_EQ(ParseDate("12 September"), std::nullopt);  // no year: not a date of anything
  EXPECT_EQ(ParseDate("31 February 2009"), std::nullopt);
  EXPECT_EQ(ParseDate("29 February 2009"), std::nullopt);
  EXPECT_THAT(ParseDate("29 February 2008"), Optional(PartialDate{2008, 2, 29}));
  EXPECT_EQ(ParseDate("2018-13-01"), std::nullopt);
  EXPECT_EQ(ParseDate("0 May 2010"), std::nullopt);
  EXPECT_EQ(ParseDate("Sometime"), std::nullopt);
  EXPECT_EQ(ParseDate(""), std::nullopt);
}

TEST(WrittenDatePatternTest, EmbedsInLargerPatterns) {
  const RE2 on_date(std::string("on (") + std::string(WrittenDatePattern()) + ")");
  std::string date;
  ASSERT_TRUE(RE2::PartialMatch("adopted on 22 December 2005 by", on_date, &date));
  EXPECT_EQ(date, "22 December 2005");
}

}  // namespace
}  // namespace plenary::parsing
