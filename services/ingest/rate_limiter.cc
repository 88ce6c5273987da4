#include "services/ingest/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace plenary::ingest {

absl::Status RateLimiter::Admit(const std::string& key) {
  if (per_second_ <= 0) return absl::OkStatus();
  const absl::Time now = now_();
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& bucket = it->second;
  bucket.tokens = std::min(
      burst_, bucket.tokens + absl::ToDoubleSeconds(now - bucket.updated) * per_second_);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return absl::OkStatus();
  }
  const double wait_ms = std::ceil((1 - bucket.tokens) / per_second_ * 1000);
  return absl::ResourceExhaustedError(absl::StrCat(
      "more than ", per_second_, " documents/s from this publisher: retry in ", wait_ms, " ms"));
}

}  // namespace plenary::ingest
