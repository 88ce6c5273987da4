#include "parsing/reported_votes.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/member_states_for_test.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<ReportedAdoption> Read(const std::vector<std::string>& paragraphs,
                                   Organ organ = Organ::kGeneralAssembly,
                                   std::vector<std::string>* warnings = nullptr) {
  return FindReportedAdoptions(paragraphs, organ, MemberStatesForTest(), warnings);
}

std::vector<std::string> Alpha3(const ReportedAdoption& adoption, VotePosition position) {
  std::vector<std::string> codes;
  for (const MemberStateVote& vote : adoption.vote.member_states) {
    if (vote.position == position) codes.push_back(vote.member_state.alpha3);
  }
  return codes;
}

TEST(ReportedVotesTest, ReadsARecordedVoteWithCountsInWords) {
  const auto adoptions = Read({
      "By a recorded vote of 93 in favour to none against, with one abstention (United States), "
      "the Assembly adopted resolution 68/262, titled “Territorial integrity of Ukraine”.",
  });
  ASSERT_EQ(adoptions.size(), 1u);
  EXPECT_EQ(adoptions[0].resolution_symbol, "A/RES/68/262");
  EXPECT_EQ(adoptions[0].title, "Territorial integrity of Ukraine");
  EXPECT_EQ(VoteSummary(adoptions[0].vote), "93-0-1");
  EXPECT_EQ(adoptions[0].vote.as_written,
            "By a recorded vote of 93 in favour to none against, with one abstention (United States)");
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kAbstaining), ElementsAre("USA"));
}

TEST(ReportedVotesTest, ReadsEachMethod) {
  const auto adoptions = Read({
      "The Assembly adopted without a vote resolution 73/1 on the Nelson Mandela Peace Summit.",
      "Resolution 73/2 was adopted by consensus.",
      "The Council unanimously adopted resolution 2208 (2015).",
      "It then adopted resolution 73/4 by 120 votes to 3, with 40 abstentions.",
      "Resolution 73/5 was adopted by a show of hands.",
  });
  ASSERT_EQ(adoptions.size(), 5u);
  EXPECT_EQ(adoptions[0].vote.method, VoteMethod::kWithoutVote);
  EXPECT_EQ(adoptions[1].vote.method, VoteMethod::kConsensus);
  EXPECT_EQ(adoptions[2].vote.method, VoteMethod::kUnanimous);
  EXPECT_EQ(adoptions[2].resolution_symbol, "S/RES/2208 (2015)");
  EXPECT_EQ(VoteSummary(adoptions[3].vote), "120-3-40");
  EXPECT_EQ(adoptions[4].vote.method, VoteMethod::kShowOfHands);
}

TEST(ReportedVotesTest, KeepsVotesOnPartsApartFromTheResolutions) {
  const auto adoptions = Read({
      "The Assembly first rejected an amendment (document A/C.3/72/L.61) by a recorded vote of "
      "52 in favour to 90 against, with 25 abstentions.",
      "It then retained preambular paragraph 4 by a recorded vote of 110 in favour to 5 against, "
      "with 40 abstentions.",
      "The draft resolution (document A/C.3/72/L.40) was then adopted by a recorded vote of 120 in "
      "favour to 4 against, with 50 abstentions.",
  });
  ASSERT_EQ(adoptions.size(), 3u);
  EXPECT_EQ(adoptions[0].subject, VoteSubject::kAmendment);
  EXPECT_FALSE(adoptions[0].adopted);
  EXPECT_EQ(adoptions[0].part, "amendment A/C.3/72/L.61");
  EXPECT_EQ(adoptions[1].subject, VoteSubject::kParagraph);
  EXPECT_EQ(adoptions[1].part, "preambular paragraph 4");
  EXPECT_EQ(adoptions[2].subject, VoteSubject::kWholeText);
  EXPECT_EQ(adoptions[2].draft_symbol, "A/C.3/72/L.40");
  EXPECT_EQ(VoteSummary(adoptions[2].vote), "120-4-50");
}

