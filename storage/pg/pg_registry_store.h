// RegistryStore over PostgreSQL.
#pragma once

#include "common/executor.h"
#include "storage/pg/connection_pool.h"
#include "storage/registry_store.h"

namespace plenary::storage::pg {

class PgRegistryStore final : public RegistryStore {
 public:
  // `pool` must prepare statements.h's statements on its connections.
  // `fan_out`, when not null, runs parts of one query at once (Search's two
  // kinds); without it they run one after the other. Both must outlive the
  // store.
  explicit PgRegistryStore(ConnectionPool& pool, Executor* fan_out = nullptr)
      : pool_(pool), fan_out_(fan_out) {}

  absl::StatusOr<StoredResolution> GetResolution(const std::vector<std::string>& alias_keys,
                                                 int revision) override;
  absl::StatusOr<std::vector<std::optional<StoredResolution>>> GetResolutions(
      const std::vector<std::vector<std::string>>& lookups) override;
  absl::StatusOr<StoredStatement> GetStatement(absl::string_view id, int revision) override;
  absl::StatusOr<Page<StoredResolution>> ListResolutions(const ListQuery& query) override;
  absl::StatusOr<Page<StoredStatement>> ListStatements(const ListQuery& query) override;
  absl::StatusOr<SearchResults> Search(const SearchQuery& query) override;

 private:
  ConnectionPool& pool_;
  Executor* const fan_out_;
};

}  // namespace plenary::storage::pg
