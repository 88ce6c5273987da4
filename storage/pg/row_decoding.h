// Turns result rows of the statements in statements.cc into stored records.
#pragma once

#include "model/stored.h"
#include "pqxx/row"

namespace plenary::storage::pg {

// Decode the columns kResolutionColumns / kStatementColumns select, starting
// at column `first`.
StoredResolution ResolutionFromRow(const pqxx::row& row, int first = 0);
StoredStatement StatementFromRow(const pqxx::row& row, int first = 0);

// How many columns kResolutionColumns / kStatementColumns select.
inline constexpr int kResolutionColumnCount = 16;
inline constexpr int kStatementColumnCount = 17;

}  // namespace plenary::storage::pg