TEST(ReportedVotesTest, AttachesAVoteToTheAdoptionJustReported) {
  const auto adoptions = Read(
      {"Adopting resolution 2334 (2016) on 23 December, the Council demanded an end to settlement "
       "activity.",
       "The contentious measure passed by 14 votes in favour, with the United States abstaining."},
      Organ::kSecurityCouncil);
  ASSERT_EQ(adoptions.size(), 1u);
  EXPECT_EQ(VoteSummary(adoptions[0].vote), "14-0-1");
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kAbstaining), ElementsAre("USA"));
}

TEST(ReportedVotesTest, KeepsCorrectionsBesideTheVote) {
  const auto adoptions = Read({
      "Resolution 73/10 was adopted by a recorded vote of 100 in favour to 2 against (Israel, "
      "United States), with 10 abstentions.",
      "Subsequently, the delegations of Angola and Mali advised that they had intended to "
      "abstain, and the delegation of Japan said it had intended to vote against.",
  });
  ASSERT_EQ(adoptions.size(), 1u);
  ASSERT_EQ(adoptions[0].corrections.size(), 2u);
  EXPECT_EQ(adoptions[0].corrections[0].member_state.alpha3, "AGO");
  EXPECT_EQ(adoptions[0].corrections[0].intended, VotePosition::kAbstaining);
  EXPECT_EQ(adoptions[0].corrections[1].member_state.alpha3, "MLI");
  // The vote as taken stands.
  EXPECT_EQ(VoteSummary(adoptions[0].vote), "100-2-10");
}

TEST(ReportedVotesTest, ReadsRollCallLists) {
  const auto adoptions = Read({
      "The draft resolution (A/ES-10/L.22) was adopted by a recorded vote of 4 in favour to 2 "
      "against, with 1 abstention, as follows:",
      "In favour: Trinidad and Tobago, Afghanistan, Bolivia (Plurinational State of) and China.",
      "Against: Israel, United States.",
      "Abstaining: Canada.",
  });
  ASSERT_EQ(adoptions.size(), 1u);
  EXPECT_EQ(adoptions[0].draft_symbol, "A/ES-10/L.22");
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kInFavour), ElementsAre("AFG", "BOL", "CHN"));
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kAgainst), ElementsAre("ISR", "USA"));
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kAbstaining), ElementsAre("CAN"));
}

TEST(ReportedVotesTest, ReportsAVoteOnATextItNamesOnlyByTopicOrNotAtAll) {
  const auto adoptions = Read({
      "Text Passes by 137 Votes in Favour to 12 against, with 17 Abstentions",
      "Adopting an Arab-backed resolution by a recorded vote of 137 in favour to 12 against, with "
      "17 abstentions, the Assembly expressed grave concern at the situation.",
      "The Assembly adopted, by consensus, a resolution on the question of Tokelau, by which it "
      "noted the referendum.",
  });
  ASSERT_EQ(adoptions.size(), 2u);
  EXPECT_EQ(adoptions[0].title, "");
  EXPECT_EQ(VoteSummary(adoptions[0].vote), "137-12-17");
  EXPECT_EQ(adoptions[1].title, "Question of Tokelau");
  EXPECT_EQ(adoptions[1].vote.method, VoteMethod::kConsensus);
}

TEST(ReportedVotesTest, AMainCommitteesApprovalIsNoAdoption) {
  const auto adoptions = Read({
      "Approved by a vote of 132 in favour to 2 against (Israel and United States) with 5 "
      "abstentions, the text would have the Assembly reaffirm its resolution 53/196.",
      "In other action this morning, the Committee approved, by a vote of 94 in favour to 2 "
      "against, a text on unilateral economic measures.",
      "The Assembly then adopted resolution 54/230 by a recorded vote of 150 to 2.",
  });
  ASSERT_EQ(adoptions.size(), 3u);
  EXPECT_EQ(adoptions[0].subject, VoteSubject::kCommitteeDraft);
  EXPECT_EQ(adoptions[0].resolution_symbol, "");  // 53/196 is cited, not voted on
  EXPECT_EQ(VoteSummary(adoptions[0].vote), "132-2-5");
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kAgainst), ElementsAre("ISR", "USA"));
  EXPECT_EQ(adoptions[1].subject, VoteSubject::kCommitteeDraft);
  EXPECT_EQ(adoptions[2].subject, VoteSubject::kWholeText);
  EXPECT_EQ(adoptions[2].resolution_symbol, "A/RES/54/230");
}

