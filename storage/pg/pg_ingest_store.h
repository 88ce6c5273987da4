// IngestStore over PostgreSQL.
#pragma once

#include "storage/ingest_store.h"
#include "storage/pg/connection_pool.h"

namespace plenary::storage::pg {

class PgIngestStore final : public IngestStore {
 public:
  // `pool` must prepare statements.h's statements on its connections.
  explicit PgIngestStore(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<IngestResult> FindDocument(absl::string_view sha256,
                                            absl::string_view request_id) override;
  absl::StatusOr<IngestResult> StoreDocument(const NewDocument& document) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace plenary::storage::pg
