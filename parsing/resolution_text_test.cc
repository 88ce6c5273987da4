#include "parsing/resolution_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/document.h"

namespace plenary::parsing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<std::string> Numbers(const Resolution& resolution, ParagraphKind kind) {
  std::vector<std::string> numbers;
  for (const Paragraph& paragraph : resolution.paragraphs) {
    if (paragraph.kind == kind) numbers.push_back(paragraph.number);
  }
  return numbers;
}

// A General Assembly resolution as pdftotext prints the official PDF.
constexpr char kAssemblyPdfText[] =
    "A/RES/70/900\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n3 January 2016\n\n"
    "Seventieth session\nAgenda item 19 (a)\n\n"
    "Resolution adopted by the General Assembly\non 22 December 2015\n"
    "[on the report of the Second Committee (A/70/472/Add.1 and Corr.1)]\n\n"
    "70/900. Sustainable mountain development and the protection of\n"
    "high-altitude ecosystems\n"
    "The General Assembly,\n"
    "Recalling its resolutions 68/217 of 20 December 2013 and 2625 (XXV), and Human\n"
    "Rights Council resolution 28/11,\n"
    "Taking note of the report of the Secretary-General, 1 and of the outcome of the\n"
    "Conference held in Sendai, Japan, 2\n\n"
    "_______________\n1\n2\n\nA/70/224.\nResolution 69/283, annex II.\n\n15-17322 (E)\n\n*1517322*\n"
    "\n\fA/RES/70/900\n\n"
    "Sustainable mountain development and the protection of high-altitude ecosystems\n\n"
    "1.\nTakes note of the report;\n"
    "2.\nEncourages States to adopt a long-term vision, including:\n"
    "(a) Through moun-\ntain partnerships;\n"
    "(b) Through regional cooperation;\n"
    "Decides to include in the provisional agenda of its seventy-second session\n"
    "3.\nthe item entitled \"Sustainable development\".\n"
    "81st plenary meeting\n22 December 2015\n\n2/2\n";

TEST(ResolutionTextTest, ReadsAnAssemblyResolutionAsPdftotextPrintsIt) {
  const ResolutionTextReading reading = ReadResolutionText(kAssemblyPdfText);
  EXPECT_TRUE(reading.looks_like_resolution_text);
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "A/RES/70/900");
  EXPECT_EQ(resolution.body, "General Assembly");
  EXPECT_EQ(resolution.adopted, (PartialDate{2015, 12, 22}));  // not the Distr. date
  EXPECT_EQ(resolution.title,
            "Sustainable mountain development and the protection of high-altitude ecosystems");
  EXPECT_THAT(resolution.source_documents,
              ElementsAre("A/70/472/Add.1", "A/70/472/Add.1/Corr.1"));
  EXPECT_THAT(resolution.references,
              ElementsAre("A/RES/68/217", "A/RES/2625(XXV)", "A/RES/69/283"));
  EXPECT_THAT(Numbers(resolution, ParagraphKind::kPreambular), ElementsAre("", ""));
  EXPECT_THAT(Numbers(resolution, ParagraphKind::kOperative),
              ElementsAre("1", "2", "(a)", "(b)", "3"));
  EXPECT_EQ(resolution.paragraphs[1].text,
            "Taking note of the report of the Secretary-General, and of the outcome of the "
            "Conference held in Sendai, Japan,");
  EXPECT_EQ(resolution.paragraphs[4].text, "Through mountain partnerships;");
  EXPECT_EQ(resolution.meeting.number, 81);
  EXPECT_EQ(resolution.meeting.record, "A/70/PV.81");
  EXPECT_EQ(resolution.meeting.date, (PartialDate{2015, 12, 22}));
  for (const Paragraph& paragraph : resolution.paragraphs) {
    EXPECT_THAT(paragraph.text, Not(HasSubstr("1517322")));
    EXPECT_THAT(paragraph.text, Not(HasSubstr("A/RES/70/900")));
    EXPECT_THAT(paragraph.text, Not(HasSubstr("A/70/224")));
  }
}

