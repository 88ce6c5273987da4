// The contract survives the wire: binary and JSON round trips, with the JSON
// names other languages see.
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "plenary/v1/entry.pb.h"
#include "plenary/v1/feed_service.pb.h"

namespace plenary {
namespace {

using google::protobuf::util::MessageDifferencer;

v1::Entry SampleResolution() {
  v1::Entry entry;
  v1::Resolution* resolution = entry.mutable_resolution();
  resolution->set_symbol("A/RES/64/222");
  resolution->add_aliases("64/222");
  resolution->add_aliases("Nairobi outcome document");
  resolution->set_body("General Assembly");
  resolution->mutable_adopted()->set_year(2009);
  resolution->mutable_adopted()->set_month(12);
  resolution->mutable_adopted()->set_day(21);
  resolution->set_title(
      "Nairobi outcome document of the High-level United Nations Conference on "
      "South-South Cooperation");
  v1::Paragraph* paragraph = resolution->add_paragraphs();
  paragraph->set_number("16");
  paragraph->set_text("We welcome efforts by multilateral, regional and bilateral ...");
  resolution->add_references("A/RES/33/134");
  resolution->set_revision(2);
  resolution->mutable_source()->set_document_id(7);
  resolution->mutable_source()->set_sha256(std::string(64, 'a'));
  resolution->mutable_source()->mutable_ingested_at()->set_seconds(1261353600);
  return entry;
}

TEST(ProtoTest, BinaryRoundTripKeepsEveryField) {
  const v1::Entry entry = SampleResolution();
  v1::Entry parsed;
  ASSERT_TRUE(parsed.ParseFromString(entry.SerializeAsString()));
  EXPECT_TRUE(MessageDifferencer::Equals(entry, parsed));
  EXPECT_EQ(parsed.kind_case(), v1::Entry::kResolution);
}

TEST(ProtoTest, JsonRoundTripUsesCamelCaseNames) {
  v1::FeedEvent event;
  event.set_cursor("opaque");
  event.set_type(v1::FEED_EVENT_TYPE_CREATED);
  *event.mutable_entry() = SampleResolution();
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(event, &json).ok());
  EXPECT_NE(json.find("\"type\":\"FEED_EVENT_TYPE_CREATED\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"ingestedAt\":\"2009-12-21T00:00:00Z\""), std::string::npos) << json;
  v1::FeedEvent parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(event, parsed));
}

TEST(ProtoTest, StatementWithoutDateLeavesItUnset) {
  v1::Entry entry;
  v1::Statement* statement = entry.mutable_statement();
  statement->set_headline("Annan stresses 'multilateralism and joint action'");
  statement->set_speaker("Kofi Annan");
  v1::Entry parsed;
  ASSERT_TRUE(parsed.ParseFromString(entry.SerializeAsString()));
  EXPECT_FALSE(parsed.statement().has_date());
  EXPECT_EQ(parsed.statement().speaker(), "Kofi Annan");
}

}  // namespace
}  // namespace plenary
