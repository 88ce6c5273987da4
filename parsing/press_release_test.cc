#include "parsing/press_release.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/document.h"
#include "model/member_states_for_test.h"
#include "parsing/fixtures_for_test.h"
#include "parsing/reported_votes.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Contains;
using ::testing::Not;

std::string ReadPressFixture(const std::string& name) {
  return ReadTestFile(std::string(PLENARY_PARSING_TESTDATA_DIR) + "/press/" + name);
}

Statement ReadOne(const std::string& fixture) {
  const std::string content = ReadPressFixture(fixture);
  EXPECT_EQ(PressReleaseSignal(content), PressSignal::kStrong) << fixture;
  PressReading reading = ReadPressRelease(content, MemberStatesForTest());
  EXPECT_EQ(reading.extraction.statements.size(), 1u) << fixture << ": " << reading.missing;
  return reading.extraction.statements.empty() ? Statement{}
                                               : reading.extraction.statements.front();
}

std::vector<std::string> States(const ReportedAdoption& adoption, VotePosition position) {
  std::vector<std::string> names;
  for (const MemberStateVote& vote : adoption.vote.member_states) {
    if (vote.position == position) names.push_back(vote.member_state.name);
  }
  return names;
}

TEST(PressReleaseTest, ReadsGeneralAssemblyMeetingsCoverage) {
  const Statement statement = ReadOne("ga_meetings_coverage.txt");
  EXPECT_THAT(statement.aliases, ElementsAre("GA/12137"));
  EXPECT_EQ(statement.headline,
            "GENERAL ASSEMBLY ADOPTS TEXT ON RURAL WATER SUPPLY AFTER REJECTING AMENDMENT, "
            "RETAINING DISPUTED PARAGRAPH IN SEPARATE VOTE");
  EXPECT_EQ(statement.date, (PartialDate{2018, 12, 20}));
  EXPECT_EQ(statement.language, "en");
  EXPECT_EQ(statement.speaker, "Maria Lopez Vidal");
  EXPECT_EQ(statement.speaker_role, "Minister for Water Resources of Ecuador");
  ASSERT_EQ(statement.quotes.size(), 1u);  // not the “town hall” consultations
  EXPECT_EQ(statement.quotes[0].speaker, "Maria Lopez Vidal");
  EXPECT_THAT(statement.text, Not(testing::HasSubstr("Department of Public Information")));
  EXPECT_THAT(statement.text, Not(testing::HasSubstr("In progress at UNHQ")));
  EXPECT_THAT(statement.references, Contains("A/RES/73/202"));

  ASSERT_EQ(statement.adoptions.size(), 5u);
  const ReportedAdoption& amendment = statement.adoptions[0];
  EXPECT_EQ(amendment.subject, VoteSubject::kAmendment);
  EXPECT_EQ(amendment.part, "amendment A/73/L.61");
  EXPECT_FALSE(amendment.adopted);
  EXPECT_EQ(VoteSummary(amendment.vote), "40-81-23");

  const ReportedAdoption& paragraph = statement.adoptions[1];
  EXPECT_EQ(paragraph.subject, VoteSubject::kParagraph);
  EXPECT_EQ(paragraph.part, "operative paragraph 5");
  EXPECT_TRUE(paragraph.adopted);
  EXPECT_EQ(VoteSummary(paragraph.vote), "101-2-30");
  EXPECT_THAT(States(paragraph, VotePosition::kAgainst),
              ElementsAre("Israel", "United States of America"));

  const ReportedAdoption& water = statement.adoptions[2];
  EXPECT_EQ(water.subject, VoteSubject::kWholeText);
  EXPECT_EQ(water.title, "Rural water supply and sanitation for all");
  EXPECT_EQ(water.draft_symbol, "A/73/L.55");
  EXPECT_EQ(water.resolution_symbol, "");
  EXPECT_EQ(water.vote.method, VoteMethod::kRecorded);
  EXPECT_EQ(VoteSummary(water.vote), "120-3-12");
  EXPECT_THAT(water.vote.as_written,
              testing::StartsWith("By a recorded vote of 120 in favour to 3 against"));
  EXPECT_THAT(States(water, VotePosition::kAgainst),
              ElementsAre("Israel", "Nauru", "United States of America"));
  EXPECT_THAT(States(water, VotePosition::kInFavour),
              ElementsAre("Afghanistan", "Albania", "Algeria", "Bolivia (Plurinational State of)",
                          "Côte d'Ivoire", "Democratic People's Republic of Korea",
                          "Micronesia (Federated States of)", "Republic of Korea",
                          "United Kingdom of Great Britain and Northern Ireland", "Viet Nam"));
  EXPECT_THAT(States(water, VotePosition::kAbstaining),
              ElementsAre("Australia", "Canada", "Türkiye"));
  EXPECT_THAT(States(water, VotePosition::kAbsent), ElementsAre("Holy See"));

  const ReportedAdoption& basins = statement.adoptions[3];
  EXPECT_EQ(basins.resolution_symbol, "A/RES/73/202");
  EXPECT_EQ(basins.vote.method, VoteMethod::kWithoutVote);

  const ReportedAdoption& locusts = statement.adoptions[4];
  EXPECT_EQ(locusts.resolution_symbol, "A/RES/73/203");
  EXPECT_EQ(VoteSummary(locusts.vote), "150-3-2");
  EXPECT_THAT(States(locusts, VotePosition::kAgainst),
              ElementsAre("Iran (Islamic Republic of)", "Syrian Arab Republic",
                          "Venezuela (Bolivarian Republic of)"));
  EXPECT_THAT(States(locusts, VotePosition::kAbstaining),
              ElementsAre("Russian Federation", "Belarus"));
  ASSERT_EQ(locusts.corrections.size(), 1u);
  EXPECT_EQ(locusts.corrections[0].member_state.alpha3, "IRN");
  EXPECT_EQ(locusts.corrections[0].intended, VotePosition::kInFavour);
}

