#include "storage/pg/pg_ingest_store.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "parsing/symbol.h"
#include "storage/pg/record_json.h"
#include "storage/pg/row_decoding.h"
#include "storage/pg/statements.h"

namespace plenary::storage::pg {
namespace {

// A new revision, to be announced on the feed.
struct FeedChange {
  const char* kind;
  int64_t entity_id;
  int revision;
};

// The revision a record gets in this document.
struct Placement {
  int64_t entity_id = 0;
  int revision = 0;
  bool changed = false;  // a new revision was written
};

// Finds or creates the row for `key` and decides the revision a record with
// `digest` gets. The row stays locked until the transaction ends, so two
// writers of one record take revisions one after the other.
Placement Place(pqxx::work& tx, const char* lock, const char* create, const char* digest_of,
                const char* set_revision, const std::string& key, const std::string& digest) {
  pqxx::result locked = tx.exec_prepared(lock, key);
  if (locked.empty()) {
    pqxx::result created = tx.exec_prepared(create, key);
    if (!created.empty()) return {created[0][0].as<int64_t>(), 1, true};
    // Created meanwhile by a writer that has now committed.
    locked = tx.exec_prepared(lock, key);
  }
  const int64_t id = locked[0][0].as<int64_t>();
  const int latest = locked[0][1].as<int>();
  const pqxx::result previous = tx.exec_prepared(digest_of, id, latest);
  if (!previous.empty() && pqxx::binarystring(previous[0][0]).str() == digest) {
    return {id, latest, false};
  }
  tx.exec_prepared0(set_revision, id, latest + 1);
  return {id, latest + 1, true};
}

// Indexes of items in the order of their keys: rows are locked in one order
// by every writer, so two documents never wait on each other in a cycle.
template <typename T, typename KeyOf>
std::vector<size_t> LockOrder(const std::vector<T>& items, KeyOf key_of) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return key_of(items[a]) < key_of(items[b]); });
  return order;
}

IngestResult LoadDocument(pqxx::transaction_base& tx, int64_t document_id,
                          std::vector<std::string> warnings) {
  std::map<int, StoredEntry> by_ordinal;
  for (const pqxx::row& row : tx.exec_prepared(kDocumentResolutions, document_id)) {
    by_ordinal.emplace(row[0].as<int>(), ResolutionFromRow(row, 1));
  }
  for (const pqxx::row& row : tx.exec_prepared(kDocumentStatements, document_id)) {
    by_ordinal.emplace(row[0].as<int>(), StatementFromRow(row, 1));
  }
  IngestResult result;
  result.document_id = document_id;
  result.warnings = std::move(warnings);
  for (auto& [ordinal, entry] : by_ordinal) result.entries.push_back(std::move(entry));
  return result;
}

}  // namespace

absl::StatusOr<IngestResult> PgIngestStore::FindDocument(absl::string_view sha256,
                                                         absl::string_view request_id) {
  std::optional<IngestResult> found;
  absl::Status status = pool_.Run("find document", [&](pqxx::connection& connection) {
    pqxx::read_transaction tx(connection);
    const pqxx::result rows = tx.exec_prepared(
        kFindDocument, pqxx::binarystring(std::string(sha256)), std::string(request_id));
    if (rows.empty()) return absl::OkStatus();
    found = LoadDocument(tx, rows[0][0].as<int64_t>(), StringsFromJson(rows[0][1].as<std::string>()));
    found->duplicate = true;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found.has_value()) return absl::NotFoundError("no such document");
  return *std::move(found);
}

absl::StatusOr<IngestResult> PgIngestStore::StoreDocument(const NewDocument& document) {
  std::optional<IngestResult> stored;
  absl::Status status = pool_.Run("store document", [&](pqxx::connection& connection) {
    pqxx::work tx(connection);
    std::optional<std::string> published_at;
    if (document.published_at.has_value()) {
      published_at = absl::FormatTime(absl::RFC3339_full, *document.published_at,
                                      absl::UTCTimeZone());
    }
    const pqxx::result inserted = tx.exec_prepared(
        kInsertDocument, pqxx::binarystring(document.sha256), document.request_id,
        document.media_type, document.source_uri, published_at,
        pqxx::binarystring(document.content), StringsToJson(document.warnings));
    if (inserted.empty()) return absl::OkStatus();  // stored before: a duplicate
    const int64_t document_id = inserted[0][0].as<int64_t>();

    std::vector<FeedChange> changes;
    const auto& resolutions = document.resolutions;
    for (size_t i : LockOrder(resolutions, [](const Resolution& r) { return r.symbol; })) {
      const Resolution& resolution = resolutions[i];
      const std::string digest = ContentDigest(resolution);
      const Placement placed = Place(tx, kLockResolution, kCreateResolution, kResolutionDigest,
                                     kSetResolutionRevision, resolution.symbol, digest);
      if (placed.changed) {
        tx.exec_prepared0(kInsertResolutionRevision, placed.entity_id, placed.revision,
                          document_id, resolution.body, resolution.adopted.year,
                          resolution.adopted.month, resolution.adopted.day, resolution.title,
                          StringsToJson(resolution.aliases),
                          ParagraphsToJson(resolution.paragraphs),
                          StringsToJson(resolution.references), pqxx::binarystring(digest));
        changes.push_back({"resolution", placed.entity_id, placed.revision});
      }
      tx.exec_prepared0(kInsertAlias, parsing::SymbolKey(resolution.symbol), placed.entity_id,
                        resolution.symbol);
      for (const std::string& alias : resolution.aliases) {
        const std::string key = parsing::SymbolKey(alias);
        if (!key.empty()) tx.exec_prepared0(kInsertAlias, key, placed.entity_id, alias);
      }
      tx.exec_prepared0(kInsertDocumentEntry, document_id, static_cast<int>(i), "resolution",
                        placed.entity_id, placed.revision);
    }
    const auto& statements = document.statements;
    for (size_t i : LockOrder(statements, [](const IdentifiedStatement& s) { return s.id; })) {
      const Statement& statement = statements[i].statement;
      const std::string digest = ContentDigest(statement);
      const Placement placed = Place(tx, kLockStatement, kCreateStatement, kStatementDigest,
                                     kSetStatementRevision, statements[i].id, digest);
      if (placed.changed) {
        tx.exec_prepared0(kInsertStatementRevision, placed.entity_id, placed.revision,
                          document_id, statement.headline, statement.speaker,
                          statement.speaker_role, statement.date.year, statement.date.month,
                          statement.date.day, StringsToJson(statement.places), statement.text,
                          QuotesToJson(statement.quotes), StringsToJson(statement.references),
                          pqxx::binarystring(digest));
        changes.push_back({"statement", placed.entity_id, placed.revision});
      }
      tx.exec_prepared0(kInsertDocumentEntry, document_id,
                        static_cast<int>(resolutions.size() + i), "statement", placed.entity_id,
                        placed.revision);
    }

    if (!changes.empty()) {
      const int64_t last = tx.exec_prepared1(kAdvanceFeed, static_cast<int64_t>(changes.size()))[0]
                               .as<int64_t>();
      int64_t position = last - static_cast<int64_t>(changes.size());
      for (const FeedChange& change : changes) {
        tx.exec_prepared0(kInsertFeedEvent, ++position, change.kind, change.entity_id,
                          change.revision);
      }
      tx.exec_prepared(kNotifyFeed, absl::StrCat(last));
    }
    stored = LoadDocument(tx, document_id, document.warnings);
    tx.commit();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (stored.has_value()) return *std::move(stored);
  return FindDocument(document.sha256, document.request_id);
}

}  // namespace plenary::storage::pg
