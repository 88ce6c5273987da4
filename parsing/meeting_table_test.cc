#include "parsing/meeting_table.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/document.h"

namespace plenary::parsing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A fragment in the Dag Hammarskjöld Library's style: no <html> or <body>,
// a BOM encoded twice, CRLF, </br>, a rowspan pair with broken markup, a
// continuation row, drafts not adopted, a caption whose year is wrong.
constexpr char kTable[] =
    "\xc3\xaf\xc2\xbb\xc2\xbf<table class=\"tablefont\">\r\n"
    "<tr><th colspan=\"5\" class=\"tbltitle\">Meetings conducted  by the Security Council in "
    "1978</br>(in reverse chronological order)</th></tr>\r\n"
    "<tr><th>Meeting<br/>Record</th><th>Date</th><th>Topic</th>"
    "<th>Security Council<br> Outcome / Vote</th></tr>\r\n"
    "<tr><td><a href=\"https://undocs.org/en/S/PV.1920\">S/PV.1920</a></td><td>29 December </td>"
    "<td>The situation in Cyprus</td>"
    "<td><a href=\"x\">S/RES/460 (1977)</a><br>14-0-1<br> <br>"
    "Draft resolution <a href=\"y\">S/12500</a> not adopted<br>9-2-4</td></tr>\r\n"
    "<tr><td></td><td></td><td>Admission of new Members</td>"
    "<td><a>S/RES/461 (1977)</a><br> adopted unanimously</td></tr>\r\n"
    "<tr><th rowspan=\"2\"><p><span>S/PV.1919</span></p></th></a>"
    "<th rowspan=\"2\"><p>05 December</p></span></th>"
    "<td>Southern Rhodesia</td><td><a>S/RES/458 (1977)</a><br>Without vote</td></tr>\r\n"
    "<tr><td>Namibia</td><td><a>S/RES/459 (1977)</a> <br> 12-0-3</td>\r\n<tr>\r\n"
    "<tr><td>--</td><td>1 December</td><td>Letter procedure</td><td>S/PRST/1977/2</td></tr>\r\n"
    "</table>";

TEST(MeetingTableTest, OneResolutionPerSymbolWithItsRowsDateMeetingAndVote) {
  const MeetingTableReading reading = ReadMeetingTable(kTable);
  EXPECT_TRUE(reading.is_meeting_table);
  ASSERT_EQ(reading.extraction.resolutions.size(), 4u) << reading.missing;
  const Resolution& first = reading.extraction.resolutions[0];
  EXPECT_EQ(first.symbol, "S/RES/460 (1977)");
  EXPECT_EQ(first.body, "Security Council");
  EXPECT_EQ(first.adopted, (PartialDate{1977, 12, 29}));  // the row's year, not the caption's
  EXPECT_EQ(first.title, "The situation in Cyprus");
  EXPECT_EQ(first.meeting.record, "S/PV.1920");
  EXPECT_EQ(first.meeting.number, 1920);
  EXPECT_EQ(first.vote.as_written, "14-0-1");
  EXPECT_EQ(first.vote.in_favour, 14);
  EXPECT_EQ(first.vote.against, 0);
  EXPECT_EQ(first.vote.abstaining, 1);

  const Resolution& continued = reading.extraction.resolutions[1];
  EXPECT_EQ(continued.symbol, "S/RES/461 (1977)");
  EXPECT_EQ(continued.meeting.record, "S/PV.1920");
  EXPECT_EQ(continued.adopted, (PartialDate{1977, 12, 29}));
  EXPECT_EQ(continued.vote.method, VoteMethod::kUnanimous);
  EXPECT_EQ(continued.vote.as_written, "adopted unanimously");

  const Resolution& spanned = reading.extraction.resolutions[3];
  EXPECT_EQ(spanned.symbol, "S/RES/459 (1977)");
  EXPECT_EQ(spanned.meeting.record, "S/PV.1919");
  EXPECT_EQ(spanned.adopted, (PartialDate{1977, 12, 5}));
  EXPECT_EQ(reading.extraction.resolutions[2].vote.method, VoteMethod::kWithoutVote);
  EXPECT_EQ(reading.extraction.resolutions[2].vote.as_written, "Without vote");
}

