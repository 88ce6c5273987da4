#include "common/executor.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace plenary {
namespace {

TEST(ExecutorTest, RunsEveryTaskBeforeDestruction) {
  std::atomic<int> ran{0};
  {
    Executor executor(3);
    for (int i = 0; i < 1000; ++i) executor.Schedule([&ran] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 1000);
}

TEST(ExecutorTest, RunsTasksConcurrently) {
  Executor executor(2);
  absl::Notification first_started, second_done;
  // The first task blocks until the second has run: with one thread this
  // would deadlock, with two it finishes.
  executor.Schedule([&] {
    first_started.Notify();
    second_done.WaitForNotification();
  });
  first_started.WaitForNotification();
  executor.Schedule([&] { second_done.Notify(); });
  EXPECT_TRUE(second_done.WaitForNotificationWithTimeout(absl::Seconds(10)));
}

}  // namespace
}  // namespace plenary
