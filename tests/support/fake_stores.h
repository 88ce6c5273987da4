// In-memory stand-ins for the storage interfaces, for handler unit tests.
// They keep just enough state to answer like the real stores do; the real
// semantics are tested against PostgreSQL in storage/pg/*_pgtest.cc.
#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "codec/record_codec.h"
#include "storage/feed_store.h"
#include "storage/ingest_store.h"
#include "storage/registry_store.h"

namespace plenary::testing {

class FakeIngestStore final : public storage::IngestStore {
 public:
  absl::StatusOr<std::vector<std::optional<storage::IngestResult>>> FindDocuments(
      absl::Span<const storage::DocumentKey> keys) override {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    std::vector<std::optional<storage::IngestResult>> found;
    for (const storage::DocumentKey& key : keys) found.push_back(Find(key));
    return found;
  }

  absl::StatusOr<std::vector<storage::IngestResult>> StoreDocuments(
      absl::Span<const storage::NewDocument> documents) override {
    if (absl::Notification* gate = gate_.load()) {
      {
        absl::MutexLock lock(&mu_);
        ++held_;
      }
      gate->WaitForNotification();
    }
    if (const absl::Duration delay = absl::Microseconds(delay_micros_.load()); delay > absl::ZeroDuration()) {
      absl::SleepFor(delay);
    }
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    if (documents.size() > 1 && !batch_status_.ok()) return batch_status_;
    ++batches_;
    std::vector<storage::IngestResult> results;
    for (const storage::NewDocument& document : documents) {
      if (std::optional<storage::IngestResult> earlier =
              Find({document.sha256, document.request_id, document.media_type})) {
        results.push_back(*std::move(earlier));
        continue;
      }
      storage::IngestResult& result = results.emplace_back();
      result.document_id = static_cast<int64_t>(stored_.size()) + 1;
      SourceInfo source;
      source.document_id = result.document_id;
      for (const Resolution& resolution : document.resolutions) {
        result.entries.push_back(StoredResolution{resolution, 1, source});
      }
      for (const storage::IdentifiedStatement& statement : document.statements) {
        result.entries.push_back(StoredStatement{statement.id, statement.statement, 1, source});
      }
      result.warnings = document.warnings;
      stored_.emplace_back(document, result);
    }
    return results;
  }

  absl::StatusOr<std::vector<storage::StoredDocument>> ReadDocuments(
      int64_t after_id, int limit, size_t, const std::string& outdated_for) override {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    std::vector<storage::StoredDocument> documents;
    for (const auto& [document, result] : stored_) {
      if (result.document_id <= after_id || static_cast<int>(documents.size()) >= limit) continue;
      if (!outdated_for.empty() && document.parser_version == outdated_for) continue;
      documents.push_back({result.document_id, document.content, document.media_type,
                           document.source_uri, document.published_at, document.parser_version});
    }
    return documents;
  }

  absl::StatusOr<std::vector<storage::IngestResult>> StoreRereadings(
      absl::Span<const storage::Rereading> rereadings) override {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    std::vector<storage::IngestResult> results;
    for (const storage::Rereading& rereading : rereadings) {
      auto& [document, result] = stored_.at(rereading.document_id - 1);
      const bool changed = document.resolutions != rereading.resolutions;
      document.parser_version = rereading.parser_version;
      document.resolutions = rereading.resolutions;
      storage::IngestResult& answer = results.emplace_back(result);
      answer.revisions = changed ? static_cast<int>(rereading.resolutions.size()) : 0;
    }
    return results;
  }

  // Later StoreDocuments calls of more than one document fail with `status`.
  void FailBatchesWith(absl::Status status) {
    absl::MutexLock lock(&mu_);
    batch_status_ = std::move(status);
  }

  // Each StoreDocuments call takes `delay` longer, as a busy database would.
  void SlowDownStoresBy(absl::Duration delay) {
    delay_micros_ = absl::ToInt64Microseconds(delay);
  }

  // StoreDocuments waits for `gate` (nullptr: it does not wait).
  void HoldStoresUntil(absl::Notification* gate) { gate_ = gate; }

  // Waits until `count` StoreDocuments calls have reached the gate of
  // HoldStoresUntil.
  void AwaitHeldStores(int count) {
    absl::MutexLock lock(&mu_);
    auto held = [this, count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return held_ >= count; };
    mu_.Await(absl::Condition(&held));
  }

  // How many StoreDocuments calls there were.
  int batches() {
    absl::MutexLock lock(&mu_);
    return batches_;
  }

  // Every later call fails with `status` (OK restores normal answers).
  void FailWith(absl::Status status) {
    absl::MutexLock lock(&mu_);
    status_ = std::move(status);
  }

  std::vector<storage::NewDocument> documents() {
    absl::MutexLock lock(&mu_);
    std::vector<storage::NewDocument> documents;
    for (const auto& [document, result] : stored_) documents.push_back(document);
    return documents;
  }

 private:
  std::optional<storage::IngestResult> Find(const storage::DocumentKey& key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    for (const auto& [document, result] : stored_) {
      if ((document.sha256 == key.sha256 && document.media_type == key.media_type) ||
          (!key.request_id.empty() && document.request_id == key.request_id)) {
        storage::IngestResult duplicate = result;
        duplicate.duplicate = true;
        return duplicate;
      }
    }
    return std::nullopt;
  }

