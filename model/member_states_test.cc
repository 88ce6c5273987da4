#include "model/member_states.h"

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/member_states_for_test.h"

namespace plenary {
namespace {

std::string NameOf(const MemberStates& states, std::string_view text) {
  std::optional<MemberState> state = states.Find(text);
  return state ? state->name + " " + state->alpha3 : "(none)";
}

TEST(MemberStatesTest, NamesEachStateAsTheUnWritesIt) {
  const MemberStates& states = MemberStatesForTest();
  EXPECT_EQ(NameOf(states, "United States"), "United States of America USA");
  EXPECT_EQ(NameOf(states, "the United States of America"), "United States of America USA");
  EXPECT_EQ(NameOf(states, "United Kingdom"),
            "United Kingdom of Great Britain and Northern Ireland GBR");
  EXPECT_EQ(NameOf(states, "Iran"), "Iran (Islamic Republic of) IRN");
  EXPECT_EQ(NameOf(states, "Iran (Islamic Republic of)"), "Iran (Islamic Republic of) IRN");
  EXPECT_EQ(NameOf(states, "Russian Federation"), "Russian Federation RUS");
  EXPECT_EQ(NameOf(states, "Russia"), "Russian Federation RUS");
  EXPECT_EQ(NameOf(states, "Syria"), "Syrian Arab Republic SYR");
  EXPECT_EQ(NameOf(states, "Venezuela"), "Venezuela (Bolivarian Republic of) VEN");
  EXPECT_EQ(NameOf(states, "Federated States of Micronesia"),
            "Micronesia (Federated States of) FSM");
  EXPECT_EQ(NameOf(states, "Republic of Korea"), "Republic of Korea KOR");
  EXPECT_EQ(NameOf(states, "Democratic People’s Republic of Korea"),
            "Democratic People's Republic of Korea PRK");
  EXPECT_EQ(NameOf(states, "Democratic Republic of the Congo"),
            "Democratic Republic of the Congo COD");
  EXPECT_EQ(NameOf(states, "Côte d’Ivoire"), "Côte d'Ivoire CIV");
  EXPECT_EQ(NameOf(states, "Turkey"), "Türkiye TUR");
  EXPECT_EQ(NameOf(states, "Holy See"), "Holy See VAT");
  EXPECT_EQ(NameOf(states, "  viet   nam "), "Viet Nam VNM");
  EXPECT_EQ(NameOf(states, "Narnia"), "(none)");
  EXPECT_EQ(NameOf(states, ""), "(none)");
}

TEST(MemberStatesTest, FindsEachStateByItsCode) {
  const MemberStates& states = MemberStatesForTest();
  ASSERT_TRUE(states.FindByCode("USA").has_value());
  EXPECT_EQ(states.FindByCode("USA")->name, "United States of America");
  EXPECT_EQ(states.FindByCode("irn")->name, "Iran (Islamic Republic of)");
  EXPECT_FALSE(states.FindByCode("XXX").has_value());
  EXPECT_FALSE(states.FindByCode("US").has_value());
  // A code is not a name: running text saying "CAN" names no one.
  EXPECT_FALSE(states.Find("CAN").has_value());
}

TEST(MemberStatesTest, RefusesWhatIsNotTheIsoTable) {
  EXPECT_EQ(MemberStates::FromJson("{").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MemberStates::FromJson(R"({"3166-1": {}})").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MemberStates::FromJson(R"({"3166-1": []})").status().code(),
            absl::StatusCode::kInvalidArgument);
  const std::string huge(MemberStates::kMaxFileBytes + 1, ' ');
  EXPECT_EQ(MemberStates::FromJson(huge).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MemberStates::Load("/nonexistent/iso_3166-1.json").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(MemberStatesTest, ReadsDebiansIsoCodes) {
  if (!std::filesystem::exists(std::string(kIso3166Path))) {
    GTEST_SKIP() << "iso-codes is not installed";
  }
  absl::StatusOr<MemberStates> states = MemberStates::Load(std::string(kIso3166Path));
  ASSERT_TRUE(states.ok()) << states.status();
  EXPECT_EQ(NameOf(*states, "United States"), "United States of America USA");
  EXPECT_EQ(NameOf(*states, "Iran"), "Iran (Islamic Republic of) IRN");
  EXPECT_EQ(NameOf(*states, "Bolivia"), "Bolivia (Plurinational State of) BOL");
  EXPECT_EQ(NameOf(*states, "United Republic of Tanzania"), "United Republic of Tanzania TZA");
  EXPECT_EQ(NameOf(*states, "State of Palestine"), "State of Palestine PSE");
  EXPECT_EQ(NameOf(*states, "Cabo Verde"), "Cabo Verde CPV");
  EXPECT_EQ(NameOf(*states, "Cape Verde"), "Cabo Verde CPV");
}

}  // namespace
}  // namespace plenary
