// A fixed pool of threads for blocking work (database calls), so that gRPC's
// callback threads never wait on I/O; and Forked, a piece of one task's work
// handed to the pool to run beside the rest.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace plenary {

class Executor {
 public:
  explicit Executor(int threads);
  // Runs every task already scheduled, then joins the threads.
  ~Executor();

  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Queues task to run on one of the pool's threads.
  void Schedule(std::function<void()> task);

  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void Work();

  absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

// `work` offered to an executor's threads while the caller does something
// else; Join() returns its result. If no thread has started it by then, the
// caller runs it itself: a task on the pool that forks and joins never waits
// for a thread of its own pool, so a busy pool cannot deadlock, and the
// pool's bound is the only bound (no thread is started per fork).
template <typename T>
class Forked {
 public:
  Forked(Executor& executor, std::function<T()> work)
      : state_(std::make_shared<State>(std::move(work))) {
    executor.Schedule([state = state_] {
      if (state->Claim()) state->Run();
    });
  }
  // Joins: work never outlives what it refers to.
  ~Forked() {
    if (state_ != nullptr) static_cast<void>(Join());
  }

  Forked(const Forked&) = delete;
  Forked& operator=(const Forked&) = delete;

  // The work's result, once: runs it here if no thread has started it, else
  // waits for it.
  T Join() {
    std::shared_ptr<State> state = std::move(state_);
    if (state->Claim()) {
      state->Run();
    } else {
      absl::MutexLock lock(&state->mu);
      state->mu.Await(absl::Condition(
          +[](std::optional<T>* result) { return result->has_value(); }, &state->result));
    }
    absl::MutexLock lock(&state->mu);
    return *std::move(state->result);
  }

 private:
  struct State {
    explicit State(std::function<T()> work) : work(std::move(work)) {}
    // True for the one caller that is to run the work.
    bool Claim() {
      absl::MutexLock lock(&mu);
      return !std::exchange(claimed, true);
    }
    void Run() {
      T value = work();
      absl::MutexLock lock(&mu);
      result.emplace(std::move(value));
    }

    const std::function<T()> work;
    absl::Mutex mu;
    bool claimed ABSL_GUARDED_BY(mu) = false;
    std::optional<T> result ABSL_GUARDED_BY(mu);
  };

  std::shared_ptr<State> state_;
};

}  // namespace plenary
