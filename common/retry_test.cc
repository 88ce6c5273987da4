#include "common/retry.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary {
namespace {

using ::testing::ElementsAre;

// Records the pauses instead of sleeping them.
struct Pauses {
  std::vector<absl::Duration> slept;
  std::function<void(absl::Duration)> sleeper() {
    return [this](absl::Duration pause) { slept.push_back(pause); };
  }
};

TEST(RetryPolicyTest, PausesGrowToTheCapAndStartOverAfterASuccess) {
  Pauses pauses;
  RetryPolicy retry({.initial = absl::Milliseconds(100), .max = absl::Milliseconds(500)},
                    pauses.sleeper());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(retry.Wait());
  EXPECT_EQ(retry.upcoming(), absl::Milliseconds(500));
  retry.Reset();
  EXPECT_EQ(retry.upcoming(), absl::Milliseconds(100));
  ASSERT_TRUE(retry.Wait());
  EXPECT_THAT(pauses.slept,
              ElementsAre(absl::Milliseconds(100), absl::Milliseconds(200),
                          absl::Milliseconds(400), absl::Milliseconds(500),
                          absl::Milliseconds(500), absl::Milliseconds(100)));
}

TEST(RetryPolicyTest, JitterTakesItsShareOffEachPause) {
  Pauses pauses;
  std::vector<double> draws = {0.0, 0.5, 0.999};
  size_t next = 0;
  RetryPolicy retry({.initial = absl::Seconds(1), .multiplier = 1, .jitter = 0.5},
                    pauses.sleeper(), [&] { return draws[next++]; });
  for (size_t i = 0; i < draws.size(); ++i) ASSERT_TRUE(retry.Wait());
  ASSERT_EQ(pauses.slept.size(), 3u);
  EXPECT_EQ(pauses.slept[0], absl::Seconds(1));
  EXPECT_EQ(pauses.slept[1], absl::Milliseconds(750));
  EXPECT_GT(pauses.slept[2], absl::Milliseconds(500));
  EXPECT_LT(pauses.slept[2], absl::Milliseconds(501));
}

TEST(RetryPolicyTest, GivesUpWithoutSleepingOnceTheAttemptsAreSpent) {
  Pauses pauses;
  RetryPolicy retry({.initial = absl::Milliseconds(20), .max_attempts = 3}, pauses.sleeper());
  EXPECT_TRUE(retry.Wait());   // after the first attempt
  EXPECT_TRUE(retry.Wait());   // after the second
  EXPECT_FALSE(retry.Wait());  // the third was the last
  EXPECT_EQ(pauses.slept.size(), 2u);
  retry.Reset();
  EXPECT_TRUE(retry.Wait());
}

}  // namespace
}  // namespace plenary
