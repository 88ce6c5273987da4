// Every SQL statement the services run, prepared once per connection.
#pragma once

#include "pqxx/connection"

namespace plenary::storage::pg {

// Prepares the statements below on a new connection (ConnectionPool::Setup).
void PrepareStatements(pqxx::connection& connection);

// Names of prepared statements.
inline constexpr char kInsertDocument[] = "insert_document";
inline constexpr char kFindDocument[] = "find_document";
inline constexpr char kLockResolution[] = "lock_resolution";
inline constexpr char kCreateResolution[] = "create_resolution";
inline constexpr char kResolutionDigest[] = "resolution_digest";
inline constexpr char kSetResolutionRevision[] = "set_resolution_revision";
inline constexpr char kInsertResolutionRevision[] = "insert_resolution_revision";
inline constexpr char kInsertAlias[] = "insert_alias";
inline constexpr char kLockStatement[] = "lock_statement";
inline constexpr char kCreateStatement[] = "create_statement";
inline constexpr char kStatementDigest[] = "statement_digest";
inline constexpr char kSetStatementRevision[] = "set_statement_revision";
inline constexpr char kInsertStatementRevision[] = "insert_statement_revision";
inline constexpr char kInsertDocumentEntry[] = "insert_document_entry";
inline constexpr char kAdvanceFeed[] = "advance_feed";
inline constexpr char kInsertFeedEvent[] = "insert_feed_event";
inline constexpr char kNotifyFeed[] = "notify_feed";
inline constexpr char kDocumentResolutions[] = "document_resolutions";
inline constexpr char kDocumentStatements[] = "document_statements";
inline constexpr char kGetResolution[] = "get_resolution";
inline constexpr char kGetStatement[] = "get_statement";
inline constexpr char kFeedResolutions[] = "feed_resolutions";
inline constexpr char kFeedStatements[] = "feed_statements";
inline constexpr char kFeedHead[] = "feed_head";
inline constexpr char kDeployment[] = "deployment";
inline constexpr char kCountResolutions[] = "count_resolutions";
inline constexpr char kCountStatements[] = "count_statements";
inline constexpr char kSearchResolutions[] = "search_resolutions";
inline constexpr char kSearchStatements[] = "search_statements";
inline constexpr char kResolutionFacets[] = "resolution_facets";
inline constexpr char kStatementFacets[] = "statement_facets";

// The prepared statement that lists resolutions (or statements) in one order.
const char* ListResolutionsStatement(bool by_date, bool descending);
const char* ListStatementsStatement(bool by_date, bool descending);

// The channel NOTIFY announces new feed positions on.
inline constexpr char kFeedChannel[] = "plenary_feed";

}  // namespace plenary::storage::pg
