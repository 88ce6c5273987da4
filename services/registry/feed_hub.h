// The feed inside one registry process: one reader of the database's feed
// log, a window of recent events in memory, and the subscriptions that are
// fed from it. Every replica reads the same log, so all deliver one order.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/executor.h"
#include "plenary/v1/feed_service.pb.h"
#include "services/common/signed_token.h"
#include "storage/feed_store.h"

namespace plenary::registry {

struct FeedOptions {
  // Recent events kept in memory, shared by every subscriber; one behind it
  // reads from the database instead.
  int window = 4096;
  // How long a write to a subscriber may stay unconsumed while newer events
  // wait before the stream ends with RESOURCE_EXHAUSTED (it resumes from its
  // cursor): a subscriber that stops reading holds nothing for long.
  absl::Duration stall_timeout = absl::Seconds(30);
  int catch_up_batch = 500;                       // events per history read
  absl::Duration heartbeat = absl::Seconds(15);   // idle streams get PROGRESS
  absl::Duration progress = absl::Seconds(5);     // filtered streams get PROGRESS
  // Subscribe streams open at once, in total and per client.
  int max_subscribers = 16384;
  int max_subscribers_per_client = 1024;
  // Bytes of history events read for subscribers behind the window and not
  // yet written to them, all subscribers together: past it, history reads
  // wait. A subscriber that stops reading holds at most one batch.
  int64_t history_budget_bytes = 64 << 20;
  // History reads at once: they share the executor with queries, which
  // must not wait behind a crowd of subscribers catching up.
  int max_history_reads = 2;
};

using SharedEvent = std::shared_ptr<const v1::FeedEvent>;

// What a subscription needs from the hub; implemented by the Subscribe
// reactor.
class FeedSubscriber {
 public:
  virtual ~FeedSubscriber() = default;
  // New events or a tick: deliver what can be delivered. Called without any
  // hub lock held by this subscriber's own thread of control.
  virtual void Wake(absl::Time now) = 0;
  // The server is stopping: end with UNAVAILABLE.
  virtual void Close() = 0;
};

class FeedHub {
 public:
  // `now` is the clock subscriptions measure stalls, heartbeats and lag by
  // (a fake one in tests).
  FeedHub(storage::FeedStore& store, storage::FeedWatcher& watcher, Executor& executor,
          FeedOptions options, std::function<absl::Time()> now = absl::Now);
  ~FeedHub();

  // Reads the deployment identity and the current head, then starts
  // watching. UNAVAILABLE when the database cannot be read.
  absl::Status Start();
  // Ends every subscription with UNAVAILABLE and stops reading.
  void Shutdown();

  const FeedOptions& options() const { return options_; }
  absl::Time Now() const { return now_(); }

  // The cursor of `position` and back.
  std::string CursorFor(int64_t position) const;
  // INVALID_ARGUMENT for a cursor not issued by this deployment.
  absl::StatusOr<int64_t> PositionOf(const std::string& cursor) const;

  // The highest position this process has read.
  int64_t head() const;
  // The event at `position` from the in-memory window, or null when it has
  // left the window (or has not arrived).
  SharedEvent EventAt(int64_t position) const;
  // Events after `after_position` straight from the database, for
  // subscribers behind the window.
  absl::StatusOr<std::vector<SharedEvent>> ReadHistory(int64_t after_position);
  // A PROGRESS event at `position`.
  SharedEvent ProgressAt(int64_t position) const;

  // Runs `read` (which calls ReadHistory) on the executor once fewer than
  // max_history_reads run and the history held by subscribers is under its
  // budget; `read` must end with HistoryReadDone. During Shutdown, at once.
  void ScheduleHistoryRead(std::function<void()> read);
  void HistoryReadDone();
  // Counts history events a subscriber holds (`bytes` > 0 when read,
  // < 0 when written or dropped).
  void HoldHistory(int64_t bytes);

  // Calls `listener` with every event as the hub reads it, before any
  // subscriber sees it, from the hub's reading thread. Add before Start.
  void AddListener(std::function<void(const v1::FeedEvent&)> listener);

  // Returns false when the hub is shutting down (the subscriber must end).
  bool Add(FeedSubscriber* subscriber);
  void Remove(FeedSubscriber* subscriber);

  Executor& executor() { return executor_; }

 private:
  SharedEvent ToEvent(storage::FeedRecord record) const;
  void OnNotice(storage::FeedNotice notice);
  // Makes events of `records`, which continue the window, and wakes the
  // subscribers. Only one Publish or Fetch runs at a time (fetching_).
  void Publish(std::vector<storage::FeedRecord> records);
  void Fetch();
  void WakeAll();
  void Tick();
  // Starts the queued history reads that the bounds allow.
  void StartHistoryReads() ABSL_EXCLUSIVE_LOCKS_REQUIRED(history_mu_);

  storage::FeedStore& store_;
  storage::FeedWatcher& watcher_;
  Executor& executor_;
  const FeedOptions options_;
  const std::function<absl::Time()> now_;
  std::unique_ptr<services::SignedTokenCodec> codec_;
  std::vector<std::function<void(const v1::FeedEvent&)>> listeners_;  // set before Start

  mutable absl::Mutex window_mu_;
  std::deque<SharedEvent> window_ ABSL_GUARDED_BY(window_mu_);
  int64_t window_first_ ABSL_GUARDED_BY(window_mu_) = 1;  // position of window_.front()
  int64_t head_ ABSL_GUARDED_BY(window_mu_) = 0;

  // Lock order: subscribers_mu_, then a subscriber's own lock, then window_mu_.
  absl::Mutex subscribers_mu_;
  std::set<FeedSubscriber*> subscribers_ ABSL_GUARDED_BY(subscribers_mu_);
  bool closing_ ABSL_GUARDED_BY(subscribers_mu_) = false;

  absl::Mutex fetch_mu_;
  bool fetching_ ABSL_GUARDED_BY(fetch_mu_) = false;
  bool fetch_again_ ABSL_GUARDED_BY(fetch_mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(fetch_mu_) = false;
  // The last read failed: the ticker retries it, since no notice may come.
  bool retry_ ABSL_GUARDED_BY(fetch_mu_) = false;

  // Never held while calling into a subscriber.
  absl::Mutex history_mu_;
  std::deque<std::function<void()>> history_queue_ ABSL_GUARDED_BY(history_mu_);
  int history_reads_ ABSL_GUARDED_BY(history_mu_) = 0;
  int64_t history_bytes_ ABSL_GUARDED_BY(history_mu_) = 0;
  bool history_unbounded_ ABSL_GUARDED_BY(history_mu_) = false;  // shutting down

  absl::Notification stop_ticking_;
  std::thread ticker_;
};

}  // namespace plenary::registry
