#include "services/registry/feed_hub.h"

#include <vector>

#include "absl/base/internal/endian.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/thread_name.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/metrics.h"
#include "codec/record_codec.h"

namespace plenary::registry {
namespace {

constexpr char kCursorPurpose[] = "feed cursor";

std::string EncodePosition(int64_t position) {
  std::string bytes(8, '\0');
  absl::big_endian::Store64(bytes.data(), static_cast<uint64_t>(position));
  return bytes;
}

}  // namespace

FeedHub::FeedHub(storage::FeedStore& store, storage::FeedWatcher& watcher, Executor& executor,
                 FeedOptions options, std::function<absl::Time()> now)
    : store_(store),
      watcher_(watcher),
      executor_(executor),
      options_(options),
      now_(std::move(now)) {}

FeedHub::~FeedHub() {
  Shutdown();
}

absl::Status FeedHub::Start() {
  absl::StatusOr<storage::DeploymentIdentity> identity = store_.Identity();
  if (!identity.ok()) return identity.status();
  codec_ = std::make_unique<services::SignedTokenCodec>(identity->id, identity->secret);
  absl::StatusOr<int64_t> head = store_.Head();
  if (!head.ok()) return head.status();
  {
    absl::MutexLock lock(&window_mu_);
    head_ = *head;
    window_first_ = *head + 1;
  }
  services::metrics::ExportFeedSeries();
  services::metrics::FeedHeadPosition().Set(static_cast<double>(*head));
  watcher_.Start([this](storage::FeedNotice notice) { OnNotice(std::move(notice)); });
  ticker_ = std::thread([this] { Tick(); });
  return absl::OkStatus();
}

void FeedHub::Shutdown() {
  {
    // Subscribers waiting for a history read can end only after it.
    absl::MutexLock lock(&history_mu_);
    history_unbounded_ = true;
    StartHistoryReads();
  }
  {
    absl::MutexLock lock(&subscribers_mu_);
    if (closing_) return;
    closing_ = true;
    for (FeedSubscriber* subscriber : subscribers_) subscriber->Close();
  }
  watcher_.Stop();
  stop_ticking_.Notify();
  if (ticker_.joinable()) ticker_.join();
  // Wait out a fetch in flight: it runs on the executor and uses this hub.
  absl::MutexLock lock(&fetch_mu_);
  stopped_ = true;
  fetch_mu_.Await(absl::Condition(
      +[](bool* fetching) { return !*fetching; }, &fetching_));
}

std::string FeedHub::CursorFor(int64_t position) const {
  return codec_->Encode(kCursorPurpose, EncodePosition(position));
}

absl::StatusOr<int64_t> FeedHub::PositionOf(const std::string& cursor) const {
  absl::StatusOr<std::string> payload = codec_->Decode(kCursorPurpose, cursor);
  if (!payload.ok()) return payload.status();
  if (payload->size() != 8) return absl::InvalidArgumentError("malformed feed cursor");
  return static_cast<int64_t>(absl::big_endian::Load64(payload->data()));
}

int64_t FeedHub::head() const {
  absl::MutexLock lock(&window_mu_);
  return head_;
}

SharedEvent FeedHub::EventAt(int64_t position) const {
  absl::MutexLock lock(&window_mu_);
  if (position < window_first_ || position > head_) return nullptr;
  services::metrics::FeedEventsRead(services::metrics::FeedSource::kWindow).Increment();
  return window_[position - window_first_];
}

SharedEvent FeedHub::ToEvent(storage::FeedRecord record) const {
  auto event = std::make_shared<v1::FeedEvent>();
  event->set_cursor(CursorFor(record.position));
  const int revision = record.entry.has_resolution() ? record.entry.resolution().revision()
                                                     : record.entry.statement().revision();
  event->set_type(revision == 1 ? v1::FEED_EVENT_TYPE_CREATED : v1::FEED_EVENT_TYPE_REVISED);
  *event->mutable_entry() = std::move(record.entry);
  *event->mutable_committed_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(record.committed_at));
  // Computed once here: the message is shared, read-only, by every stream.
  event->ByteSizeLong();
  return event;
}

SharedEvent FeedHub::ProgressAt(int64_t position) const {
  auto event = std::make_shared<v1::FeedEvent>();
  event->set_cursor(CursorFor(position));
  event->set_type(v1::FEED_EVENT_TYPE_PROGRESS);
  event->ByteSizeLong();
  return event;
}

absl::StatusOr<std::vector<SharedEvent>> FeedHub::ReadHistory(int64_t after_position) {
  absl::StatusOr<std::vector<storage::FeedRecord>> records =
      store_.ReadFeed(after_position, options_.catch_up_batch);
  if (!records.ok()) return records.status();
  if (!records->empty() && records->front().position != after_position + 1) {
    return absl::OutOfRangeError(absl::StrCat(
        "events after this cursor are no longer kept (the oldest is at position ",
        records->front().position, "): resubscribe with from_beginning, or without a cursor"));
  }
  std::vector<SharedEvent> events;
  events.reserve(records->size());
  for (storage::FeedRecord& record : *records) events.push_back(ToEvent(std::move(record)));
  services::metrics::FeedHistoryReads().Increment();
  services::metrics::FeedEventsRead(services::metrics::FeedSource::kHistory)
      .Increment(static_cast<double>(events.size()));
  return events;
}

