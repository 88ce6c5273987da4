// Encodes the revisions stored before migration 0006 in the record's one
// encoding (codec/record_codec.h). Run by the migrator in 0006's
// transaction.
#pragma once

#include "pqxx/transaction"

namespace plenary::storage::pg {

// Writes `record` and recomputes content_sha256 for every revision whose
// record is NULL. Throws what libpqxx throws; a row whose columns do not
// make a record (which no release wrote) throws std::runtime_error.
void EncodeStoredRecords(pqxx::work& tx);

}  // namespace plenary::storage::pg
