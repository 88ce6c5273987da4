#include "services/common/signed_token.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace plenary::services {
namespace {

using ::plenary::testing::IsOkAndHolds;
using ::plenary::testing::StatusIs;

const SignedTokenCodec kCodec("deployment-a", "secret-a");

TEST(SignedTokenTest, RoundTrips) {
  const std::string token = kCodec.Encode("cursor", std::string("\0\0\0\x2a", 4));
  EXPECT_THAT(kCodec.Decode("cursor", token), IsOkAndHolds(std::string("\0\0\0\x2a", 4)));
  EXPECT_EQ(token.find_first_of("+/"), std::string::npos) << token;
}

TEST(SignedTokenTest, RefusesTokensOfAnotherPurposeOrDeployment) {
  const std::string token = kCodec.Encode("cursor", "42");
  EXPECT_THAT(kCodec.Decode("page token", token), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(SignedTokenCodec("deployment-b", "secret-a").Decode("cursor", token),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(SignedTokenCodec("deployment-a", "secret-b").Decode("cursor", token),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SignedTokenTest, RefusesAlteredOrMalformedTokens) {
  std::string token = kCodec.Encode("cursor", "42");
  token[2] = token[2] == 'A' ? 'B' : 'A';
  EXPECT_THAT(kCodec.Decode("cursor", token), StatusIs(absl::StatusCode::kInvalidArgument));
  for (const char* bad : {"", "!!!", "AAAA", "not a token at all"}) {
    EXPECT_THAT(kCodec.Decode("cursor", bad), StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
  }
}

}  // namespace
}  // namespace plenary::services
