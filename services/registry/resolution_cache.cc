#include "services/registry/resolution_cache.h"

namespace plenary::registry {

ResolutionCache::Ticket ResolutionCache::Prepare() const {
  absl::MutexLock lock(&mu_);
  return evictions_;
}

std::optional<v1::Resolution> ResolutionCache::Get(const std::string& key) const {
  std::shared_ptr<const v1::Resolution> found;
  {
    absl::MutexLock lock(&mu_);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    found = it->second;
  }
  return *found;  // copied outside the lock
}

void ResolutionCache::Put(Ticket ticket, const std::vector<std::string>& keys,
                          const v1::Resolution& resolution) {
  if (capacity_ == 0) return;
  auto shared = std::make_shared<const v1::Resolution>(resolution);
  absl::MutexLock lock(&mu_);
  if (ticket != evictions_) return;
  if (by_key_.size() + keys.size() > capacity_) {
    // Simple and bounded: start over rather than track recency.
    by_key_.clear();
    keys_of_symbol_.clear();
  }
  std::vector<std::string>& known = keys_of_symbol_[resolution.symbol()];
  for (const std::string& key : keys) {
    by_key_[key] = shared;
    known.push_back(key);
  }
}

void ResolutionCache::Evict(const std::string& symbol) {
  absl::MutexLock lock(&mu_);
  ++evictions_;
  auto it = keys_of_symbol_.find(symbol);
  if (it == keys_of_symbol_.end()) return;
  for (const std::string& key : it->second) by_key_.erase(key);
  keys_of_symbol_.erase(it);
}

}  // namespace plenary::registry
