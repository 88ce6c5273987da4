// In-memory stand-ins for the storage interfaces, for handler unit tests.
// They keep just enough state to answer like the real stores do; the real
// semantics are tested against PostgreSQL in storage/pg/*_pgtest.cc.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "storage/feed_store.h"
#include "storage/ingest_store.h"
#include "storage/registry_store.h"

namespace plenary::testing {

class FakeIngestStore final : public storage::IngestStore {
 public:
  absl::StatusOr<storage::IngestResult> FindDocument(absl::string_view sha256,
                                                     absl::string_view request_id) override {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    for (const auto& [document, result] : stored_) {
      if (document.sha256 == sha256 || (!request_id.empty() && document.request_id == request_id)) {
        storage::IngestResult duplicate = result;
        duplicate.duplicate = true;
        return duplicate;
      }
    }
    return absl::NotFoundError("no such document");
  }

  absl::StatusOr<storage::IngestResult> StoreDocument(
      const storage::NewDocument& document) override {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return status_;
    storage::IngestResult result;
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
    return result;
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
  absl::Mutex mu_;
  std::vector<std::pair<storage::NewDocument, storage::IngestResult>> stored_ ABSL_GUARDED_BY(mu_);
  absl::Status status_ ABSL_GUARDED_BY(mu_);
};

class FakeRegistryStore final : public storage::RegistryStore {
 public:
  // Makes `resolution` findable under each of `keys`.
  void Add(const StoredResolution& resolution, const std::vector<std::string>& keys) {
    for (const std::string& key : keys) resolutions_[key] = resolution;
  }
  void Add(const StoredStatement& statement) { statements_[statement.id] = statement; }
  void FailWith(absl::Status status) { status_ = std::move(status); }

  absl::StatusOr<StoredResolution> GetResolution(const std::vector<std::string>& alias_keys,
                                                 int revision) override {
    if (!status_.ok()) return status_;
    for (const std::string& key : alias_keys) {
      auto it = resolutions_.find(key);
      if (it != resolutions_.end() && (revision == 0 || revision == it->second.revision)) {
        return it->second;
      }
    }
    return absl::NotFoundError("no such resolution");
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
  // PostgreSQL (storage/pg/pg_query_pgtest.cc); here they only fail.
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
  std::map<std::string, StoredResolution> resolutions_;
  std::map<std::string, StoredStatement> statements_;
  absl::Status status_;
};

class FakeFeedStore final : public storage::FeedStore {
 public:
  // Appends a record at the next position and returns it.
  int64_t Append(StoredEntry entry) {
    absl::MutexLock lock(&mu_);
    const int64_t position = static_cast<int64_t>(records_.size()) + 1;
    records_.push_back({position, absl::FromUnixSeconds(position), std::move(entry)});
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

// A watcher that reports a change when the test says so.
class FakeFeedWatcher final : public storage::FeedWatcher {
 public:
  void Start(std::function<void()> on_change) override {
    absl::MutexLock lock(&mu_);
    on_change_ = std::move(on_change);
  }
  void Stop() override {
    absl::MutexLock lock(&mu_);
    on_change_ = nullptr;
  }
  void Notify() {
    absl::MutexLock lock(&mu_);
    if (on_change_) on_change_();
  }

 private:
  absl::Mutex mu_;
  std::function<void()> on_change_ ABSL_GUARDED_BY(mu_);
};

}  // namespace plenary::testing
