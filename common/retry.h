// The one retry policy: how long to wait before trying again something that
// failed for a reason that passes (a serialization conflict, a lost
// connection, a server that restarts). Exponential backoff, capped, with a
// random share so that clients that failed together do not return together.
#pragma once

#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace plenary {

class RetryPolicy {
 public:
  struct Options {
    absl::Duration initial = absl::Milliseconds(100);  // the first pause
    double multiplier = 2;                             // each pause over the last
    absl::Duration max = absl::Seconds(5);             // no pause is longer
    // The share of each pause drawn at random: a pause p is slept as
    // p * uniform(1 - jitter, 1). 0 sleeps p, 1 anything up to p.
    double jitter = 0;
    // Attempts in all, the first included; 0 for no limit.
    int max_attempts = 0;
  };

  // `sleep` waits (absl::SleepFor; a recorder in tests); `uniform` draws
  // from [0, 1) (a thread-local generator by default).
  explicit RetryPolicy(Options options,
                       std::function<void(absl::Duration)> sleep = absl::SleepFor,
                       std::function<double()> uniform = nullptr);

  // Called after an attempt failed: sleeps the next pause and returns true,
  // or returns false at once when the attempts are spent.
  bool Wait();
  // The next pause before its random share is taken off, for logs.
  absl::Duration upcoming() const { return pause_; }
  // After a success: the next failure waits `initial` again, and the
  // attempts are counted afresh.
  void Reset();

 private:
  const Options options_;
  const std::function<void(absl::Duration)> sleep_;
  const std::function<double()> uniform_;
  absl::Duration pause_;
  int failures_ = 0;
};

}  // namespace plenary