TEST(PressReleaseTest, WarnsOfNamesThatAreNoMemberState) {
  PressReading reading =
      ReadPressRelease(ReadPressFixture("ga_meetings_coverage.txt"), MemberStatesForTest());
  EXPECT_THAT(reading.extraction.warnings,
              Contains(testing::HasSubstr("\"Narnia\", which is no ISO 3166 country")));
}

TEST(PressReleaseTest, ReadsSecurityCouncilMeetingsCoverage) {
  const Statement statement = ReadOne("sc_meetings_coverage.txt");
  EXPECT_THAT(statement.aliases, ElementsAre("SC/13731"));
  EXPECT_EQ(statement.date, PartialDate{});  // none printed: none guessed
  EXPECT_EQ(statement.speaker, "Jonathan Allen");
  EXPECT_EQ(statement.speaker_role, "Deputy Permanent Representative of the United Kingdom");
  EXPECT_EQ(statement.quotes.size(), 2u);
  EXPECT_THAT(statement.places, Contains("Democratic Republic of the Congo"));
  EXPECT_THAT(statement.references,
              ElementsAre("S/RES/2462 (2019)", "S/RES/1970 (2011)", "S/RES/2463 (2019)"));
  ASSERT_EQ(statement.adoptions.size(), 2u);
  EXPECT_EQ(statement.adoptions[0].resolution_symbol, "S/RES/2462 (2019)");
  EXPECT_EQ(statement.adoptions[0].vote.method, VoteMethod::kUnanimous);
  EXPECT_EQ(statement.adoptions[1].resolution_symbol, "S/RES/2463 (2019)");
  EXPECT_EQ(VoteSummary(statement.adoptions[1].vote), "13-0-2");
  EXPECT_THAT(States(statement.adoptions[1], VotePosition::kAbstaining),
              ElementsAre("China", "Russian Federation"));
}

TEST(PressReleaseTest, ReadsAStatementAttributableToTheSpokesperson) {
  const Statement statement = ReadOne("spokesperson_statement.txt");
  EXPECT_EQ(statement.headline,
            "Statement Attributable to the Spokesman for the Secretary-General on the Adoption "
            "of Security Council Resolution 2469 (2019)");
  EXPECT_EQ(statement.speaker_role, "Spokesman for the Secretary-General");
  EXPECT_EQ(statement.speaker, "Stéphane Dujarric");
  EXPECT_EQ(statement.date, (PartialDate{2019, 5, 3}));
  EXPECT_THAT(statement.places, ElementsAre("New York", "Addis Ababa", "South Sudan"));
  ASSERT_EQ(statement.adoptions.size(), 1u);
  EXPECT_EQ(statement.adoptions[0].resolution_symbol, "S/RES/2469 (2019)");
  EXPECT_EQ(statement.adoptions[0].vote.method, VoteMethod::kUnanimous);
}

TEST(PressReleaseTest, ReadsTheSecretaryGeneralsMessage) {
  const Statement statement = ReadOne("sg_message.txt");
  EXPECT_THAT(statement.aliases, ElementsAre("SG/SM/19584"));
  EXPECT_EQ(statement.headline,
            "Protecting Forests Protects Our Future, Secretary-General Says in Message for World "
            "Environment Day");
  EXPECT_EQ(statement.speaker, "António Guterres");
  EXPECT_EQ(statement.speaker_role, "Secretary-General");
  // "observed on 5 June" is the Day, not the message.
  EXPECT_EQ(statement.date, (PartialDate{2019, 6, 4}));
  EXPECT_THAT(statement.adoptions, IsEmpty());
}

