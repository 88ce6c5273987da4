#include "services/ingest/document_budget.h"

#include "absl/strings/str_cat.h"

namespace plenary::ingest {

bool DocumentBudget::HasRoomLocked(const std::string& publisher) const {
  if (used_ >= max_bytes_) return false;
  auto it = used_by_.find(publisher);
  return it == used_by_.end() || it->second < max_bytes_per_publisher_;
}

bool DocumentBudget::HasRoom(const std::string& publisher) const {
  absl::ReaderMutexLock lock(&mu_);
  return HasRoomLocked(publisher);
}

void DocumentBudget::AwaitInUseForTest(size_t bytes) const {
  absl::ReaderMutexLock lock(&mu_);
  auto counted = [this, bytes]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return used_ >= bytes; };
  mu_.Await(absl::Condition(&counted));
}

bool DocumentBudget::AwaitInUseAtMostForTest(size_t bytes, absl::Duration timeout) const {
  absl::ReaderMutexLock lock(&mu_);
  auto released = [this, bytes]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return used_ <= bytes; };
  return mu_.AwaitWithTimeout(absl::Condition(&released), timeout);
}

absl::Status DocumentBudget::TryReserve(const std::string& publisher, size_t bytes) {
  absl::MutexLock lock(&mu_);
  auto it = used_by_.find(publisher);
  const size_t mine = it == used_by_.end() ? 0 : it->second;
  // One document alone always fits: the limits are on what waits beside it.
  if (mine > 0 && mine + bytes > max_bytes_per_publisher_) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "this publisher has ", mine >> 10, " KiB of documents in flight, and this one would "
        "pass its share of ", max_bytes_per_publisher_ >> 10, " KiB: retry with backoff"));
  }
  if (used_ > 0 && used_ + bytes > max_bytes_) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the server holds ", used_ >> 10, " KiB of documents in flight, and this one would "
        "pass its limit of ", max_bytes_ >> 10, " KiB: retry with backoff"));
  }
  used_by_[publisher] += bytes;
  used_ += bytes;
  return absl::OkStatus();
}

void DocumentBudget::Reserve(const std::string& publisher, size_t bytes) {
  absl::MutexLock lock(&mu_);
  used_by_[publisher] += bytes;
  used_ += bytes;
}

void DocumentBudget::Release(const std::string& publisher, size_t bytes) {
  if (bytes == 0) return;
  bool room_appeared;
  {
    absl::MutexLock lock(&mu_);
    auto it = used_by_.find(publisher);
    if (it == used_by_.end()) return;
    const bool had_room = HasRoomLocked(publisher);
    const bool total_was_full = used_ >= max_bytes_;
    it->second -= std::min(bytes, it->second);
    used_ -= std::min(bytes, used_);
    // Room for this publisher's streams, or for everyone's.
    room_appeared = (!had_room && HasRoomLocked(publisher)) ||
                    (total_was_full && used_ < max_bytes_);
    if (it->second == 0) used_by_.erase(it);
  }
  if (room_appeared) {
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
