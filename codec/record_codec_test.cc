#include "codec/record_codec.h"

#include "gtest/gtest.h"

namespace plenary::codec {
namespace {

StoredResolution FullResolution() {
  StoredResolution stored;
  Resolution& resolution = stored.resolution;
  resolution.symbol = "A/RES/68/262";
  resolution.aliases = {"68/262"};
  resolution.body = "General Assembly";
  resolution.adopted = {2014, 3, 27};
  resolution.title = "Territorial integrity of Ukraine";
  resolution.paragraphs = {{"", "Reaffirming the paramount importance", ParagraphKind::kPreambular},
                           {"1", "Affirms its commitment", ParagraphKind::kOperative}};
  resolution.references = {"A/RES/2625 (XXV)"};
  resolution.vote = {VoteMethod::kRecorded, 100, 11, 58, "100-11-58"};
  resolution.meeting = {"A/68/PV.80", 80, {2014, 3, 27}};
  resolution.source_documents = {"A/68/L.39", "A/68/L.39/Add.1"};
  stored.revision = 2;
  stored.source = {7, "https://undocs.org/A/RES/68/262", "ab12", "application/pdf",
                   absl::FromUnixMicros(1395878400123456), "2026.11.30"};
  stored.sources = {{3, "https://library.un.org/sc-1948", "ef56", "text/html",
                     absl::FromUnixSeconds(1), "2026.11.29"},
                    stored.source};
  return stored;
}

StoredStatement FullStatement() {
  StoredStatement stored;
  stored.id = "st-1";
  Statement& statement = stored.statement;
  statement.headline = "Secretary-General welcomes adoption";
  statement.speaker = "Ban Ki-moon";
  statement.speaker_role = "Secretary-General";
  statement.date = {2012, 4, 21};
  statement.places = {"Syria"};
  statement.text = "The Secretary-General welcomes ...";
  statement.quotes = {{"We need to ensure", "Ban Ki-moon"}};
  statement.references = {"S/RES/2043 (2012)"};
  statement.aliases = {"SG/SM/14231"};
  statement.language = "en";
  ReportedAdoption adoption;
  adoption.resolution_symbol = "S/RES/2043 (2012)";
  adoption.vote = {VoteMethod::kRecorded, 13, 0, 2, "13-0-2",
                   {{{"United States of America", "USA"}, VotePosition::kInFavour},
                    {{"Pakistan", "PAK"}, VotePosition::kAbstaining}}};
  adoption.corrections = {{{"Pakistan", "PAK"}, VotePosition::kInFavour, "had intended to vote in favour"}};
  ReportedAdoption amendment;
  amendment.subject = VoteSubject::kAmendment;
  amendment.part = "amendment A/C.3/72/L.61";
  amendment.adopted = false;
  statement.adoptions = {adoption, amendment};
  stored.revision = 1;
  stored.source = {9, "https://press.un.org/en/2012/sgsm14231.doc.htm", "cd34", "text/html",
                   absl::FromUnixSeconds(60)};
  return stored;
}

TEST(RecordCodecTest, EveryFieldOfAResolutionSurvivesTheRoundTrip) {
  const StoredResolution stored = FullResolution();
  const v1::Resolution proto = ToProto(stored);
  EXPECT_EQ(proto.vote().in_favour(), 100);
  EXPECT_EQ(proto.meeting().record(), "A/68/PV.80");
  EXPECT_EQ(proto.source().ingested_at().seconds(), 1395878400);
  const StoredResolution back = FromProto(proto);
  EXPECT_EQ(back.resolution, stored.resolution);
  EXPECT_EQ(back.revision, 2);
  EXPECT_EQ(back.source, stored.source);
  EXPECT_EQ(back.sources, stored.sources);
}

TEST(RecordCodecTest, EveryFieldOfAStatementSurvivesTheRoundTripThroughAnEntry) {
  const StoredStatement stored = FullStatement();
  const v1::Entry entry = ToProto(StoredEntry(stored));
  ASSERT_TRUE(entry.has_statement());
  v1::Entry parsed;
  ASSERT_TRUE(parsed.ParseFromString(entry.SerializeAsString()));
  const StoredStatement back = std::get<StoredStatement>(FromProto(parsed));
  EXPECT_EQ(back.id, "st-1");
  EXPECT_EQ(back.statement, stored.statement);
  EXPECT_EQ(back.source, stored.source);
}

TEST(RecordCodecTest, UnstatedDatesAndVotesStayUnset) {
  StoredResolution stored;
  stored.resolution.symbol = "S/RES/242 (1967)";
  const v1::Resolution proto = ToProto(stored);
  EXPECT_FALSE(proto.has_adopted());
  EXPECT_FALSE(proto.has_vote());
  EXPECT_FALSE(proto.has_meeting());
  StoredResolution unanimous = FullResolution();
  unanimous.resolution.vote = {VoteMethod::kUnanimous, {}, {}, {}, "adopted unanimously"};
  const v1::Vote vote = ToProto(unanimous).vote();
  EXPECT_EQ(vote.method(), v1::VOTE_METHOD_UNANIMOUS);
  EXPECT_FALSE(vote.has_in_favour());
  EXPECT_FALSE(vote.has_against());
}

TEST(RecordCodecTest, ContentLeavesOutWhatNamesOrPlacesTheRecord) {
  StoredResolution first = FullResolution();
  StoredResolution second = FullResolution();
  second.resolution.aliases = {"A/RES/68/262", "68/262", "resolution 68/262"};
  second.revision = 5;
  second.source.document_id = 99;
  EXPECT_EQ(ContentBytes(first.resolution), ContentBytes(second.resolution));
  second.resolution.vote.against = 12;
  EXPECT_NE(ContentBytes(first.resolution), ContentBytes(second.resolution));

  Resolution read;
  ASSERT_TRUE(ContentFromBytes(ContentBytes(first.resolution), read));
  first.resolution.aliases.clear();
  EXPECT_EQ(read, first.resolution);
  EXPECT_FALSE(ContentFromBytes("\xff\xff\xff", read));
}

TEST(RecordCodecTest, NumbersANewerReleaseAddsReadAsUnspecified) {
  v1::Resolution proto = ToProto(FullResolution());
  proto.mutable_vote()->set_method(static_cast<v1::VoteMethod>(42));
  proto.mutable_paragraphs(0)->set_kind(static_cast<v1::ParagraphKind>(42));
  const StoredResolution back = FromProto(proto);
  EXPECT_EQ(back.resolution.vote.method, VoteMethod::kUnspecified);
  EXPECT_EQ(back.resolution.paragraphs[0].kind, ParagraphKind::kUnspecified);
}

}  // namespace
}  // namespace plenary::codec
