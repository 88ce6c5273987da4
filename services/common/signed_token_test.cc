#include "services/common/signed_token.h"

#include <atomic>
#include <thread>
#include <vector>

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

// Tokens outlive releases: subscribers keep cursors for days, and replicas
// of two releases read each other's tokens during an upgrade. This one is
// HMAC-SHA256 as any library computes it (here, Python's hmac module).
TEST(SignedTokenTest, KeepsTheFormatOfIssuedTokens) {
  constexpr char kIssued[] = "AQAAACoiEAutG2sfEqa8BXJOnECk";
  EXPECT_EQ(kCodec.Encode("cursor", std::string("\0\0\0\x2a", 4)), kIssued);
  EXPECT_THAT(kCodec.Decode("cursor", kIssued), IsOkAndHolds(std::string("\0\0\0\x2a", 4)));
}

TEST(SignedTokenTest, EncodesFromManyThreadsAtOnce) {
  const std::string expected = kCodec.Encode("cursor", "42");
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (kCodec.Encode("cursor", "42") != expected) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
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
