#include "services/common/stream_slots.h"

#include "absl/strings/str_cat.h"

namespace plenary::services {

StreamSlots::StreamSlots(std::string what, int max_total, int max_per_client)
    : what_(std::move(what)), max_total_(max_total), max_per_client_(max_per_client) {}

absl::Status StreamSlots::Acquire(const std::string& client) {
  absl::MutexLock lock(&mu_);
  if (total_ >= max_total_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("this server holds ", max_total_, " ", what_,
                     ", its limit: retry later with backoff, or on another replica"));
  }
  int& mine = per_client_[client];
  if (mine >= max_per_client_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("this client holds ", max_per_client_, " ", what_,
                     ", the limit per client: close one before opening another"));
  }
  ++mine;
  ++total_;
  return absl::OkStatus();
}

void StreamSlots::Release(const std::string& client) {
  absl::MutexLock lock(&mu_);
  auto it = per_client_.find(client);
  if (it == per_client_.end()) return;
  --total_;
  if (--it->second == 0) per_client_.erase(it);
}

int StreamSlots::open() const {
  absl::MutexLock lock(&mu_);
  return total_;
}

void StreamSlots::AwaitOpenForTest(int count) const {
  absl::MutexLock lock(&mu_);
  auto reached = [this, count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return total_ == count; };
  mu_.Await(absl::Condition(&reached));
}

std::string ClientKey(int token, const grpc::CallbackServerContext& context) {
  if (token >= 0) return absl::StrCat("token#", token);
  // "ipv4:127.0.0.1:5000", "ipv6:[::1]:5000", "unix:/path": drop the port.
  const std::string peer = context.peer();
  const size_t colon = peer.rfind(':');
  const size_t scheme = peer.find(':');
  if (colon == std::string::npos || colon == scheme || !peer.starts_with("ip")) return peer;
  return peer.substr(0, colon);
}

}  // namespace plenary::services
