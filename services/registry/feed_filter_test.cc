#include "services/registry/feed_filter.h"

#include "common/status.h"
#include "gtest/gtest.h"

namespace plenary::registry {
namespace {

v1::Entry ResolutionEntry(const std::string& body, const std::string& title,
                          const std::vector<std::string>& references = {}) {
  v1::Entry entry;
  entry.mutable_resolution()->set_symbol("A/RES/69/239");
  entry.mutable_resolution()->set_body(body);
  entry.mutable_resolution()->set_title(title);
  for (const auto& reference : references) entry.mutable_resolution()->add_references(reference);
  return entry;
}

v1::Entry StatementEntry(const std::string& text) {
  v1::Entry entry;
  entry.mutable_statement()->set_headline("Ban calls for cooperation");
  entry.mutable_statement()->set_text(text);
  return entry;
}

FeedFilter Filter(const v1::SubscribeRequest& request) {
  absl::StatusOr<FeedFilter> filter = FeedFilter::FromRequest(request);
  EXPECT_TRUE(filter.ok()) << filter.status();
  return *filter;
}

TEST(FeedFilterTest, EmptyRequestPassesEverything) {
  const FeedFilter filter = Filter({});
  EXPECT_TRUE(filter.PassesEverything());
  EXPECT_TRUE(filter.Matches(StatementEntry("anything")));
}

TEST(FeedFilterTest, KindsBodiesReferencesAndWordsMustAllMatch) {
  v1::SubscribeRequest request;
  request.add_kinds(v1::ENTRY_KIND_RESOLUTION);
  request.add_bodies("general assembly");
  request.add_references("Nairobi outcome document");
  request.set_query("South-South  cooperation");
  const FeedFilter filter = Filter(request);
  EXPECT_FALSE(filter.PassesEverything());
  EXPECT_TRUE(filter.Matches(
      ResolutionEntry("General Assembly", "South-South cooperation", {"A/RES/64/222"})));
  EXPECT_FALSE(filter.Matches(
      ResolutionEntry("Security Council", "South-South cooperation", {"A/RES/64/222"})));
  EXPECT_FALSE(filter.Matches(ResolutionEntry("General Assembly", "South-South cooperation")));
  EXPECT_FALSE(filter.Matches(
      ResolutionEntry("General Assembly", "Triangular partnerships", {"A/RES/64/222"})));
  EXPECT_FALSE(filter.Matches(StatementEntry("South-South cooperation")));
}

TEST(FeedFilterTest, RefusesUnknownKindsAndEmptyValuesNamingTheField) {
  v1::SubscribeRequest request;
  request.add_kinds(v1::ENTRY_KIND_UNSPECIFIED);
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(request).status()), "kinds[0]");
  v1::SubscribeRequest empty_body;
  empty_body.add_bodies("");
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(empty_body).status()), "bodies[0]");
}

}  // namespace
}  // namespace plenary::registry
