// What migrations need that SQL cannot do, because it reads or writes the
// record's one encoding (codec/record_codec.h). Each runs in its
// migration's transaction.
#pragma once

#include "pqxx/transaction"

namespace plenary::storage::pg {

// Writes `record` and recomputes content_sha256 for every revision whose
// record is NULL. Throws what libpqxx throws; a row whose columns do not
// make a record (which no release wrote) throws std::runtime_error.
void EncodeStoredRecords(pqxx::work& tx);

// Writes vote_keys (storage/pg/vote_keys.h) for every resolution revision
// from its record (migration 0010). Throws what libpqxx throws, and
// std::runtime_error for a record that cannot be decoded.
void WriteVoteKeys(pqxx::work& tx);

}  // namespace plenary::storage::pg
