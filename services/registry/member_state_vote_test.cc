#include "services/registry/member_state_vote.h"

#include "common/status.h"
#include "gtest/gtest.h"
#include "model/member_states_for_test.h"

namespace plenary::registry {
namespace {

v1::MemberStateVoteFilter Filter(const std::string& member_state,
                                 v1::VotePosition position = v1::VOTE_POSITION_UNSPECIFIED) {
  v1::MemberStateVoteFilter filter;
  filter.set_member_state(member_state);
  filter.set_position(position);
  return filter;
}

v1::Vote VoteNaming(const std::string& alpha3, v1::VotePosition position) {
  v1::Vote vote;
  v1::MemberStateVote* named = vote.add_member_states();
  named->mutable_member_state()->set_alpha3(alpha3);
  named->set_position(position);
  return vote;
}

TEST(MemberStateVoteTest, FindsTheStateByCodeOrByAnyNameTheUnUses) {
  for (const char* given : {"USA", "usa", "United States", "United States of America"}) {
    absl::StatusOr<MemberStateVoteSelector> selector =
        ReadMemberStateVote(Filter(given, v1::VOTE_POSITION_AGAINST), "f", MemberStatesForTest());
    ASSERT_TRUE(selector.ok()) << given << ": " << selector.status();
    EXPECT_EQ(selector->member_state.alpha3, "USA") << given;
    EXPECT_EQ(selector->position, VotePosition::kAgainst) << given;
  }
}

TEST(MemberStateVoteTest, MatchesTheStateInThePositionAskedOrInAny) {
  const MemberStates& states = MemberStatesForTest();
  const auto against = *ReadMemberStateVote(Filter("USA", v1::VOTE_POSITION_AGAINST), "f", states);
  const auto any = *ReadMemberStateVote(Filter("USA"), "f", states);
  EXPECT_TRUE(against.Matches(VoteNaming("USA", v1::VOTE_POSITION_AGAINST)));
  EXPECT_FALSE(against.Matches(VoteNaming("USA", v1::VOTE_POSITION_ABSTAINING)));
  EXPECT_FALSE(against.Matches(VoteNaming("ISR", v1::VOTE_POSITION_AGAINST)));
  EXPECT_TRUE(any.Matches(VoteNaming("USA", v1::VOTE_POSITION_ABSTAINING)));
  EXPECT_FALSE(any.Matches(v1::Vote()));  // figures alone name no one
}

TEST(MemberStateVoteTest, RefusesWhatNamesNoStateNamingTheField) {
  const MemberStates& states = MemberStatesForTest();
  EXPECT_EQ(FieldOf(ReadMemberStateVote(Filter(""), "member_state_vote", states).status()),
            "member_state_vote.member_state");
  const absl::Status unknown = ReadMemberStateVote(Filter("Narnia"), "f", states).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(unknown), "f.member_state");
  EXPECT_EQ(FieldOf(ReadMemberStateVote(Filter(std::string(300, 'a')), "f", states).status()),
            "f.member_state");
  EXPECT_EQ(
      FieldOf(ReadMemberStateVote(Filter("USA", static_cast<v1::VotePosition>(42)), "f", states)
                  .status()),
      "f.position");
}

TEST(MemberStateVoteTest, WithoutTheIsoTableTheServerSaysSo) {
  EXPECT_EQ(ReadMemberStateVote(Filter("USA"), "f", MemberStates()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace plenary::registry
