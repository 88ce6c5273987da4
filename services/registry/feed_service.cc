#include "services/registry/feed_service.h"

#include <deque>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "services/common/grpc_status.h"
#include "services/common/refused_stream.h"
#include "services/common/metrics.h"
#include "services/registry/feed_filter.h"

namespace plenary::registry {
namespace {

// One Subscribe stream. Events are delivered one write at a time, from the
// hub's in-memory window when they are in it, else from the database in
// batches, so a subscriber holds at most one write and one batch: a burst
// or a slow reader costs database reads, not memory, and the hub bounds the
// batches held by all subscribers together. A subscriber that stops reading
// while events wait is ended after stall_timeout, to resume from its cursor.
//
// Threads: Wake and Close (hub), OnWriteDone and OnCancel (gRPC), history
// reads (executor) all decide under mu_ and act (Finish, StartWrite, a
// history read) with it released. The reactor is deleted in OnDone, which
// gRPC calls only after Finish and the last OnWriteDone, never during one of
// its own callbacks, nor during Wake or Close (Remove waits for the hub's
// lock). Finish is never decided while a history read is in flight, and the
// read clears its flag and decides in one locked section, so nothing refers
// to a deleted reactor.
class Subscription final : public grpc::ServerWriteReactor<v1::FeedEvent>,
                           public FeedSubscriber {
 public:
  // Holds one of `slots` for `client`, given back when the stream ends.
  Subscription(FeedHub& hub, FeedFilter filter, int64_t after_position,
               services::StreamSlots& slots, std::string client)
      : hub_(hub),
        filter_(std::move(filter)),
        slots_(slots),
        client_(std::move(client)),
        next_(after_position + 1),
        last_write_(hub.Now()) {
    // The first message tells the client where it starts: a cursor to
    // resume from even if nothing happens for a while.
    pending_progress_ = true;
    if (!hub_.Add(this)) {
      closed_ = true;
    }
    Pump(hub_.Now());
  }

  void Wake(absl::Time now) override { Pump(now); }

  void Close() override {
    {
      absl::MutexLock lock(&mu_);
      closed_ = true;
    }
    Pump(hub_.Now());
  }

  void OnWriteDone(bool ok) override {
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
      current_.reset();
      if (!ok) cancelled_ = true;  // the client is gone
    }
    Pump(hub_.Now());
  }

  void OnCancel() override {
    {
      absl::MutexLock lock(&mu_);
      cancelled_ = true;
    }
    Pump(hub_.Now());
  }

  void OnDone() override {
    hub_.Remove(this);
    slots_.Release(client_);
    delete this;
  }

 private:
  // What Pump decided to do once mu_ is released.
  struct Action {
    std::optional<grpc::Status> finish;
    const v1::FeedEvent* write = nullptr;
    bool read_history = false;
  };

  void Pump(absl::Time now) {
    Action action;
    {
      absl::MutexLock lock(&mu_);
      action = Decide(now);
    }
    Act(action);
  }

  void Act(const Action& action) {
    if (action.finish.has_value()) {
      Finish(*action.finish);
    } else if (action.write != nullptr) {
      StartWrite(action.write);
    } else if (action.read_history) {
      hub_.ScheduleHistoryRead([this] { ReadHistory(); });
    }
  }

  Action Decide(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    Action action;
    if (finished_) return action;
    const int64_t head = hub_.head();
    // These end the stream even while a write is in flight: its OnWriteDone
    // still comes, before OnDone. Not during a history read, which runs on
    // the executor and uses this reactor.
    if (!reading_history_) {
      std::optional<grpc::Status> end;
      if (cancelled_) {
        end = grpc::Status::CANCELLED;
      } else if (closed_) {
        end = grpc::Status(grpc::StatusCode::UNAVAILABLE,
                           "the server is shutting down: resubscribe, after the last cursor "
                           "received, to another replica");
      } else if (writing_ && next_ <= head &&
                 now - last_write_ > hub_.options().stall_timeout) {
        end = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                           absl::StrCat("this subscriber read nothing for ",
                                        absl::FormatDuration(hub_.options().stall_timeout),
                                        " while events waited: resubscribe after the last "
                                        "cursor received"));
      } else if (!error_.ok() && !writing_) {
        end = services::ToGrpcStatus(error_);
      }
      if (end.has_value()) {
        finished_ = true;
        action.finish = std::move(end);
        DropHistory();
        return action;
      }
    }
    if (writing_ || reading_history_) return action;
    while (!pending_progress_) {
      SharedEvent event;
      if (!history_.empty()) {
        event = std::move(history_.front());
        history_.pop_front();
        hub_.HoldHistory(-static_cast<int64_t>(event->GetCachedSize()));
      } else if (next_ <= head) {
        event = hub_.EventAt(next_);
        if (event == nullptr) {  // behind the in-memory window
          reading_history_ = true;
          action.read_history = true;
          return action;
        }
      } else {
        break;
      }
      ++next_;
      if (filter_.Matches(event->entry())) {
        services::metrics::FeedEventsDelivered().Increment();
        return Write(std::move(event), now);
      }
      skipped_ = true;
    }
    // Caught up (or asked to report where it starts): a PROGRESS event when
    // one is due. It carries the last position passed, so a subscriber whose
    // filter skipped events need not read them again after resuming.
    const bool idle = now - last_write_ >= hub_.options().heartbeat;
    const bool skipped_long_enough = skipped_ && now - last_write_ >= hub_.options().progress;
    if (pending_progress_ || idle || skipped_long_enough) {
      pending_progress_ = false;
      skipped_ = false;
      return Write(hub_.ProgressAt(next_ - 1), now);
    }
    return action;
  }

