// IngestStore over PostgreSQL.
#pragma once

#include "storage/ingest_store.h"
#include "storage/pg/connection_pool.h"

namespace plenary::storage::pg {

class PgIngestStore final : public IngestStore {
 public:
  // `pool` must prepare statements.h's statements on its connections.
  explicit PgIngestStore(ConnectionPool& pool) : pool_(pool) {}

  // A batch is one transaction of a fixed number of set-based statements,
  // whatever its size: rows travel as JSON arrays.
  absl::StatusOr<std::vector<std::optional<IngestResult>>> FindDocuments(
      absl::Span<const DocumentKey> keys) override;
  absl::StatusOr<std::vector<IngestResult>> StoreDocuments(
      absl::Span<const NewDocument> documents) override;
  absl::StatusOr<std::vector<StoredDocument>> ReadDocuments(
      int64_t after_id, int limit, size_t max_bytes, const std::string& outdated_for) override;
  absl::StatusOr<std::vector<IngestResult>> StoreRereadings(
      absl::Span<const Rereading> rereadings) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace plenary::storage::pg
