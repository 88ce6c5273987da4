// The memory the documents in flight may hold, from the moment a document
// has arrived until its answer is ready: in total, and per publisher (a
// quarter of the total), so that one publisher cannot starve the others.
// Streams pause reading while their room is spent and resume when it frees;
// unary calls are refused instead, since their bytes have already arrived.
#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace plenary::ingest {

class DocumentBudget {
 public:
  // A stream that may pause reading for want of room.
  class Waiter {
   public:
    virtual ~Waiter() = default;
    // Called, with the budget's waiter lock held, when room may have
    // appeared: start reading again if there is room now. It may ask
    // HasRoom, and must not reserve, release, add or remove.
    virtual void Resume() = 0;
  };

  explicit DocumentBudget(size_t max_bytes)
      : max_bytes_(max_bytes), max_bytes_per_publisher_(max_bytes / 4) {}

  // Counts `bytes` for `publisher` if there is room for them, else
  // RESOURCE_EXHAUSTED.
  absl::Status TryReserve(const std::string& publisher, size_t bytes);
  // Counts `bytes` that a stream has already read, room or not: the stream
  // stops reading until HasRoom.
  void Reserve(const std::string& publisher, size_t bytes);
  // Gives bytes back and resumes the waiters when room appears. Never call
  // it with a waiter's own lock held.
  void Release(const std::string& publisher, size_t bytes);
  // Whether `publisher` may read another document.
  bool HasRoom(const std::string& publisher) const;
  // Returns once at least `bytes` are counted, all publishers together.
  void AwaitInUseForTest(size_t bytes) const;
  // Waits until at most `bytes` are in use; false if `timeout` passes first.
  bool AwaitInUseAtMostForTest(size_t bytes, absl::Duration timeout) const;

  // A waiter is registered from its start to its end; Remove waits for a
  // Resume in progress.
  void Add(Waiter* waiter);
  void Remove(Waiter* waiter);

 private:
  bool HasRoomLocked(const std::string& publisher) const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  const size_t max_bytes_;
  const size_t max_bytes_per_publisher_;
  mutable absl::Mutex mu_;
  size_t used_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, size_t> used_by_ ABSL_GUARDED_BY(mu_);
  // Never held while mu_ is taken, and always taken before a waiter's lock.
  absl::Mutex waiters_mu_;
  std::set<Waiter*> waiters_ ABSL_GUARDED_BY(waiters_mu_);
};

}  // namespace plenary::ingest