TEST(PressReleaseTest, CompletesAYearlessDatelineFromTheRelease) {
  const Statement statement = ReadOne("unic_reissue.txt");
  EXPECT_THAT(statement.aliases, ElementsAre("SG/SM/15712"));
  EXPECT_EQ(statement.headline,
            "Secretary-General Hails South-South Cooperation as Engine of Shared Prosperity");
  EXPECT_EQ(statement.date, (PartialDate{2014, 3, 20}));
  EXPECT_EQ(statement.speaker, "Ban Ki-moon");
  EXPECT_EQ(statement.speaker_role, "Secretary-General");
  EXPECT_THAT(statement.places, ElementsAre("Buenos Aires"));
  // “BAPA+40” is a name in quotation marks, not a quote.
  EXPECT_THAT(statement.quotes, IsEmpty());
}

TEST(PressReleaseTest, ReadsAReleaseInFrenchAsFrench) {
  const Statement statement = ReadOne("french_release.txt");
  EXPECT_EQ(statement.language, "fr");
  EXPECT_THAT(statement.aliases, ElementsAre("SG/SM/15431", "AFR/2812"));
  EXPECT_EQ(statement.headline,
            "LE SECRÉTAIRE GÉNÉRAL SALUE L’ACCORD DE PAIX CONCLU AU MALI ET APPELLE LES PARTIES "
            "À LE METTRE EN ŒUVRE");
  EXPECT_EQ(statement.date, (PartialDate{2014, 3, 10}));
  EXPECT_EQ(statement.speaker, "Ban Ki-moon");
  EXPECT_EQ(statement.speaker_role, "Secretary-General");
  EXPECT_THAT(statement.places, ElementsAre("Mali"));
  EXPECT_THAT(statement.adoptions, IsEmpty());
}

TEST(PressReleaseTest, ReadsTheOpeningOfAVerbatimRecordAndItsVote) {
  const Statement statement = ReadOne("verbatim_record.txt");
  EXPECT_THAT(statement.aliases, ElementsAre("S/PV.7853"));
  EXPECT_EQ(statement.headline, "");
  EXPECT_EQ(statement.speaker, "");
  EXPECT_EQ(statement.date, (PartialDate{2016, 12, 23}));
  EXPECT_THAT(statement.places, Contains("New York"));
  // Each speech is its speaker's; the record names no single speaker.
  ASSERT_EQ(statement.quotes.size(), 4u);
  EXPECT_EQ(statement.quotes[0].speaker, "The President");
  EXPECT_EQ(statement.quotes[1].speaker, "Mr. Ibrahim (Malaysia)");
  EXPECT_THAT(statement.quotes[0].text, testing::StartsWith("Members of the Council have before"));
  ASSERT_EQ(statement.adoptions.size(), 1u);
  const ReportedAdoption& adoption = statement.adoptions[0];
  EXPECT_EQ(adoption.resolution_symbol, "S/RES/2334 (2016)");
  EXPECT_EQ(VoteSummary(adoption.vote), "14-0-1");
  EXPECT_EQ(States(adoption, VotePosition::kInFavour).size(), 14u)
      << testing::PrintToString(States(adoption, VotePosition::kInFavour));
  EXPECT_THAT(States(adoption, VotePosition::kAbstaining), ElementsAre("United States of America"));
}

TEST(PressReleaseTest, ReadsAUnNewsStoryThroughTheDocumentReader) {
  const std::string content = ReadPressFixture("un_news_story.txt");
  absl::StatusOr<Extraction> extraction = ParseDocument(content, MediaType::kPlainText);
  ASSERT_TRUE(extraction.ok()) << extraction.status();
  ASSERT_EQ(extraction->statements.size(), 1u);
  ASSERT_THAT(extraction->resolutions, IsEmpty());
  const Statement& statement = extraction->statements[0];
  EXPECT_EQ(statement.headline,
            "UN Assembly Marks Anniversary of Peacekeeping with Call for Greater Support");
  EXPECT_EQ(statement.date, (PartialDate{2019, 11, 5}));
  EXPECT_EQ(statement.speaker, "Tijjani Muhammad-Bande");
  EXPECT_EQ(statement.speaker_role, "President of the General Assembly");
  ASSERT_EQ(statement.adoptions.size(), 1u);
  EXPECT_EQ(statement.adoptions[0].title, "Honouring the service of peacekeepers");
  EXPECT_EQ(statement.adoptions[0].vote.method, VoteMethod::kConsensus);
}

