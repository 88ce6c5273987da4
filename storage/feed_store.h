// What the feed needs from storage: the ordered log of changes, read by
// position, and a push when new positions commit.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "plenary/v1/entry.pb.h"

namespace plenary::storage {

// One committed change: a record's new revision at a feed position.
// Positions start at 1 and have no gaps; a position is visible only once
// every smaller one is (see migration 0001).
struct FeedRecord {
  int64_t position = 0;
  absl::Time committed_at;
  v1::Entry entry;  // the record's revision; revision 1: created, later: revised
};

// What one commit notice says.
struct FeedNotice {
  // The highest position committed; 0 when unknown (after reconnecting,
  // when notices may have been missed).
  int64_t last_position = 0;
  // The records committed, ending at last_position, when they fit in the
  // notice; empty when they must be read from the log.
  std::vector<FeedRecord> records;
};

// The secret that signs this deployment's cursors and page tokens.
struct DeploymentIdentity {
  std::string id;      // stable for the deployment's lifetime
  std::string secret;  // raw bytes
};

class FeedStore {
 public:
  virtual ~FeedStore() = default;

  // Records at positions after_position + 1 .. after_position + limit, in
  // order; fewer when the log ends sooner. A first record past
  // after_position + 1 means older events were pruned. UNAVAILABLE when the
  // database is down.
  virtual absl::StatusOr<std::vector<FeedRecord>> ReadFeed(int64_t after_position,
                                                           int limit) = 0;

  // The highest committed position (0 for an empty log).
  virtual absl::StatusOr<int64_t> Head() = 0;

  virtual absl::StatusOr<DeploymentIdentity> Identity() = 0;
};

// Watches for newly committed positions. Implementations run their own
// thread; `on_notice` is called after commit notices (those that arrived
// together as one) and after every reconnection (with an empty notice:
// notices may have been missed), in commit order, never concurrently.
class FeedWatcher {
 public:
  virtual ~FeedWatcher() = default;
  // Starts watching. `on_notice` runs on the watcher's thread: while it
  // runs, later notices wait.
  virtual void Start(std::function<void(FeedNotice)> on_notice) = 0;
  // Stops the thread; on_notice is not called after Stop returns.
  virtual void Stop() = 0;
};

}  // namespace plenary::storage
