// Every SQL statement the services run, prepared once per connection.
#pragma once

#include "pqxx/connection"

namespace plenary::storage::pg {

// Prepares the statements below on a new connection (ConnectionPool::Setup).
void PrepareStatements(pqxx::connection& connection);

// Names of prepared statements.
// Ingestion works on a batch of documents at a time: the set-based
// statements take their rows as one JSON array parameter.
inline constexpr char kFindDocuments[] = "find_documents";
inline constexpr char kInsertDocuments[] = "insert_documents";
inline constexpr char kReadDocuments[] = "read_documents";
inline constexpr char kSetDocumentReadings[] = "set_document_readings";
inline constexpr char kClaimResolutions[] = "claim_resolutions";
inline constexpr char kClaimedResolutions[] = "claimed_resolutions";
inline constexpr char kSetResolutionRevisions[] = "set_resolution_revisions";
inline constexpr char kInsertResolutionRevisions[] = "insert_resolution_revisions";
inline constexpr char kInsertAliases[] = "insert_aliases";
inline constexpr char kInsertStatementAliases[] = "insert_statement_aliases";
inline constexpr char kTakeSymbolTurns[] = "take_symbol_turns";
inline constexpr char kKnownResolutions[] = "known_resolutions";
inline constexpr char kResolutionsByTitle[] = "resolutions_by_title";
inline constexpr char kAddPendingAdoptions[] = "add_pending_adoptions";
inline constexpr char kTakePendingAdoptions[] = "take_pending_adoptions";
inline constexpr char kShareTitleTurn[] = "share_title_turn";
inline constexpr char kTakeTitleTurn[] = "take_title_turn";
inline constexpr char kAddPendingTitleAdoptions[] = "add_pending_title_adoptions";
inline constexpr char kTakePendingTitleAdoptions[] = "take_pending_title_adoptions";
inline constexpr char kClaimStatements[] = "claim_statements";
inline constexpr char kClaimedStatements[] = "claimed_statements";
inline constexpr char kSetStatementRevisions[] = "set_statement_revisions";
inline constexpr char kInsertStatementRevisions[] = "insert_statement_revisions";
inline constexpr char kInsertDocumentEntries[] = "insert_document_entries";
inline constexpr char kAppendFeed[] = "append_feed";
inline constexpr char kDocumentResolutions[] = "document_resolutions";
inline constexpr char kDocumentStatements[] = "document_statements";
inline constexpr char kGetResolution[] = "get_resolution";
inline constexpr char kGetResolutions[] = "get_resolutions";
inline constexpr char kGetStatement[] = "get_statement";
inline constexpr char kFeedEvents[] = "feed_events";
inline constexpr char kFeedHead[] = "feed_head";
inline constexpr char kDeployment[] = "deployment";
inline constexpr char kCountResolutions[] = "count_resolutions";
inline constexpr char kCountStatements[] = "count_statements";
inline constexpr char kSearchResolutions[] = "search_resolutions";
inline constexpr char kSearchStatements[] = "search_statements";

// The prepared statement that lists resolutions (or statements) in one order.
const char* ListResolutionsStatement(bool by_date, bool descending);
const char* ListStatementsStatement(bool by_date, bool descending);

// The channel NOTIFY announces new feed positions on.
inline constexpr char kFeedChannel[] = "plenary_feed";

}  // namespace plenary::storage::pg
