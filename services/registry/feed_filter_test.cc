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
  EXPECT_TRUE(filter.Matches(StatementEntry("anything")));
  EXPECT_TRUE(filter.Matches(ResolutionEntry("Security Council", "")));
}

TEST(FeedFilterTest, KindsBodiesReferencesAndWordsMustAllMatch) {
  v1::SubscribeRequest request;
  request.add_kinds(v1::ENTRY_KIND_RESOLUTION);
  request.add_bodies("general assembly");
  request.add_references("Nairobi outcome document");
  request.set_query("South-South  cooperation");
  const FeedFilter filter = Filter(request);
  EXPECT_TRUE(filter.Matches(
      ResolutionEntry("General Assembly", "South-South cooperation", {"A/RES/64/222"})));
  EXPECT_FALSE(filter.Matches(
      ResolutionEntry("Security Council", "South-South cooperation", {"A/RES/64/222"})));
  EXPECT_FALSE(filter.Matches(ResolutionEntry("General Assembly", "South-South cooperation")));
  EXPECT_FALSE(filter.Matches(
      ResolutionEntry("General Assembly", "Triangular partnerships", {"A/RES/64/222"})));
  EXPECT_FALSE(filter.Matches(StatementEntry("South-South cooperation")));
}

TEST(FeedFilterTest, MemberStateVotesSelectResolutionsWhoseVoteNamesOne) {
  v1::SubscribeRequest request;
  v1::MemberStateVoteFilter* against = request.add_member_state_votes();
  against->set_member_state("United States");
  against->set_position(v1::VOTE_POSITION_AGAINST);
  request.add_member_state_votes()->set_member_state("ISR");
  const FeedFilter filter = Filter(request);

  auto voted = [](const std::string& alpha3, v1::VotePosition position) {
    v1::Entry entry = ResolutionEntry("General Assembly", "Ending the embargo");
    v1::MemberStateVote* named = entry.mutable_resolution()->mutable_vote()->add_member_states();
    named->mutable_member_state()->set_alpha3(alpha3);
    named->set_position(position);
    return entry;
  };
  EXPECT_TRUE(filter.Matches(voted("USA", v1::VOTE_POSITION_AGAINST)));
  EXPECT_FALSE(filter.Matches(voted("USA", v1::VOTE_POSITION_IN_FAVOUR)));
  EXPECT_TRUE(filter.Matches(voted("ISR", v1::VOTE_POSITION_ABSTAINING)));
  EXPECT_FALSE(filter.Matches(voted("CUB", v1::VOTE_POSITION_AGAINST)));
  EXPECT_FALSE(filter.Matches(ResolutionEntry("General Assembly", "Ending the embargo")));
  EXPECT_FALSE(filter.Matches(StatementEntry("The United States voted against")));

  v1::SubscribeRequest unknown;
  unknown.add_member_state_votes()->set_member_state("Ruritania");
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(unknown).status()),
            "member_state_votes[0].member_state");
}

TEST(FeedFilterTest, RefusesUnknownKindsAndEmptyValuesNamingTheField) {
  v1::SubscribeRequest request;
  request.add_kinds(v1::ENTRY_KIND_UNSPECIFIED);
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(request).status()), "kinds[0]");
  v1::SubscribeRequest empty_body;
  empty_body.add_bodies("");
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(empty_body).status()), "bodies[0]");
}

// The feed reads the query as Search does: "South-South" -triangular finds
// the South-South records that do not mention triangular cooperation.
TEST(FeedFilterTest, QueryIsWebSearchSyntaxWithAccentsFolded) {
  v1::SubscribeRequest request;
  request.set_query("\"South-South\" -triangular");
  const FeedFilter filter = Filter(request);
  EXPECT_TRUE(filter.Matches(ResolutionEntry("General Assembly", "South-South cooperation")));
  EXPECT_FALSE(filter.Matches(
      ResolutionEntry("General Assembly", "South-South and triangular cooperation")));
  EXPECT_FALSE(filter.Matches(ResolutionEntry("General Assembly", "Southern cooperation")));

  v1::SubscribeRequest accented;
  accented.set_query("developpement OR desertification");
  const FeedFilter either = Filter(accented);
  EXPECT_TRUE(either.Matches(StatementEntry("Le développement durable")));
  EXPECT_TRUE(either.Matches(StatementEntry("Combat DESERTIFICATION now")));
  EXPECT_FALSE(either.Matches(StatementEntry("Climate finance")));
}

// A query of punctuation only would let every event through: the caller
// meant to filter, so it is refused, as Search refuses it.
TEST(FeedFilterTest, RefusesAQueryWithNoWordButNotABlankOne) {
  for (const char* query : {"-----", "\"\"", " - OR - "}) {
    v1::SubscribeRequest request;
    request.set_query(query);
    const absl::Status status = FeedFilter::FromRequest(request).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << query;
    EXPECT_EQ(FieldOf(status), "query") << query;
  }
  v1::SubscribeRequest blank;
  blank.set_query("  \t ");
  EXPECT_TRUE(Filter(blank).Matches(StatementEntry("anything")));
}

TEST(FeedFilterTest, FiltersAreBounded) {
  v1::SubscribeRequest long_query;
  long_query.set_query(std::string(4 << 20, 'x'));
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(long_query).status()), "query");
  v1::SubscribeRequest many_words;
  for (int i = 0; i < 40; ++i) many_words.mutable_query()->append(" word");
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(many_words).status()), "query");
  v1::SubscribeRequest many_bodies;
  for (int i = 0; i < 100000; ++i) many_bodies.add_bodies("General Assembly");
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(many_bodies).status()), "bodies");
  v1::SubscribeRequest long_reference;
  long_reference.add_references(std::string(1 << 20, 'r'));
  EXPECT_EQ(FieldOf(FeedFilter::FromRequest(long_reference).status()), "references[0]");
}

}  // namespace
}  // namespace plenary::registry
