#include "common/executor.h"

#include <atomic>

#include "absl/synchronization/barrier.h"
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

TEST(ForkedTest, RunsOnAnotherThreadWhileTheCallerWorks) {
  Executor executor(1);
  absl::Notification forked_ran;
  Forked<std::thread::id> forked(executor, [&] {
    forked_ran.Notify();
    return std::this_thread::get_id();
  });
  // The caller's own work here waits until the fork has run elsewhere.
  forked_ran.WaitForNotification();
  EXPECT_NE(forked.Join(), std::this_thread::get_id());
}

// Every thread of the pool forks and joins: no thread is free for the
// forks, so each joiner runs its own instead of waiting forever.
TEST(ForkedTest, AJoinerOnABusyPoolRunsTheWorkItself) {
  Executor executor(2);
  absl::Barrier both_busy(2);
  absl::Notification done[2];
  int results[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    executor.Schedule([&, i] {
      both_busy.Block();
      Forked<int> forked(executor, [i] { return i + 10; });
      results[i] = forked.Join();
      done[i].Notify();
    });
  }
  for (absl::Notification& finished : done) {
    ASSERT_TRUE(finished.WaitForNotificationWithTimeout(absl::Seconds(30)));
  }
  EXPECT_EQ(results[0], 10);
  EXPECT_EQ(results[1], 11);
}

}  // namespace
}  // namespace plenary
