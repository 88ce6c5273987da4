// Turns result rows of the statements in statements.cc into stored records.
#pragma once

#include "model/stored.h"
#include "pqxx/row"

namespace plenary::storage::pg {

// Decode the columns kResolutionColumns / kStatementColumns select, starting
// at column `first`: the record's encoded content (codec/record_codec.h),
// what names it and its source. Throw std::runtime_error when the content
// is not a record, which no release writes.
StoredResolution ResolutionFromRow(const pqxx::row& row, int first = 0);
StoredStatement StatementFromRow(const pqxx::row& row, int first = 0);

// How many columns kResolutionColumns / kStatementColumns select.
inline constexpr int kResolutionColumnCount = 12;
inline constexpr int kStatementColumnCount = 9;

}  // namespace plenary::storage::pg
