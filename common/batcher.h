// Serves items in batches on an executor: the items that arrive while a
// batch is served make the next one, so a busy service pays one database
// round trip (or one commit) per batch rather than per item, and an idle
// one serves an item as soon as it arrives.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/executor.h"

namespace plenary {

template <typename Item>
class Batcher {
 public:
  struct Limits {
    int concurrent_batches = 2;  // batches served at once (at least 1)
    size_t max_items = 256;      // per batch (at least 1)
    size_t max_bytes = 0;        // per batch, as `bytes` counts; 0: no limit
  };

  // `serve` gets each batch on `executor`, which must outlive the Batcher;
  // `bytes` weighs an item for Limits::max_bytes (a batch holds at least
  // one item, whatever its weight).
  Batcher(Executor& executor, Limits limits, std::function<void(std::vector<Item>&)> serve,
          std::function<size_t(const Item&)> bytes = nullptr)
      : executor_(executor),
        limits_(Checked(limits)),
        serve_(std::move(serve)),
        bytes_(std::move(bytes)) {}

  // Waits for the batches being served.
  ~Batcher() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(+[](int* serving) { return *serving == 0; }, &serving_));
  }

  Batcher(const Batcher&) = delete;
  Batcher& operator=(const Batcher&) = delete;

  // Returns once `count` items have been added since construction: a test
  // knows that everything it sent has arrived without sleeping.
  void AwaitAddedForTest(size_t count) {
    absl::MutexLock lock(&mu_);
    auto arrived = [this, count]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return added_ >= count; };
    mu_.Await(absl::Condition(&arrived));
  }

  void Add(Item item) {
    {
      absl::MutexLock lock(&mu_);
      ++added_;
      waiting_.push_back(std::move(item));
      if (serving_ == limits_.concurrent_batches) return;  // joins the next batch
      ++serving_;
    }
    executor_.Schedule([this] { ServeOneBatch(); });
  }

 private:
  // Serves what waits, up to the limits, then goes to the back of the
  // executor's queue if more waits: a steady stream of items never keeps
  // the executor's threads from other work.
  void ServeOneBatch() {
    std::vector<Item> batch;
    {
      absl::MutexLock lock(&mu_);
      size_t taken = 0;
      size_t bytes = 0;
      while (taken < waiting_.size() && taken < limits_.max_items) {
        const size_t weight = bytes_ ? bytes_(waiting_[taken]) : 0;
        if (taken > 0 && limits_.max_bytes > 0 && bytes + weight > limits_.max_bytes) break;
        bytes += weight;
        ++taken;
      }
      batch.assign(std::make_move_iterator(waiting_.begin()),
                   std::make_move_iterator(waiting_.begin() + taken));
      waiting_.erase(waiting_.begin(), waiting_.begin() + taken);
    }
    if (!batch.empty()) serve_(batch);  // empty when another batch took them all
    {
      absl::MutexLock lock(&mu_);
      if (waiting_.empty()) {
        --serving_;  // last: the Batcher may be destroyed from here on
        return;
      }
    }
    executor_.Schedule([this] { ServeOneBatch(); });  // still counted in serving_
  }

  static Limits Checked(Limits limits) {
    limits.concurrent_batches = std::max(limits.concurrent_batches, 1);
    limits.max_items = std::max<size_t>(limits.max_items, 1);
    return limits;
  }

  Executor& executor_;
  const Limits limits_;
  const std::function<void(std::vector<Item>&)> serve_;
  const std::function<size_t(const Item&)> bytes_;
  absl::Mutex mu_;
  std::vector<Item> waiting_ ABSL_GUARDED_BY(mu_);
  int serving_ ABSL_GUARDED_BY(mu_) = 0;
  size_t added_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace plenary
