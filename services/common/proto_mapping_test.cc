#include "services/common/proto_mapping.h"

#include "gtest/gtest.h"

namespace plenary::services {
namespace {

TEST(ProtoMappingTest, ResolutionKeepsEveryField) {
  StoredResolution stored;
  stored.resolution.symbol = "A/RES/64/222";
  stored.resolution.aliases = {"64/222"};
  stored.resolution.body = "General Assembly";
  stored.resolution.adopted = {2009, 12, 0};
  stored.resolution.title = "Nairobi outcome document";
  stored.resolution.paragraphs = {{"16", "We welcome"}};
  stored.resolution.references = {"A/RES/33/134"};
  stored.revision = 2;
  stored.source = {7, "https://example.org", "ab12", "text/html", absl::FromUnixSeconds(60)};

  const v1::Resolution proto = ToProto(stored);
  EXPECT_EQ(proto.symbol(), "A/RES/64/222");
  EXPECT_EQ(proto.aliases(0), "64/222");
  EXPECT_EQ(proto.adopted().year(), 2009);
  EXPECT_EQ(proto.adopted().month(), 12);
  EXPECT_EQ(proto.adopted().day(), 0);
  EXPECT_EQ(proto.paragraphs(0).number(), "16");
  EXPECT_EQ(proto.references(0), "A/RES/33/134");
  EXPECT_EQ(proto.revision(), 2);
  EXPECT_EQ(proto.source().document_id(), 7);
  EXPECT_EQ(proto.source().media_type(), "text/html");
  EXPECT_EQ(proto.source().ingested_at().seconds(), 60);
}

TEST(ProtoMappingTest, UnstatedDateStaysUnset) {
  StoredStatement stored;
  stored.id = "st-1";
  stored.statement.headline = "Annan stresses multilateralism";
  stored.statement.quotes = {{"We need to ensure", "Kofi Annan"}};
  const v1::Entry entry = ToProto(StoredEntry(stored));
  ASSERT_TRUE(entry.has_statement());
  EXPECT_FALSE(entry.statement().has_date());
  EXPECT_EQ(entry.statement().quotes(0).speaker(), "Kofi Annan");
}

}  // namespace
}  // namespace plenary::services
