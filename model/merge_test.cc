#include "model/merge.h"

#include "gtest/gtest.h"

namespace plenary {
namespace {

// S/RES/66 (1948) as the 1948 library table gives it.
Resolution TableRow() {
  Resolution resolution;
  resolution.authority = Authority::kTableRow;
  resolution.symbol = "S/RES/66 (1948)";
  resolution.body = "Security Council";
  resolution.adopted = {1948, 12, 29};
  resolution.title = "The Palestine question";
  resolution.vote = {VoteMethod::kRecorded, 8, 0, 3, "8-0-3"};
  resolution.meeting = {"S/PV.396", 396, {1948, 12, 29}};
  return resolution;
}

// The same resolution as its full text states it: no vote, a year only.
Resolution FullText() {
  Resolution resolution;
  resolution.symbol = "S/RES/66 (1948)";
  resolution.body = "Security Council";
  resolution.adopted = {1948, 0, 0};
  resolution.title = "Resolution of 29 December 1948";
  resolution.paragraphs = {{"1", "Calls upon the Governments concerned", ParagraphKind::kOperative}};
  resolution.references = {"S/RES/61 (1948)"};
  return resolution;
}

TEST(MergeReadingsTest, AFullTextWinsAndWhatATableStatedAloneStays) {
  const Resolution merged = MergeReadings(TableRow(), FullText());
  EXPECT_EQ(merged.title, "Resolution of 29 December 1948");
  EXPECT_EQ(merged.paragraphs, FullText().paragraphs);
  EXPECT_EQ(merged.references, FullText().references);
  // The table's vote and meeting survive a text that states none, and its
  // day survives a text that states the year only.
  EXPECT_EQ(merged.vote, TableRow().vote);
  EXPECT_EQ(merged.meeting, TableRow().meeting);
  EXPECT_EQ(merged.adopted, (PartialDate{1948, 12, 29}));
  EXPECT_EQ(merged.authority, Authority::kFullText);
}

TEST(MergeReadingsTest, ATableRowAfterTheFullTextOnlyFillsWhatIsUnknown) {
  const Resolution text_first = MergeReadings(FullText(), TableRow());
  EXPECT_EQ(text_first.title, "Resolution of 29 December 1948");
  EXPECT_EQ(text_first.vote, TableRow().vote);
  EXPECT_EQ(text_first.adopted, (PartialDate{1948, 12, 29}));
  EXPECT_EQ(text_first.authority, Authority::kFullText);
  // Either order gives one record.
  EXPECT_EQ(text_first, MergeReadings(TableRow(), FullText()));
}

TEST(MergeReadingsTest, AnUnchangedRestatementChangesNothing) {
  const Resolution merged = MergeReadings(TableRow(), FullText());
  EXPECT_EQ(MergeReadings(merged, FullText()), merged);
  EXPECT_EQ(MergeReadings(merged, TableRow()), merged);
}

TEST(MergeReadingsTest, AVoteRestatedWithoutFiguresKeepsThem) {
  Resolution known = TableRow();
  known.vote = {VoteMethod::kRecorded, 15, 0, 0, "15-0-0"};
  Resolution report = FullText();
  report.authority = Authority::kReport;
  report.vote = {VoteMethod::kUnanimous, {}, {}, {}, "adopted unanimously"};
  const Vote merged = MergeReadings(known, report).vote;
  EXPECT_EQ(merged.method, VoteMethod::kUnanimous);
  EXPECT_EQ(merged.in_favour, 15);
  EXPECT_EQ(merged.against, 0);
  EXPECT_EQ(merged.as_written, "adopted unanimously");
}

TEST(MergeReadingsTest, AReportNamesTheMemberStatesOfTheFullTextsVote) {
  Resolution text = FullText();
  text.vote = {VoteMethod::kRecorded, 100, 11, 58, "by a recorded vote of 100 to 11"};
  Resolution report = FullText();
  report.authority = Authority::kReport;
  report.vote = {VoteMethod::kRecorded, 100, 11, 58, "100 in favour to 11 against (...)",
                 {{{"Russian Federation", "RUS"}, VotePosition::kAgainst}}};
  const Vote merged = MergeReadings(text, report).vote;
  EXPECT_EQ(merged.as_written, "by a recorded vote of 100 to 11");  // the text's words
  ASSERT_EQ(merged.member_states.size(), 1u);
  EXPECT_EQ(merged.member_states[0].member_state.alpha3, "RUS");
  // A report of other figures is another vote: nothing of it is taken.
  report.vote.in_favour = 99;
  EXPECT_EQ(MergeReadings(text, report).vote, text.vote);
}

TEST(MergeReadingsTest, NamesOfAnotherTallyAreNotCarriedOver) {
  Resolution table = TableRow();
  table.vote.member_states = {{{"France", "FRA"}, VotePosition::kAbstaining}};
  Resolution correction = FullText();
  correction.vote = {VoteMethod::kRecorded, 9, 0, 2, "9-0-2"};
  EXPECT_TRUE(MergeReadings(table, correction).vote.member_states.empty());
}

TEST(MergeReadingsTest, AMoreAuthoritativeSourceCorrectsWhatDisagrees) {
  Resolution correction = TableRow();
  correction.authority = Authority::kFullText;
  correction.adopted = {1948, 12, 30};
  correction.vote = {VoteMethod::kRecorded, 9, 0, 2, "9-0-2"};
  const Resolution merged = MergeReadings(TableRow(), correction);
  EXPECT_EQ(merged.adopted, (PartialDate{1948, 12, 30}));
  EXPECT_EQ(merged.vote.in_favour, 9);
  // A less authoritative one does not.
  Resolution table = TableRow();
  table.adopted = {1948, 12, 31};
  EXPECT_EQ(MergeReadings(merged, table).adopted, (PartialDate{1948, 12, 30}));
}

}  // namespace
}  // namespace plenary
