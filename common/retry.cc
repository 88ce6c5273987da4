#include "common/retry.h"

#include <algorithm>
#include <random>

namespace plenary {
namespace {

double ThreadLocalUniform() {
  thread_local std::minstd_rand random(std::random_device{}());
  return std::uniform_real_distribution<double>(0, 1)(random);
}

}  // namespace

RetryPolicy::RetryPolicy(Options options, std::function<void(absl::Duration)> sleep,
                         std::function<double()> uniform)
    : options_(options),
      sleep_(std::move(sleep)),
      uniform_(uniform ? std::move(uniform) : ThreadLocalUniform),
      pause_(std::min(options.initial, options.max)) {}

bool RetryPolicy::Wait() {
  ++failures_;
  if (options_.max_attempts > 0 && failures_ >= options_.max_attempts) return false;
  const double jitter = std::clamp(options_.jitter, 0.0, 1.0);
  sleep_(pause_ * (1 - jitter * uniform_()));
  pause_ = std::min(pause_ * options_.multiplier, options_.max);
  return true;
}

void RetryPolicy::Reset() {
  pause_ = std::min(options_.initial, options_.max);
  failures_ = 0;
}

}  // namespace plenary
