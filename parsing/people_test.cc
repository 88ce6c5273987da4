#include "parsing/people.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::AllOf;

auto IsPerson(const std::string& name, const std::string& role) {
  return AllOf(Field(&Person::name, name), Field(&Person::role, role));
}

TEST(FindPeopleTest, ReadsRoleAndName) {
  EXPECT_THAT(
      FindPeople("Secretary-General Ban Ki-moon (right) with Russian Foreign Minister Sergey "
                 "Lavrov and the country's President Dmitry Medvedev."),
      ElementsAre(IsPerson("Ban Ki-moon", "Secretary-General"),
                  IsPerson("Sergey Lavrov", "Foreign Minister"),
                  IsPerson("Dmitry Medvedev", "President")));
}

TEST(FindPeopleTest, StopsTheNameAtWordsThatAreNotNames) {
  EXPECT_THAT(FindPeople("UN Deputy Secretary-General Amina Mohammed Monday said"),
              ElementsAre(IsPerson("Amina Mohammed", "Deputy Secretary-General")));
  EXPECT_THAT(FindPeople("Secretary-General Kofi Annan’s report"),
              ElementsAre(IsPerson("Kofi Annan", "Secretary-General")));
}

TEST(FindPeopleTest, NeedsACapitalizedNameOnTheSameLine) {
  EXPECT_THAT(FindPeople("the Secretary-General said"), IsEmpty());
  EXPECT_THAT(FindPeople("Secretary-General\nBan Ki-moon"), IsEmpty());
}

TEST(BylinePersonTest, AcceptsOnlyBylines) {
  EXPECT_THAT(BylinePerson("Secretary-General Ban Ki-moon"),
              Optional(IsPerson("Ban Ki-moon", "Secretary-General")));
  EXPECT_THAT(BylinePerson("Executive Director Inger Andersen (centre) with ministers"),
              Optional(IsPerson("Inger Andersen", "Executive Director")));
  EXPECT_EQ(BylinePerson("Secretary-General Ban Ki-moon called for action"), std::nullopt);
  EXPECT_EQ(BylinePerson("Message for the Day"), std::nullopt);
}

}  // namespace
}  // namespace plenary::parsing
