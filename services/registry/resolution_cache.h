// Latest revisions of resolutions, kept in memory for GetResolution and
// kept fresh by the feed: every new revision the feed announces evicts what
// is cached for its symbol.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "plenary/v1/resolution.pb.h"

namespace plenary::registry {

class ResolutionCache {
 public:
  // Holds at most `capacity` lookup keys; 0 disables the cache.
  explicit ResolutionCache(size_t capacity) : capacity_(capacity) {}

  // What a later Put must show: no eviction came between it and the read.
  using Ticket = uint64_t;
  Ticket Prepare() const;

  // The cached latest revision under `key`, if any.
  std::optional<v1::Resolution> Get(const std::string& key) const;

  // Caches `resolution` under `keys`, read from the database after
  // `ticket` was taken, unless an eviction came meanwhile: the read may
  // then be older than what the feed has announced.
  void Put(Ticket ticket, const std::vector<std::string>& keys, const v1::Resolution& resolution);

  // A new revision of `symbol` was committed.
  void Evict(const std::string& symbol);

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  uint64_t evictions_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, std::shared_ptr<const v1::Resolution>> by_key_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::vector<std::string>> keys_of_symbol_ ABSL_GUARDED_BY(mu_);
};

}  // namespace plenary::registry
