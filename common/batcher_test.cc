#include "common/batcher.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary {
namespace {

using ::testing::ElementsAre;

// Serves batches of ints, the first held until released, and records them.
class Recorder {
 public:
  void Serve(std::vector<int>& batch) {
    if (first_.exchange(false)) {
      started_.Notify();
      release_.WaitForNotification();
    }
    absl::MutexLock lock(&mu_);
    batches_.push_back(batch);
  }
  std::vector<std::vector<int>> batches() {
    absl::MutexLock lock(&mu_);
    return batches_;
  }

  absl::Notification started_;
  absl::Notification release_;

 private:
  std::atomic<bool> first_{true};
  absl::Mutex mu_;
  std::vector<std::vector<int>> batches_ ABSL_GUARDED_BY(mu_);
};

TEST(BatcherTest, ItemsThatArriveWhileABatchIsServedMakeTheNext) {
  Executor executor(2);
  Recorder recorder;
  {
    Batcher<int> batcher(executor, {.concurrent_batches = 1, .max_items = 100},
                         [&](std::vector<int>& batch) { recorder.Serve(batch); });
    batcher.Add(0);
    recorder.started_.WaitForNotification();
    for (int i = 1; i < 10; ++i) batcher.Add(i);
    recorder.release_.Notify();
  }  // waits for the batches
  EXPECT_THAT(recorder.batches(),
              ElementsAre(ElementsAre(0), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9)));
}

TEST(BatcherTest, BatchesKeepToTheirItemAndByteLimits) {
  Executor executor(2);
  Recorder recorder;
  {
    Batcher<int> batcher(
        executor, {.concurrent_batches = 1, .max_items = 3, .max_bytes = 10},
        [&](std::vector<int>& batch) { recorder.Serve(batch); },
        [](const int& item) { return static_cast<size_t>(item); });
    batcher.Add(0);
    recorder.started_.WaitForNotification();
    for (int item : {1, 1, 1, 1, 9, 2, 20, 1}) batcher.Add(item);
    recorder.release_.Notify();
  }
  EXPECT_THAT(recorder.batches(), ElementsAre(ElementsAre(0), ElementsAre(1, 1, 1),
                                              ElementsAre(1, 9), ElementsAre(2),
                                              ElementsAre(20), ElementsAre(1)));
}

TEST(BatcherTest, ServesUpToTheConcurrentBatchesAtOnce) {
  Executor executor(4);
  constexpr int kItems = 20;
  absl::Mutex mu;
  int started = 0;
  int serving = 0;
  int most = 0;
  {
    // Each batch waits until another is served beside it (the last may be
    // alone): the limit is reached, and would be passed if it did not hold.
    Batcher<int> batcher(executor, {.concurrent_batches = 2, .max_items = 1},
                         [&](std::vector<int>&) {
                           absl::MutexLock lock(&mu);
                           ++started;
                           most = std::max(most, ++serving);
                           auto overlapped = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu) {
                             return serving >= 2 || started == kItems;
                           };
                           mu.Await(absl::Condition(&overlapped));
                           --serving;
                         });
    for (int i = 0; i < kItems; ++i) batcher.Add(i);
  }
  EXPECT_EQ(most, 2);
}

}  // namespace
}  // namespace plenary
