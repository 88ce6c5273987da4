// The memory every publisher's documents in flight may hold together, from
// the moment a document has arrived until its answer is ready. Streams pause
// reading while the budget is spent and resume when it frees; unary calls are
// refused instead, since their bytes have already arrived.
#pragma once

#include <atomic>
#include <cstddef>
#include <set>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace plenary::ingest {

class DocumentBudget {
 public:
  // A stream that paused reading because the budget was spent.
  class Waiter {
   public:
    virtual ~Waiter() = default;
    // Called when bytes were released, with the budget's waiter lock held:
    // start reading again if there is room, and call nothing on the budget.
    virtual void Resume() = 0;
  };

  explicit DocumentBudget(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Counts `bytes` if the budget has room for them, else RESOURCE_EXHAUSTED.
  absl::Status TryReserve(size_t bytes);
  // Counts `bytes` that a stream has already read, room or not: the stream
  // stops reading until HasRoom.
  void Reserve(size_t bytes);
  // Gives bytes back and resumes the waiters when room appears. Never call
  // it with a waiter's own lock held.
  void Release(size_t bytes);
  bool HasRoom() const { return used_.load(std::memory_order_relaxed) < max_bytes_; }
  size_t used() const { return used_.load(std::memory_order_relaxed); }

  // A waiter is registered from its start to its end; Remove waits for a
  // Resume in progress.
  void Add(Waiter* waiter);
  void Remove(Waiter* waiter);

 private:
  const size_t max_bytes_;
  std::atomic<size_t> used_{0};
  absl::Mutex waiters_mu_;
  std::set<Waiter*> waiters_ ABSL_GUARDED_BY(waiters_mu_);
};

}  // namespace plenary::ingest
