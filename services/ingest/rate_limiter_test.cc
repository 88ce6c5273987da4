#include "services/ingest/rate_limiter.h"

#include "gtest/gtest.h"

namespace plenary::ingest {
namespace {

TEST(RateLimiterTest, AdmitsABurstThenTheRate) {
  absl::Time now = absl::UnixEpoch();
  RateLimiter limiter(10, 3, [&now] { return now; });
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Admit("a").ok());
  const absl::Status refused = limiter.Admit("a");
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(refused.message().find("retry in 100 ms"), absl::string_view::npos) << refused;
  EXPECT_TRUE(limiter.Admit("b").ok()) << "each publisher has its own bucket";
  now += absl::Milliseconds(100);
  EXPECT_TRUE(limiter.Admit("a").ok());
  EXPECT_FALSE(limiter.Admit("a").ok());
}

TEST(RateLimiterTest, ZeroRateAdmitsEverything) {
  RateLimiter limiter(0, 0);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.Admit("a").ok());
}

}  // namespace
}  // namespace plenary::ingest