void FeedHub::ScheduleHistoryRead(std::function<void()> read) {
  absl::MutexLock lock(&history_mu_);
  history_queue_.push_back(std::move(read));
  StartHistoryReads();
}

void FeedHub::HistoryReadDone() {
  absl::MutexLock lock(&history_mu_);
  --history_reads_;
  StartHistoryReads();
}

void FeedHub::HoldHistory(int64_t bytes) {
  absl::MutexLock lock(&history_mu_);
  history_bytes_ += bytes;
  if (bytes < 0) StartHistoryReads();
}

void FeedHub::StartHistoryReads() {
  while (!history_queue_.empty() &&
         (history_unbounded_ || (history_reads_ < options_.max_history_reads &&
                                 history_bytes_ < options_.history_budget_bytes))) {
    ++history_reads_;
    executor_.Schedule(std::move(history_queue_.front()));
    history_queue_.pop_front();
  }
}

void FeedHub::AddListener(std::function<void(const v1::FeedEvent&)> listener) {
  listeners_.push_back(std::move(listener));
}

bool FeedHub::Add(FeedSubscriber* subscriber) {
  absl::MutexLock lock(&subscribers_mu_);
  if (closing_) return false;
  if (subscribers_.insert(subscriber).second) services::metrics::FeedSubscribers().Increment();
  return true;
}

void FeedHub::Remove(FeedSubscriber* subscriber) {
  absl::MutexLock lock(&subscribers_mu_);
  if (subscribers_.erase(subscriber) > 0) services::metrics::FeedSubscribers().Decrement();
}

void FeedHub::OnNotice(storage::FeedNotice notice) {
  {
    absl::MutexLock lock(&fetch_mu_);
    if (stopped_) return;
    if (fetching_) {
      fetch_again_ = true;  // the running fetch reads once more when done
      return;
    }
    fetching_ = true;
  }
  // Notices arrive in commit order, so the records of one that continues
  // what this process has read can go out without reading the log; the
  // log is read for what they do not carry.
  if (!notice.records.empty() && notice.records.front().position == head() + 1) {
    Publish(std::move(notice.records));
    absl::MutexLock lock(&fetch_mu_);
    if (stopped_ || (!fetch_again_ && notice.last_position == head())) {
      fetching_ = false;
      return;
    }
    fetch_again_ = false;
  }
  executor_.Schedule([this] { Fetch(); });
}

void FeedHub::Publish(std::vector<storage::FeedRecord> records) {
  std::vector<SharedEvent> events;
  const absl::Time read_at = now_();
  for (storage::FeedRecord& record : records) {
    services::metrics::FeedLagSeconds().Observe(
        absl::ToDoubleSeconds(read_at - record.committed_at));
    events.push_back(ToEvent(std::move(record)));
    for (const auto& listener : listeners_) listener(*events.back());
  }
  {
    absl::MutexLock lock(&window_mu_);
    for (SharedEvent& event : events) window_.push_back(std::move(event));
    head_ = records.back().position;
    services::metrics::FeedHeadPosition().Set(static_cast<double>(head_));
    while (window_.size() > static_cast<size_t>(options_.window)) {
      window_.pop_front();
      ++window_first_;
    }
  }
  WakeAll();
}

// Reads everything past the head into the window, then wakes the
// subscribers. One fetch runs at a time.
void FeedHub::Fetch() {
  while (true) {
    absl::StatusOr<std::vector<storage::FeedRecord>> records =
        store_.ReadFeed(head(), options_.catch_up_batch);
    if (!records.ok()) {
      // Retried by the ticker, and by the watcher once it has reconnected.
      Log(LogLevel::kWarning, "feed read failed", {{"status", records.status().ToString()}});
    } else if (!records->empty()) {
      Publish(*std::move(records));
    }
    absl::MutexLock lock(&fetch_mu_);
    retry_ = !records.ok();
    const bool more = records.ok() && records->size() == static_cast<size_t>(options_.catch_up_batch);
    if (!stopped_ && (more || fetch_again_)) {
      fetch_again_ = false;
      continue;
    }
    fetching_ = false;
    return;
  }
}

void FeedHub::WakeAll() {
  const absl::Time now = now_();
  absl::MutexLock lock(&subscribers_mu_);
  for (FeedSubscriber* subscriber : subscribers_) subscriber->Wake(now);
}

void FeedHub::Tick() {
  NameThisThread("feed-ticker");
  const absl::Duration period =
      std::max(absl::Milliseconds(10), std::min(options_.heartbeat, options_.progress) / 4);
  while (!stop_ticking_.WaitForNotificationWithTimeout(period)) {
    bool retry;
    {
      absl::MutexLock lock(&fetch_mu_);
      retry = retry_;
    }
    if (retry) OnNotice({});
    WakeAll();
  }
}

}  // namespace plenary::registry
