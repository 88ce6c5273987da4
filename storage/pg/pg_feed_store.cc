#include "storage/pg/pg_feed_store.h"

#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "codec/record_codec.h"
#include "common/log.h"
#include "common/retry.h"
#include "common/thread_name.h"
#include "storage/pg/errors.h"
#include "storage/pg/feed_notice.h"
#include "storage/pg/row_decoding.h"
#include "storage/pg/statements.h"

namespace plenary::storage::pg {

absl::StatusOr<std::vector<FeedRecord>> PgFeedStore::ReadFeed(int64_t after_position, int limit) {
  std::vector<FeedRecord> records;
  absl::Status status = pool_.Run("read feed", [&](pqxx::connection& connection) {
    const pqxx::result rows = pqxx::nontransaction(connection).exec_prepared(
        kFeedEvents, after_position, after_position + limit);
    records.reserve(rows.size());
    for (const pqxx::row& row : rows) {
      FeedRecord& record = records.emplace_back();
      record.position = row[0].as<int64_t>();
      record.committed_at = absl::FromUnixMicros(row[1].as<int64_t>());
      if (row[2].as<std::string>() == "resolution") {
        *record.entry.mutable_resolution() = codec::ToProto(ResolutionFromRow(row, 3));
      } else {
        *record.entry.mutable_statement() =
            codec::ToProto(StatementFromRow(row, 3 + kResolutionColumnCount));
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return records;
}

absl::StatusOr<int64_t> PgFeedStore::Head() {
  int64_t head = 0;
  absl::Status status = pool_.Run("feed head", [&](pqxx::connection& connection) {
    head = pqxx::nontransaction(connection).exec_prepared1(kFeedHead)[0].as<int64_t>();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return head;
}

absl::StatusOr<DeploymentIdentity> PgFeedStore::Identity() {
  DeploymentIdentity identity;
  absl::Status status = pool_.Run("deployment identity", [&](pqxx::connection& connection) {
    const pqxx::row row = pqxx::nontransaction(connection).exec_prepared1(kDeployment);
    identity.id = row[0].as<std::string>();
    identity.secret = pqxx::binarystring(row[1]).str();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return identity;
}

namespace {

// Collects the notifications on the feed channel.
class FeedNotices final : public pqxx::notification_receiver {
 public:
  FeedNotices(pqxx::connection_base& connection, std::vector<FeedNotice>& arrived)
      : pqxx::notification_receiver(connection, kFeedChannel), arrived_(arrived) {}
  void operator()(const std::string& payload, int) override {
    arrived_.push_back(ParseFeedNotice(payload));
  }

 private:
  std::vector<FeedNotice>& arrived_;
};

}  // namespace

void PgFeedWatcher::Start(std::function<void(FeedNotice)> on_notice) {
  thread_ = std::thread([this, on_notice = std::move(on_notice)]() mutable { Run(on_notice); });
}

void PgFeedWatcher::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void PgFeedWatcher::Run(std::function<void(FeedNotice)> on_notice) {
  NameThisThread("feed-listener");
  RetryPolicy reconnect({.initial = absl::Milliseconds(100), .max = absl::Seconds(5)});
  while (!stopping_) {
    try {
      pqxx::connection connection(database_url_);
      std::vector<FeedNotice> arrived;
      FeedNotices notices(connection, arrived);
      connection.get_notifs();  // LISTEN is issued: from here on nothing is missed
      arrived.clear();
      on_notice({});            // commits made while not listening
      reconnect.Reset();
      while (!stopping_) {
        // Wakes at least every 200 ms to see stopping_. Whatever arrived
        // while on_notice ran is delivered as one notice.
        connection.await_notification(0, 200000);
        if (arrived.empty()) continue;
        on_notice(CombineFeedNotices(std::move(arrived)));
        arrived.clear();
      }
    } catch (const std::exception& e) {
      if (stopping_) break;
      Log(LogLevel::kWarning, "feed listener lost the database; reconnecting",
          {{"error", e.what()}, {"retry_in", absl::FormatDuration(reconnect.upcoming())}});
      reconnect.Wait();
    }
  }
}

}  // namespace plenary::storage::pg