TEST(MeetingTableTest, AVetoListGivesNoResolution) {
  const MeetingTableReading reading = ReadMeetingTable(
      "<table><tr><th>Meeting Record</th><th>Date</th><th>Topic</th><th>Outcome / Vote</th></tr>"
      "<tr><td>S/PV.2000</td><td>3 March 1977</td><td>Question</td>"
      "<td>Draft resolution S/RES/999 (1977) vetoed<br>10-3-2</td></tr></table>");
  EXPECT_TRUE(reading.is_meeting_table);
  EXPECT_THAT(reading.extraction.resolutions, IsEmpty());
  EXPECT_THAT(reading.missing, HasSubstr("no adopted resolution"));
  absl::StatusOr<Extraction> extraction = ParseDocument(
      "<table><tr><th>Meeting Record</th><th>Date</th><th>Topic</th><th>Outcome / Vote</th></tr>"
      "<tr><td>S/PV.2000</td><td>3 March 1977</td><td>Question</td><td>vetoed</td></tr></table>",
      MediaType::kHtml);
  EXPECT_THAT(extraction.status().message(), HasSubstr("table of meetings"));
}

TEST(MeetingTableTest, TheVetoListIsALibraryTableWithoutResolutions) {
  const std::string veto =
      "<link href=\"x.css\" rel=\"stylesheet\" />\n<table><tr><th colspan=\"5\">Security Council - "
      "Veto List<br></th></tr><tr><th>Date</th><th>Draft</th><th>Written<br>Record</th>"
      "<th>Agenda Item</th><th>Permanent<br>Member Casting<br>Negative Vote</th></tr>"
      "<tr><td>26 May 2022</td><td>S/2022/431</td><td>S/PV.9048</td><td>Non-proliferation</td>"
      "<td>China</br>Russian Federation</td></tr></table>";
  const MeetingTableReading reading = ReadMeetingTable(veto);
  EXPECT_TRUE(reading.is_meeting_table);
  EXPECT_THAT(reading.extraction.resolutions, IsEmpty());
  EXPECT_THAT(reading.missing, HasSubstr("veto list"));
  absl::StatusOr<MediaType> type = ResolveMediaType("text/plain", veto);
  ASSERT_TRUE(type.ok());
  EXPECT_EQ(*type, MediaType::kHtml);
  absl::StatusOr<Extraction> extraction = ParseDocument(veto, *type);
  EXPECT_EQ(extraction.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(extraction.status().message(), HasSubstr("veto list"));
}

TEST(MeetingTableTest, HtmlSentAsTextIsReadAsHtml) {
  absl::StatusOr<MediaType> type = ResolveMediaType("text/plain", kTable);
  ASSERT_TRUE(type.ok());
  EXPECT_EQ(*type, MediaType::kHtml);
  absl::StatusOr<Extraction> extraction = ParseDocument(kTable, *type);
  ASSERT_TRUE(extraction.ok()) << extraction.status();
  EXPECT_EQ(extraction->resolutions.size(), 4u);
  EXPECT_THAT(extraction->statements, IsEmpty());
}

TEST(MeetingTableTest, LimitsAreKept) {
  MeetingTableLimits rows;
  rows.max_rows = 2;
  const MeetingTableReading reading = ReadMeetingTable(kTable, rows);
  EXPECT_THAT(reading.extraction.resolutions, IsEmpty());
  EXPECT_THAT(reading.missing, HasSubstr("more than 2 rows"));
  MeetingTableLimits bytes;
  bytes.max_bytes = 50;
  EXPECT_THAT(ReadMeetingTable(kTable, bytes).missing, HasSubstr("more than the limit of 50"));
}

}  // namespace
}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

TEST(MeetingTableTest, ACellWithManySymbolsIsReadInOnePass) {
  std::string html =
      "<table><tr><th>Meeting Record</th><th>Date</th><th>Topic</th><th>Outcome / Vote</th></tr>"
      "<tr><td>S/PV.1</td><td>1 May 1990</td><td>T</td><td>";
  for (int i = 0; i < 5000; ++i) html += "S/RES/" + std::to_string(i + 1) + " (1990)<br>15-0-0<br>";
  html += "</td></tr></table>";
  const MeetingTableReading reading = ReadMeetingTable(html);
  EXPECT_EQ(reading.extraction.resolutions.size(), 200u);
  EXPECT_EQ(reading.extraction.resolutions[0].vote.as_written, "15-0-0");
}

}  // namespace
}  // namespace plenary::parsing
