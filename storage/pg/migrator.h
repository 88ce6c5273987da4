// Applies the schema migrations compiled into this binary.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/migration.h"

namespace plenary::storage::pg {

// Brings the database at `database_url` up to date with `migrations` (by
// default every migration this binary carries) and returns the schema
// version now in force. Each migration runs in its own transaction and is
// recorded in schema_migrations; an advisory lock serializes concurrent
// callers, so running it twice, or from two processes at once, is safe.
// Fails with FAILED_PRECONDITION when the database has a migration this
// binary does not know (it was migrated by a newer release) or one whose
// text changed after it was applied, and UNAVAILABLE when the database
// cannot be reached.
absl::StatusOr<int> ApplyMigrations(const std::string& database_url);
absl::StatusOr<int> ApplyMigrations(const std::string& database_url,
                                    const std::vector<Migration>& migrations);

}  // namespace plenary::storage::pg