  absl::Mutex mu_;
  std::vector<std::pair<storage::NewDocument, storage::IngestResult>> stored_ ABSL_GUARDED_BY(mu_);
  absl::Status status_ ABSL_GUARDED_BY(mu_);
  absl::Status batch_status_ ABSL_GUARDED_BY(mu_);
  int batches_ ABSL_GUARDED_BY(mu_) = 0;
  int held_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<absl::Notification*> gate_ = nullptr;
  std::atomic<int64_t> delay_micros_ = 0;
};

class FakeRegistryStore final : public storage::RegistryStore {
 public:
  // Makes `resolution` findable under each of `keys`.
  void Add(const StoredResolution& resolution, const std::vector<std::string>& keys) {
    for (const std::string& key : keys) resolutions_[key] = resolution;
  }
  void Add(const StoredStatement& statement) { statements_[statement.id] = statement; }
  void FailWith(absl::Status status) { status_ = std::move(status); }
  // Resolution reads wait for `gate` (until it is notified).
  void HoldResolutionReadsUntil(absl::Notification* gate) { gate_ = gate; }
  // GetResolution and GetResolutions calls so far.
  int resolution_reads() const { return resolution_reads_; }

  absl::StatusOr<std::vector<std::optional<StoredResolution>>> GetResolutions(
      const std::vector<std::vector<std::string>>& lookups) override {
    StartRead();
    std::vector<std::optional<StoredResolution>> found;
    for (const std::vector<std::string>& keys : lookups) {
      absl::StatusOr<StoredResolution> one = Find(keys, 0);
      if (one.ok()) {
        found.push_back(*std::move(one));
      } else if (one.status().code() == absl::StatusCode::kNotFound) {
        found.push_back(std::nullopt);
      } else {
        return one.status();
      }
    }
    return found;
  }

  absl::StatusOr<StoredResolution> GetResolution(const std::vector<std::string>& alias_keys,
                                                 int revision) override {
    StartRead();
    return Find(alias_keys, revision);
  }

  absl::StatusOr<StoredStatement> GetStatement(absl::string_view id, int revision) override {
    if (!status_.ok()) return status_;
    auto it = statements_.find(std::string(id));
    if (it == statements_.end() || (revision != 0 && revision != it->second.revision)) {
      return absl::NotFoundError("no such statement");
    }
    return it->second;
  }

  // Listing and search are SQL through and through: they are tested against
  // PostgreSQL (tests/registry_queries_pgtest.cc); here they only fail.
  absl::StatusOr<storage::Page<StoredResolution>> ListResolutions(const storage::ListQuery&) override {
    return absl::UnimplementedError("not in the fake");
  }
  absl::StatusOr<storage::Page<StoredStatement>> ListStatements(const storage::ListQuery&) override {
    return absl::UnimplementedError("not in the fake");
  }
  absl::StatusOr<storage::SearchResults> Search(const storage::SearchQuery&) override {
    return absl::UnimplementedError("not in the fake");
  }

 private:
  absl::StatusOr<StoredResolution> Find(const std::vector<std::string>& alias_keys,
                                        int revision) const {
    if (!status_.ok()) return status_;
    for (const std::string& key : alias_keys) {
      auto it = resolutions_.find(key);
      if (it != resolutions_.end() && (revision == 0 || revision == it->second.revision)) {
        return it->second;
      }
    }
    return absl::NotFoundError("no such resolution");
  }

  void StartRead() {
    ++resolution_reads_;
    if (absl::Notification* gate = gate_.load()) gate->WaitForNotification();
  }

  std::map<std::string, StoredResolution> resolutions_;
  std::map<std::string, StoredStatement> statements_;
  absl::Status status_;
  std::atomic<int> resolution_reads_ = 0;
  std::atomic<absl::Notification*> gate_ = nullptr;
};

class FakeFeedStore final : public storage::FeedStore {
 public:
  // Appends a record at the next position and returns it.
  int64_t Append(StoredEntry entry) {
    absl::MutexLock lock(&mu_);
    const int64_t position = static_cast<int64_t>(records_.size()) + 1;
    records_.push_back({position, absl::FromUnixSeconds(position), codec::ToProto(entry)});
    return position;
  }
  void FailWith(absl::Status status) {
    absl::MutexLock lock(&mu_);
    status_ = std::move(status);
  }

  absl::StatusOr<std::vector<storage::FeedRecord>> ReadFeed(int64_t after_position,
                                                            int limit) override {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    std::vector<storage::FeedRecord> out;
    for (int64_t p = after_position + 1;
         p <= static_cast<int64_t>(records_.size()) && p <= after_position + limit; ++p) {
      out.push_back(records_[p - 1]);
    }
    return out;
  }
  absl::StatusOr<int64_t> Head() override {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    return static_cast<int64_t>(records_.size());
  }
  absl::StatusOr<storage::DeploymentIdentity> Identity() override {
    return storage::DeploymentIdentity{"fake-deployment", "fake-secret"};
  }

 private:
  absl::Mutex mu_;
  std::vector<storage::FeedRecord> records_ ABSL_GUARDED_BY(mu_);
  absl::Status status_ ABSL_GUARDED_BY(mu_);
};

// A watcher that delivers notices when the test says so.
class FakeFeedWatcher final : public storage::FeedWatcher {
 public:
  void Start(std::function<void(storage::FeedNotice)> on_notice) override {
    absl::MutexLock lock(&mu_);
    on_notice_ = std::move(on_notice);
  }
  void Stop() override {
    absl::MutexLock lock(&mu_);
    on_notice_ = nullptr;
  }
  // A notice that says only that the log moved.
  void Notify() { Deliver({}); }
  void Deliver(storage::FeedNotice notice) {
    absl::MutexLock lock(&mu_);
    if (on_notice_) on_notice_(std::move(notice));
  }

 private:
  absl::Mutex mu_;
  std::function<void(storage::FeedNotice)> on_notice_ ABSL_GUARDED_BY(mu_);
};

}  // namespace plenary::testing