TEST(ResolutionTextTest, ReadsACouncilResolutionWithoutATitle) {
  const ResolutionTextReading reading = ReadResolutionText(
      "S/RES/2999 (2025)\n\nUnited Nations\n\nSecurity Council\n\nDistr.: General\n"
      "2 May 2025\n\nResolution 2999 (2025)\n"
      "Adopted by the Security Council at its 9901st meeting, on\n30 April 2025\n"
      "The Security Council,\nRecalling its resolution 2334 (2016),\n"
      "Urges all parties to exercise restraint and to refrain from any\n1.\n"
      "action that would escalate tensions;\n"
      "Decides to remain seized of the matter.\n\n2\n\n25-07123\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "S/RES/2999 (2025)");
  EXPECT_THAT(resolution.aliases, ElementsAre("2999 (2025)"));
  EXPECT_EQ(resolution.title, "");
  EXPECT_EQ(resolution.adopted, (PartialDate{2025, 4, 30}));
  EXPECT_EQ(resolution.meeting.record, "S/PV.9901");
  EXPECT_THAT(resolution.references, ElementsAre("S/RES/2334 (2016)"));
  ASSERT_EQ(resolution.paragraphs.size(), 3u);
  EXPECT_EQ(resolution.paragraphs[1].number, "1");
  EXPECT_EQ(resolution.paragraphs[1].text,
            "Urges all parties to exercise restraint and to refrain from any action that would "
            "escalate tensions;");
  EXPECT_EQ(resolution.paragraphs[2].kind, ParagraphKind::kOperative);
}

// An Official Records compilation page: the tail of one resolution, two
// whole ones (the second with an annex), OCR noise.
constexpr char kCompilationPage[] =
    "General Assembly-Thirty-first Session\n\n112\n\n"
    "4. Requests the Secretary-General to report to the General Assembly.\n"
    "90th plenary meeting\nJO December 1976\n"
    "31/401. Questions relating to\nthe ocean floor\n\n"
    "The General Assembly,\n"
    "Recalling its resolution 2749 (XXV) of 17 December 1970,\n"
    "I. Notes the report of the Committee;\n"
    "2. Decides to continue the consideration of the question.\n"
    "90th plenary meeting\n10 December 1976\n"
    "31/402. Declaration on co-operation\n\n"
    "The General Assembly\n"
    "Decides to adopt the Declaration annexed to the present resolution.\n"
    "91st plenary meeting\n1l December 1976\n"
    "ANNEX\nDeclaration on Co-operation among States\nArticle 1\n"
    "l. States should co-operate.\n2. States should report.\n";

TEST(ResolutionTextTest, ACompilationGivesOneRecordPerNumberedResolution) {
  const ResolutionTextReading reading = ReadResolutionText(kCompilationPage);
  ASSERT_EQ(reading.extraction.resolutions.size(), 2u) << reading.missing;
  const Resolution& first = reading.extraction.resolutions[0];
  EXPECT_EQ(first.symbol, "A/RES/31/401");
  EXPECT_EQ(first.title, "Questions relating to the ocean floor");
  EXPECT_EQ(first.adopted, (PartialDate{1976, 12, 10}));
  EXPECT_THAT(Numbers(first, ParagraphKind::kOperative), ElementsAre("1", "2"));
  EXPECT_THAT(first.references, ElementsAre("A/RES/2749(XXV)"));
  const Resolution& second = reading.extraction.resolutions[1];
  EXPECT_EQ(second.symbol, "A/RES/31/402");
  EXPECT_EQ(second.adopted, (PartialDate{1976, 12, 11}));
  EXPECT_THAT(Numbers(second, ParagraphKind::kOperative), ElementsAre(""));
  EXPECT_THAT(Numbers(second, ParagraphKind::kAnnex), ElementsAre("", "", "1", "2"));
}

TEST(ResolutionTextTest, ABilingualCouncilPageKeepsTheEnglishAndTheVote) {
  const ResolutionTextReading reading = ReadResolutionText(
      "101 (1953). Resolution of 24 November 1953\n\n"
      "101 (1953). Resolution du 24 novembre 1953\n\n[S/3139/Rev.2]\n\n"
      "Le Conseil de securite,\nThe Security Council,\n"
      "Recalling its resolutions 54 (1948) and 93 (1951),\n"
      "Rappelant ses resolutions 54 (1948) et 93 (1951) de la session,\n"
      "Finds that the retaliatory action taken by armed forces constitutes a violation;\n"
      "Constate que l'action de represailles constitue une violation de la treve;\n"
      "Adopted at the 642nd meeting\nby 9 votes to none, with 2\nabstentions (Lebanon, USSR).\n"
      "Adoptee a la 642e seance par\n9 voix contre zero, avec 2 abstentions.\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "S/RES/101 (1953)");
  EXPECT_EQ(resolution.adopted, (PartialDate{1953, 11, 24}));
  EXPECT_THAT(resolution.source_documents, ElementsAre("S/3139/Rev.2"));
  EXPECT_THAT(resolution.references, ElementsAre("S/RES/54 (1948)", "S/RES/93 (1951)"));
  EXPECT_EQ(resolution.vote.method, VoteMethod::kRecorded);
  EXPECT_EQ(resolution.vote.in_favour, 9);
  EXPECT_EQ(resolution.vote.against, 0);
  EXPECT_EQ(resolution.vote.abstaining, 2);
  EXPECT_EQ(resolution.meeting.number, 642);
  for (const Paragraph& paragraph : resolution.paragraphs) {
    EXPECT_THAT(paragraph.text, Not(HasSubstr("Constate")));
  }
}

TEST(ResolutionTextTest, AWebCopyWithALabelAndNoNumberHeading) {
  const ResolutionTextReading reading = ReadResolutionText(
      "Archive - 26 maggio 1989\nMember Name E89r012\n\n24 May 1989\n\n15th plenary meeting\n\n"
      "Prevention of crime\n\nThe Economic and Social Council,\n\n"
      "Recalling its resolution 1987/49 of 28 May 1987,\n\nRequests the Secretary-General to "
      "act.\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "E/RES/1989/12");
  EXPECT_EQ(resolution.body, "Economic and Social Council");
  EXPECT_EQ(resolution.title, "Prevention of crime");
  EXPECT_EQ(resolution.adopted, (PartialDate{1989, 5, 24}));
  EXPECT_THAT(resolution.references, ElementsAre("E/RES/1987/49"));
}

TEST(ResolutionTextTest, ADraftIsNoResolution) {
  const ResolutionTextReading reading = ReadResolutionText(
      "UNITED\nNATIONS\nGENERAL\nASSEMBLY\nDistr.\nLIMITED\nA/C.3/71/L.9\n4 October 2016\n"
      "Ruritania: draft resolution\nThe General Assembly,\nDecides to act.\n");
  EXPECT_TRUE(reading.extraction.resolutions.empty());
  EXPECT_TRUE(reading.looks_like_resolution_text);
  EXPECT_THAT(reading.missing, HasSubstr("draft resolution (A/C.3/71/L.9)"));
}

TEST(ResolutionTextTest, AResolutionTextIsNeverAStatement) {
  // An unnumbered resolution: nothing to record, and no statement either.
  absl::StatusOr<Extraction> extraction = ParseDocument(
      "The General Assembly,\nRecalling its resolution 3379 (XXX),\n"
      "The Secretary-General said: \"We welcome it.\"\nDecides to act.\n",
      MediaType::kPlainText);
  EXPECT_EQ(extraction.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(extraction.status().message(), HasSubstr("not read as a statement"));
}

TEST(ResolutionTextTest, LimitsAreKept) {
  ResolutionTextLimits limits;
  limits.max_bytes = 10;
  const ResolutionTextReading reading = ReadResolutionText(kAssemblyPdfText, limits);
  EXPECT_THAT(reading.extraction.resolutions, IsEmpty());
  EXPECT_THAT(reading.missing, HasSubstr("more than the 10"));
  ResolutionTextLimits lines;
  lines.max_lines = 5;
  EXPECT_THAT(ReadResolutionText(kAssemblyPdfText, lines).missing, HasSubstr("more than 5 lines"));
}

TEST(ResolutionTextTest, APressReleaseIsNotAResolutionText) {
  const ResolutionTextReading reading = ReadResolutionText(
      "Security Council Extends Mission, Adopting Resolution 2999 (2025)\n"
      "The Security Council, recognizing the need, extended the mandate.\n"
      "The full text of resolution 2999 (2025) reads as follows:\n");
  EXPECT_FALSE(reading.looks_like_resolution_text);
  EXPECT_THAT(reading.extraction.resolutions, IsEmpty());
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

// Text extractors other than pdftotext: no form feeds, trailing spaces,
// the masthead's parts on one line, footnote markers glued to the word.
TEST(ResolutionTextTest, PagesWithoutFormFeeds) {
  const ResolutionTextReading reading = ReadResolutionText(
      "United Nations A/RES/81/12\n \nGeneral Assembly Distr.: General 20 November 2026 \n"
      "25-18301 (E) \n*2518301* \n \nEighty-first session Agenda item 74 \n"
      " Resolution adopted by the General Assembly \non 17 November 2026 \n \n"
      "[without reference to a Main Committee (A/81/L.9)] \n \n"
      "81/12. Report of the Court \n \nThe General Assembly, \n \n"
      "Recalling its resolution 80/6 of 11 November 2025,1 \n \n"
      "__________________ \n \n1 United Nations, Treaty Series, vol. 2187. \n\n"
      "A/RES/81/12 \nReport of the Court\n \n25-18301\n2/2 \n \n"
      "1. \nWelcomes the report of the Court; \n \n"
      "2. Decides to include the item in the provisional agenda of its eighty-second session. \n"
      " \n40th plenary meeting \n17 November 2026 \n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "A/RES/81/12");
  EXPECT_EQ(resolution.adopted, (PartialDate{2026, 11, 17}));
  EXPECT_EQ(resolution.title, "Report of the Court");
  EXPECT_THAT(Numbers(resolution, ParagraphKind::kOperative), ElementsAre("1", "2"));
  EXPECT_THAT(resolution.references, ElementsAre("A/RES/80/6"));
  EXPECT_THAT(resolution.source_documents, ElementsAre("A/81/L.9"));
  ASSERT_FALSE(resolution.paragraphs.empty());
  EXPECT_EQ(resolution.paragraphs[0].text, "Recalling its resolution 80/6 of 11 November 2025,");
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(ResolutionTextTest, OldCouncilResolutionsHaveNoTitle) {
  const ResolutionTextReading reading = ReadResolutionText(
      "Resolution 242 (1967) of 22 Novemhcr 1967\n\nThe Security Council,\n"
      "Expressing its continuing concern with the grave situation in the Middle East,\n"
      "1. Affirms that the fulfilment of Charter principles requires peace;\n"
      "2. Requests the Secretary-General to report.\n"
      "Adopted unanimously at the 1382nd meeting.\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "S/RES/242 (1967)");
  EXPECT_EQ(resolution.title, "");
  EXPECT_EQ(resolution.adopted, (PartialDate{1967, 11, 22}));
  EXPECT_EQ(resolution.vote.method, VoteMethod::kUnanimous);
  EXPECT_EQ(resolution.meeting.record, "S/PV.1382");
}

TEST(ResolutionTextTest, ADecisionIsNoResolution) {
  const ResolutionTextReading reading = ReadResolutionText(
      "A/DEC/73/555\nGeneral Assembly\nDistr.: General\n1 May 2019\n"
      "Decision adopted by the General Assembly on 30 April 2019\n"
      "73/555. Appointment of members of the Committee\n"
      "The General Assembly appointed the following members.\n");
  EXPECT_THAT(reading.extraction.resolutions, IsEmpty());
}

TEST(ResolutionTextTest, APressReleaseHeadingIsNoResolution) {
  const ResolutionTextReading reading = ReadResolutionText(
      "Security Council Extends Mission\nResolution 2208 (2015)\n"
      "The full text of resolution 2208 (2015) reads as follows:\n"
      "\u201cThe Security Council,\n\u201cRecalling its resolution 1970 (2011),\n"
      "\u201c1. Decides to extend the mandate;\n");
  EXPECT_THAT(reading.extraction.resolutions, IsEmpty());
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(ResolutionTextTest, ReadsAnEconomicAndSocialCouncilResolution) {
  const ResolutionTextReading reading = ReadResolutionText(
      "United Nations\n\nE/RES/2019/44\n\nEconomic and Social Council\n\nDistr.: General\n"
      "30 July 2019\n\n2019 session\n26 July 2018–24 July 2019\nAgenda item 18 (b)\n\n"
      "Resolution adopted by the Economic and Social Council on 23 July 2019\n"
      "[on the recommendation of the Commission on Crime Prevention (E/2019/30)]\n\n"
      "2019/44. Technical assistance for crime prevention\n"
      "The Economic and Social Council,\n"
      "Recalling General Assembly resolution 73/186 of 17 December 2018 and its own\n"
      "resolution 2018/17 of 12 July 2018,\n"
      "1. Requests the United Nations Office on Drugs and Crime to continue;\n"
      "2. Invites Member States to contribute.\n\n"
      "41st plenary meeting\n23 July 2019\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "E/RES/2019/44");
  EXPECT_EQ(resolution.body, "Economic and Social Council");
  EXPECT_EQ(resolution.adopted, (PartialDate{2019, 7, 23}));
  EXPECT_EQ(resolution.title, "Technical assistance for crime prevention");
  EXPECT_THAT(resolution.references, ElementsAre("A/RES/73/186", "E/RES/2018/17"));
  EXPECT_THAT(resolution.source_documents, ElementsAre("E/2019/30"));
  EXPECT_THAT(Numbers(resolution, ParagraphKind::kOperative), ElementsAre("1", "2"));
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(ResolutionTextTest, MeetingLinesInWordsWithTheirDate) {
  const ResolutionTextReading reading = ReadResolutionText(
      "194 (III). Palestine -- Progress Report of the United Nations Mediator\n"
      "The General Assembly,\nHaving considered further the situation in Palestine,\n"
      "1. Expresses its deep appreciation of the progress achieved;\n"
      "Hundred and eighty-sixth plenary meeting, 11 December 1948.\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "A/RES/194(III)");
  EXPECT_EQ(resolution.adopted, (PartialDate{1948, 12, 11}));
  EXPECT_EQ(resolution.title, "Palestine -- Progress Report of the United Nations Mediator");
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(ResolutionTextTest, SectionHeadingsAmongOperativeParagraphsAreNoParagraphs) {
  const ResolutionTextReading reading = ReadResolutionText(
      "A/RES/72/999\n\nGeneral Assembly\n\nDistr.: General\n24 November 2017\n\n"
      "Resolution adopted by the General Assembly\non 21 November 2017\n\n72/999.\n\n"
      "The situation in Ruritania\nThe General Assembly,\n"
      "Welcoming the reports of the Secretary-General 1 and the recommendations\n"
      "contained therein,\n1.\nPledges its continued support to the Government of Ruritania,\n"
      "__________________\n1\n\n2/13\n\nA/71/682-S/2016/1049.\n17-20698\n\n"
      "The situation in Ruritania\n\nA/RES/72/999\n\n"
      "free of terrorism;\nSecurity\n2.\nRecognizes the commitment of the community;\n"
      "45th plenary meeting\n21 November 2017\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  ASSERT_EQ(resolution.paragraphs.size(), 3u);
  EXPECT_EQ(resolution.paragraphs[1].text,
            "Pledges its continued support to the Government of Ruritania, free of terrorism;");
  EXPECT_EQ(resolution.paragraphs[2].number, "2");
  EXPECT_EQ(resolution.paragraphs[2].text, "Recognizes the commitment of the community;");
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

// The 1960s compilations: the heading twice (both columns), the date on a
// line of its own, the French column interleaved.
TEST(ResolutionTextTest, CouncilHeadingWithTheDateBelowIt) {
  const ResolutionTextReading reading = ReadResolutionText(
      "Decisions\n\nAt its 1375th meeting, on 13 November 1967, the Council decided to invite "
      "the representative of Syria.\n\n"
      "Resolution 250 (1968)\n\nResolution 250 (1968)\n\nof 27 April 1968\n\ndu 27 avril 1968\n\n"
      "Le Conseil de securite,\n\nThe Security Council,\n"
      "Having heard the statement of the Secretary-General,\n\n"
      "Ayant entendu la declaration du Secretaire general,\n\n"
      "1. Calls upon Israel to refrain from holding the parade;\n\n"
      "1. Invite Israel a s'abstenir de tenir le defile;\n\n"
      "2. Requests the Secretary-General to report to the Council.\n\n"
      "2. Prie le Secretaire general de faire rapport au Conseil.\n\n"
      "Adopted unanimously at the\n1417th meeting.\n\n"
      "Adoptee a l'unanimite a la\n1417e seance.\n\nDecision\n\n"
      "At its 1418th meeting, the Council decided to invite Jordan.\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "S/RES/250 (1968)");
  EXPECT_EQ(resolution.adopted, (PartialDate{1968, 4, 27}));
  EXPECT_EQ(resolution.title, "");
  EXPECT_THAT(Numbers(resolution, ParagraphKind::kOperative), ElementsAre("1", "2"));
  EXPECT_EQ(resolution.vote.method, VoteMethod::kUnanimous);
  EXPECT_EQ(resolution.meeting.number, 1417);
  EXPECT_EQ(resolution.paragraphs.size(), 3u);
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(ResolutionTextTest, ACompilationsRunningHeadInsideAPreamble) {
  const ResolutionTextReading reading = ReadResolutionText(
      "4l/920.\n\nSetting standards in the field of\nhuman rights\n\nThe General Assembly,\n"
      "Emphasizing the primacy of the Universal Declaration of Human Rights in this network,\n\n"
      "VI.\n\nResolutions adopted on tbe reports of tbe Tbird Committee\n\n"
      "Reaffirming that effective implementation is of fundamental importance,\n"
      "l. Calls upon Member States to accord priority to existing standards;\n"
      "2. Requests the Secretary-General to provide support.\n"
      "97th plenary meeting\n4 December 1986\n");
  ASSERT_EQ(reading.extraction.resolutions.size(), 1u) << reading.missing;
  const Resolution& resolution = reading.extraction.resolutions[0];
  EXPECT_EQ(resolution.symbol, "A/RES/41/920");
  EXPECT_EQ(resolution.title, "Setting standards in the field of human rights");
  ASSERT_EQ(resolution.paragraphs.size(), 4u);
  EXPECT_EQ(resolution.paragraphs[0].text,
            "Emphasizing the primacy of the Universal Declaration of Human Rights in this network,");
  EXPECT_THAT(Numbers(resolution, ParagraphKind::kOperative), ElementsAre("1", "2"));
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(ResolutionTextTest, HowTheVoteWasTaken) {
  auto vote_of = [](const std::string& line) {
    const ResolutionTextReading reading = ReadResolutionText(
        "300 (1971). Resolution of 12 October 1971\n[S/10369]\nThe Security Council,\n"
        "Recalling its resolutions,\nCalls upon the parties to act.\n" + line + "\n");
    return reading.extraction.resolutions.empty() ? Vote{}
                                                  : reading.extraction.resolutions[0].vote;
  };
  EXPECT_EQ(vote_of("Adopted by consensus at the 1600th meeting.").method, VoteMethod::kConsensus);
  EXPECT_EQ(vote_of("Adopted by a show of hands at the 1600th meeting.").method,
            VoteMethod::kShowOfHands);
  EXPECT_EQ(vote_of("Adopted without vote at the 1600th meeting.").method,
            VoteMethod::kWithoutVote);
  const Vote counted = vote_of("Adopted at the 1600th meeting by 13 votes to 2, with 1 abstention.");
  EXPECT_EQ(counted.method, VoteMethod::kRecorded);
  EXPECT_EQ(counted.in_favour, 13);
  EXPECT_EQ(counted.against, 2);
  EXPECT_EQ(counted.abstaining, 1);
}

}  // namespace
}  // namespace plenary::parsing