  Action Write(SharedEvent event, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    writing_ = true;
    last_write_ = now;
    current_ = std::move(event);
    Action action;
    action.write = current_.get();
    return action;
  }

  // Gives back the history events read and not written.
  void DropHistory() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    int64_t bytes = 0;
    for (const SharedEvent& event : history_) bytes += event->GetCachedSize();
    history_.clear();
    if (bytes > 0) hub_.HoldHistory(-bytes);
  }

  void ReadHistory() {
    int64_t after;
    bool ending;
    {
      absl::MutexLock lock(&mu_);
      after = next_ - 1;
      ending = cancelled_ || closed_;
    }
    // A subscriber that is ending, perhaps after waiting its turn in a
    // crowd, reads nothing: it only has to finish.
    absl::StatusOr<std::vector<SharedEvent>> events =
        ending ? std::vector<SharedEvent>() : hub_.ReadHistory(after);
    if (events.ok()) {
      int64_t bytes = 0;
      for (const SharedEvent& event : *events) bytes += event->GetCachedSize();
      hub_.HoldHistory(bytes);
    }
    hub_.HistoryReadDone();
    // Decided in the same locked section: once reading_history_ is clear,
    // another thread may finish the stream and OnDone delete it.
    Action action;
    {
      absl::MutexLock lock(&mu_);
      reading_history_ = false;
      if (!events.ok()) {
        error_ = events.status().code() == absl::StatusCode::kOutOfRange
                     ? events.status()
                     : absl::UnavailableError(
                           "the feed history cannot be read now: resubscribe after the last "
                           "cursor received");
      } else {
        for (SharedEvent& event : *events) history_.push_back(std::move(event));
      }
      action = Decide(hub_.Now());
    }
    Act(action);
  }

  FeedHub& hub_;
  const FeedFilter filter_;
  services::StreamSlots& slots_;
  const std::string client_;

  absl::Mutex mu_;
  int64_t next_ ABSL_GUARDED_BY(mu_);  // the next position to consider
  std::deque<SharedEvent> history_ ABSL_GUARDED_BY(mu_);  // read from the database
  SharedEvent current_ ABSL_GUARDED_BY(mu_);  // being written
  absl::Time last_write_ ABSL_GUARDED_BY(mu_);
  absl::Status error_ ABSL_GUARDED_BY(mu_);
  bool pending_progress_ ABSL_GUARDED_BY(mu_) = false;
  bool skipped_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reading_history_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

using Refusal = services::RefusedStream<v1::FeedEvent>;

}  // namespace

FeedServiceImpl::FeedServiceImpl(FeedHub& hub, const services::BearerTokens* readers)
    : hub_(hub),
      readers_(readers),
      slots_("feed subscriptions", hub.options().max_subscribers,
             hub.options().max_subscribers_per_client) {}

grpc::ServerWriteReactor<v1::FeedEvent>* FeedServiceImpl::Subscribe(
    grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) {
  int token = -1;
  if (readers_ != nullptr) {
    absl::StatusOr<int> reader = services::Authenticate(*readers_, *context);
    if (!reader.ok()) return new Refusal(reader.status());
    token = *reader;
  }
  absl::StatusOr<FeedFilter> filter = FeedFilter::FromRequest(*request);
  if (!filter.ok()) return new Refusal(filter.status());
  int64_t after = hub_.head();  // from now
  if (!request->after_cursor().empty()) {
    absl::StatusOr<int64_t> position = hub_.PositionOf(request->after_cursor());
    if (!position.ok()) return new Refusal(InvalidField("after_cursor", position.status().message()));
    after = *position;
  } else if (request->from_beginning()) {
    after = 0;
  }
  std::string client = services::ClientKey(token, *context);
  if (absl::Status slot = slots_.Acquire(client); !slot.ok()) return new Refusal(slot);
  return new Subscription(hub_, *std::move(filter), after, slots_, std::move(client));
}

}  // namespace plenary::registry
