#include "services/ingest/document_budget.h"

#include "absl/strings/str_cat.h"

namespace plenary::ingest {

absl::Status DocumentBudget::TryReserve(size_t bytes) {
  size_t used = used_.load(std::memory_order_relaxed);
  do {
    if (used + bytes > max_bytes_ && used > 0) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the server holds ", used >> 10, " KiB of documents in flight and this one would "
          "pass its limit of ", max_bytes_ >> 10, " KiB: retry with backoff"));
    }
  } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
  return absl::OkStatus();
}

void DocumentBudget::Reserve(size_t bytes) { used_.fetch_add(bytes, std::memory_order_relaxed); }

void DocumentBudget::Release(size_t bytes) {
  if (bytes == 0) return;
  const size_t before = used_.fetch_sub(bytes, std::memory_order_relaxed);
  if (before >= max_bytes_ && before - bytes < max_bytes_) {
    absl::MutexLock lock(&waiters_mu_);
    for (Waiter* waiter : waiters_) waiter->Resume();
  }
}

void DocumentBudget::Add(Waiter* waiter) {
  absl::MutexLock lock(&waiters_mu_);
  waiters_.insert(waiter);
}

void DocumentBudget::Remove(Waiter* waiter) {
  absl::MutexLock lock(&waiters_mu_);
  waiters_.erase(waiter);
}

}  // namespace plenary::ingest