TEST(ReportedVotesTest, AResolutionCitedInAClauseAboutTheTextIsNotTheText) {
  const auto adoptions = Read({
      "By a recorded vote of 150 in favour to 2 against, the Assembly adopted a resolution on "
      "South-South cooperation, by which it recalled its resolution 33/134.",
      "The Assembly also adopted, without a vote, a text by which it welcomed the report called "
      "for in resolution 62/209.",
      "The Council unanimously adopted resolution 2208 (2015), which extends the mandate set by "
      "resolution 2040 (2012).",
      "The Assembly then adopted, under agenda item 20, resolution 64/222 without a vote.",
  });
  ASSERT_EQ(adoptions.size(), 4u);
  EXPECT_EQ(adoptions[3].resolution_symbol, "A/RES/64/222");
  EXPECT_EQ(adoptions[0].resolution_symbol, "");
  EXPECT_EQ(adoptions[0].title, "South-South cooperation");
  EXPECT_EQ(adoptions[0].vote.in_favour, 150);
  EXPECT_EQ(adoptions[1].resolution_symbol, "");
  EXPECT_EQ(adoptions[1].vote.method, VoteMethod::kWithoutVote);
  EXPECT_EQ(adoptions[2].resolution_symbol, "S/RES/2208 (2015)");
}

TEST(ReportedVotesTest, ReadsHowUnNewsTellsAVetoedVote) {
  const auto adoptions = Read(
      {"The United States vetoed a draft resolution in the Security Council that would have "
       "called for humanitarian pauses.",
       "While 12 of the Council's 15 members voted in favour of the Brazilian-led text, one "
       "(United States) voted against, and two (Russian Federation, and the United Kingdom) "
       "abstained."},
      Organ::kSecurityCouncil);
  ASSERT_EQ(adoptions.size(), 1u);
  EXPECT_FALSE(adoptions[0].adopted);
  EXPECT_EQ(VoteSummary(adoptions[0].vote), "12-1-2");
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kAgainst), ElementsAre("USA"));
  EXPECT_THAT(Alpha3(adoptions[0], VotePosition::kAbstaining), ElementsAre("RUS", "GBR"));
}

TEST(ReportedVotesTest, ReportsNoAdoptionItDoesNotHave) {
  EXPECT_THAT(Read({
                  "The 42 resolutions and decisions adopted by consensus included a decision on "
                  "enlargement and a resolution on genetic privacy.",
                  "Recalling resolution 2146 (2014), adopted on 19 March 2014, the Council met.",
                  "“Recalling its resolution 1970 (2011) adopted unanimously,",
                  "The Secretary-General welcomed the unanimous decision of the Council.",
                  "The Council failed to adopt two draft resolutions as they met with vetoes.",
                  "While most of its actions were taken by consensus, deadlock remained.",
              }),
              IsEmpty());
}

TEST(ReportedVotesTest, StaysWithinItsLimits) {
  ReportedVoteLimits limits;
  limits.max_adoptions = 2;
  std::vector<std::string> paragraphs;
  for (int i = 1; i <= 5; ++i) {
    paragraphs.push_back("Resolution 73/" + std::to_string(i) + " was adopted without a vote.");
  }
  EXPECT_EQ(FindReportedAdoptions(paragraphs, Organ::kGeneralAssembly, MemberStatesForTest(),
                                  nullptr, limits)
                .size(),
            2u);
  const std::string long_paragraph(limits.max_paragraph_bytes + 1, 'x');
  EXPECT_THAT(Read({long_paragraph}), IsEmpty());
  EXPECT_THAT(Read({std::string(5000, '(') + "against (" + std::string(5000, ',')}), IsEmpty());
}

}  // namespace
}  // namespace plenary::parsing
