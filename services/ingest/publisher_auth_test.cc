#include "services/ingest/publisher_auth.h"

#include <cstdio>
#include <fstream>

#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace plenary::ingest {
namespace {

using ::plenary::testing::IsOk;
using ::plenary::testing::StatusIs;

std::string WriteTokenFile(const std::string& text) {
  std::string path = ::testing::TempDir() + "/tokens-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::ofstream(path) << text;
  return path;
}

TEST(PublisherAuthTest, AcceptsListedTokensOnly) {
  PLENARY_ASSERT_OK_AND_ASSIGN(
      PublisherAuth auth,
      PublisherAuth::FromFile(WriteTokenFile("# newsroom\n  s3cret-one  \n\nsecond-token\n")));
  EXPECT_THAT(auth.Check("Bearer s3cret-one"), IsOk());
  EXPECT_THAT(auth.Check("Bearer second-token"), IsOk());
  EXPECT_THAT(auth.Check("Bearer s3cret-on"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(auth.Check("Bearer # newsroom"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(auth.Check("s3cret-one"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(auth.Check(""), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(PublisherAuthTest, RefusesAFileWithoutTokens) {
  EXPECT_THAT(PublisherAuth::FromFile(WriteTokenFile("# nothing yet\n\n")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(PublisherAuth::FromFile("/nonexistent/tokens"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PublisherAuthTest, AllowAllAcceptsAnything) {
  EXPECT_THAT(PublisherAuth::AllowAll().Check(""), IsOk());
}

}  // namespace
}  // namespace plenary::ingest
