#include "services/common/bearer_tokens.h"

#include <cstdio>
#include <fstream>

#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace plenary::services {
namespace {

using ::plenary::testing::IsOk;
using ::plenary::testing::IsOkAndHolds;
using ::plenary::testing::StatusIs;

std::string WriteTokenFile(const std::string& text) {
  std::string path = ::testing::TempDir() + "/tokens-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::ofstream(path) << text;
  return path;
}

TEST(BearerTokensTest, AcceptsListedTokensOnly) {
  PLENARY_ASSERT_OK_AND_ASSIGN(
      BearerTokens auth,
      BearerTokens::FromFile(WriteTokenFile("# newsroom\n  s3cret-one  \n\nsecond-token\n")));
  EXPECT_THAT(auth.Check("Bearer s3cret-one"), IsOkAndHolds(0));
  EXPECT_THAT(auth.Check("Bearer second-token"), IsOkAndHolds(1));
  EXPECT_THAT(auth.Check("Bearer s3cret-on"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(auth.Check("Bearer # newsroom"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(auth.Check("s3cret-one"), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(auth.Check(""), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(BearerTokensTest, RefusesAFileWithoutTokens) {
  EXPECT_THAT(BearerTokens::FromFile(WriteTokenFile("# nothing yet\n\n")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BearerTokens::FromFile("/nonexistent/tokens"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(BearerTokensTest, AllowAllAcceptsAnything) {
  EXPECT_THAT(BearerTokens::AllowAll().Check(""), IsOk());
}

}  // namespace
}  // namespace plenary::services
