// Per-publisher rate limits for ingestion: a token bucket per key.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace plenary::ingest {

class RateLimiter {
 public:
  // `per_second` documents on average and `burst` at once per key; a rate of
  // 0 admits everything. `now` is the clock (a fake one in tests).
  RateLimiter(double per_second, double burst, std::function<absl::Time()> now = absl::Now)
      : per_second_(per_second), burst_(burst), now_(std::move(now)) {}

  // OK and one document taken from `key`'s bucket, or RESOURCE_EXHAUSTED
  // saying when to retry.
  absl::Status Admit(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    absl::Time updated;
  };

  const double per_second_;
  const double burst_;
  const std::function<absl::Time()> now_;
  absl::Mutex mu_;
  std::map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace plenary::ingest