TEST(PressReleaseTest, AResolutionQuotedInFullStaysInTheRelease) {
  const std::string content =
      "Security Council Extends Mission in Libya for Two Weeks, Adopting Resolution 2208 (2015)\n"
      "SC/11808\n"
      "The Council unanimously adopted resolution 2208 (2015) this afternoon.\n"
      "The full text of resolution 2208 (2015) reads as follows:\n"
      "The Security Council,\n"
      "Recalling its resolution 1970 (2011) and all its subsequent resolutions on Libya,\n"
      "Acting under Chapter VII of the Charter of the United Nations,\n"
      "1. Decides to extend until 31 March 2015 the mandate of the Mission;\n"
      "2. Decides to remain seized of the matter.\n";
  absl::StatusOr<Extraction> extraction = ParseDocument(content, MediaType::kPlainText);
  ASSERT_TRUE(extraction.ok()) << extraction.status();
  EXPECT_THAT(extraction->resolutions, IsEmpty());
  ASSERT_EQ(extraction->statements.size(), 1u);
  EXPECT_THAT(extraction->statements[0].aliases, ElementsAre("SC/11808"));
  ASSERT_EQ(extraction->statements[0].adoptions.size(), 1u);
  EXPECT_EQ(extraction->statements[0].adoptions[0].resolution_symbol, "S/RES/2208 (2015)");
}

TEST(PressReleaseTest, ReadsAReleaseSentAsHtml) {
  const std::string html =
      "<html><head><title>Press release</title></head><body>"
      "<div class=\"symbol\">SG/SM/12668</div>"
      "<h1>Secretary-General Urges Unity on Human Rights Day</h1>"
      "<p>10 December 2009</p>"
      "<p>Following is UN Secretary-General Ban Ki-moon’s message on Human Rights Day:</p>"
      "<p>Let us stand together for the rights of every person, everywhere.</p>"
      "</body></html>";
  absl::StatusOr<Extraction> extraction = ParseDocument(html, MediaType::kHtml);
  ASSERT_TRUE(extraction.ok()) << extraction.status();
  ASSERT_EQ(extraction->statements.size(), 1u);
  const Statement& statement = extraction->statements[0];
  EXPECT_THAT(statement.aliases, ElementsAre("SG/SM/12668"));
  EXPECT_EQ(statement.headline, "Secretary-General Urges Unity on Human Rights Day");
  EXPECT_EQ(statement.date, (PartialDate{2009, 12, 10}));
  EXPECT_EQ(statement.speaker, "Ban Ki-moon");
  EXPECT_EQ(statement.speaker_role, "Secretary-General");
}

TEST(PressReleaseTest, RefusesFrenchTextThatIsNoReleaseSayingWhy) {
  const std::string story =
      "Le Conseil salue la paix au Mali\n\n"
      "Le Conseil de sécurité a salué aujourd’hui la signature de l’accord de paix, qui est une "
      "étape pour la population et pour les parties, dans la région et dans le pays.\n";
  absl::StatusOr<Extraction> extraction = ParseDocument(story, MediaType::kPlainText);
  ASSERT_FALSE(extraction.ok());
  EXPECT_THAT(extraction.status().message(), testing::HasSubstr("the text is in French"));
}

TEST(PressReleaseTest, ReadsTheDateForms) {
  for (const auto& [line, want] : std::vector<std::pair<std::string, PartialDate>>{
           {"21/11/2001", {2001, 11, 21}},
           {"19991222", {1999, 12, 22}},
           {"07 August 2015", {2015, 8, 7}},
       }) {
    const std::string content = "GA/10000\n" + line +
                                "\n\nGeneral Assembly Elects Members of Council\n\n"
                                "The General Assembly today elected five members.\n";
    PressReading reading = ReadPressRelease(content, MemberStatesForTest());
    ASSERT_EQ(reading.extraction.statements.size(), 1u) << line;
    EXPECT_EQ(reading.extraction.statements[0].date, want) << line;
    EXPECT_EQ(reading.extraction.statements[0].headline, "General Assembly Elects Members of Council");
  }
}

TEST(PressReleaseTest, RefusesWhatIsPastItsLimits) {
  PressReleaseLimits limits;
  limits.max_bytes = 10;
  PressReading reading = ReadPressRelease("SG/SM/1234\nA headline of a release\n", MemberStatesForTest(), limits);
  EXPECT_THAT(reading.extraction.statements, IsEmpty());
  EXPECT_THAT(reading.missing, testing::HasSubstr("over the limit"));
}

TEST(PressReleaseTest, TellsReleasesFromOtherText) {
  EXPECT_EQ(PressReleaseSignal("Resolution 1325 (2000)\nAdopted by the Security Council at its "
                               "4213th meeting\n(SC/6816),\n"),
            PressSignal::kNone);
  EXPECT_EQ(PressReleaseSignal("Some story\n\nBy a recorded vote of 100 in favour to 11 against, "
                               "the General Assembly adopted a text.\n"),
            PressSignal::kWeak);
  EXPECT_EQ(PressReleaseSignal("Headline\n\n75th Meeting (AM)\n\nThe Council met.\n"),
            PressSignal::kStrong);
}

}  // namespace
}  // namespace plenary::parsing
