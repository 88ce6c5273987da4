#include "storage/pg/pg_ingest_store.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "codec/record_codec.h"
#include "common/retry.h"
#include "common/sha256.h"
#include "model/merge.h"
#include "model/symbol.h"
#include "storage/pg/feed_notice.h"
#include "storage/pg/record_json.h"
#include "storage/pg/row_decoding.h"
#include "storage/pg/statements.h"
#include "storage/pg/vote_keys.h"

namespace plenary::storage::pg {
namespace {

using nlohmann::json;

// Writers take their locks in one order (documents by digest, then records
// by key, aliases by key, the feed head), so batches do not deadlock over
// records; a conflict PostgreSQL still reports (two documents whose digests
// and request_ids order differently) aborts the transaction, which is run
// again from the start after a random pause (up to 20, 40, 60 ms).
constexpr RetryPolicy::Options kRetryOnConflict = {.initial = absl::Milliseconds(20),
                                                   .max = absl::Milliseconds(60),
                                                   .jitter = 1,
                                                   .max_attempts = 4};

// Runs `body` in a transaction and commits, from the start again after a
// conflict (ABORTED).
absl::Status RunTransaction(ConnectionPool& pool, const char* operation,
                            absl::FunctionRef<void(pqxx::work&)> body) {
  absl::Status status;
  RetryPolicy retry(kRetryOnConflict);
  do {
    status = pool.Run(operation, [&](pqxx::connection& connection) {
      pqxx::work tx(connection);
      body(tx);
      tx.commit();
      return absl::OkStatus();
    });
  } while (status.code() == absl::StatusCode::kAborted && retry.Wait());
  return status;
}

// The prepared statements that place one kind of record.
struct Placement {
  const char* claim;
  const char* claimed;
  const char* set_revisions;
};
constexpr Placement kResolutionPlacement = {kClaimResolutions, kClaimedResolutions,
                                            kSetResolutionRevisions};
constexpr Placement kStatementPlacement = {kClaimStatements, kClaimedStatements,
                                           kSetStatementRevisions};

// A record's content as stored (codec/record_codec.h), and its digest:
// equal digests mean an unchanged restatement.
struct EncodedContent {
  std::string bytes;
  std::string digest_hex;

  template <typename Record>
  static EncodedContent Of(const Record& record) {
    std::string bytes = codec::ContentBytes(record);
    std::string digest_hex = absl::BytesToHexString(Sha256(bytes));
    return {std::move(bytes), std::move(digest_hex)};
  }
};

// The latest revision of a record as the batch moves it on.
struct RecordState {
  int64_t id = 0;
  int revision = 0;  // 0: created by this batch, no revision yet
  EncodedContent content;
  Authority authority = Authority::kFullText;
  int stored_revision = 0;  // what the record's row says
};

// The revision a record gets in one document of the batch.
struct Placed {
  int64_t id = 0;
  int revision = 0;
  bool changed = false;  // a new revision is written
};

// The records of one kind that a batch names, each locked until the
// transaction ends, so that two writers of one record take revisions one
// after the other. One statement creates the missing records and locks the
// existing ones in a single sweep in key order; with every writer sweeping
// in that order, no two wait on each other in a cycle.
class LockedRecords {
 public:
  static LockedRecords Lock(pqxx::work& tx, const Placement& placement,
                            std::vector<std::string> keys) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    LockedRecords records;
    if (keys.empty()) return records;
    for (const pqxx::row& row : tx.exec_prepared(placement.claim, Dump(keys))) {
      records.states_[row[1].as<std::string>()] = {row[0].as<int64_t>(), 0, {}, {}, 1};
    }
    std::erase_if(keys, [&](const std::string& key) { return records.states_.contains(key); });
    if (keys.empty()) return records;
    // A new statement: it sees what the writers this claim waited for
    // committed, and the locks keep it so until the transaction ends.
    for (const pqxx::row& row : tx.exec_prepared(placement.claimed, Dump(keys))) {
      const int revision = row[2].as<int>();
      records.states_[row[1].as<std::string>()] = {
          row[0].as<int64_t>(), revision,
          {pqxx::binarystring(row[4]).str(), row[3].as<std::string>()},
          static_cast<Authority>(row[5].as<int>()), revision};
    }
    for (const std::string& key : keys) {
      if (!records.states_.contains(key)) {
        throw std::logic_error(absl::StrCat("record ", key, " was neither created nor found"));
      }
    }
    return records;
  }

  // `reading` merged with what is known of its resolution: stored, or
  // placed earlier in the batch.
  Resolution Merged(const Resolution& reading) const {
    const RecordState& state = states_.at(reading.symbol);
    if (state.revision == 0) return reading;
    Resolution known;
    if (!codec::ContentFromBytes(state.content.bytes, known)) {
      throw std::runtime_error("a stored revision's record cannot be decoded");
    }
    known.authority = state.authority;
    return MergeReadings(known, reading);
  }

  // The revision a record restated as `content` gets: the latest when the
  // content is unchanged, else the next.
  Placed Place(const std::string& key, const EncodedContent& content,
               Authority authority = Authority::kFullText) {
    RecordState& state = states_.at(key);
    if (state.revision > 0 && state.content.digest_hex == content.digest_hex &&
        authority <= state.authority) {
      return {state.id, state.revision};
    }
    ++state.revision;
    state.content = content;
    state.authority = authority;
    return {state.id, state.revision, true};
  }

  // Moves each record's row on to its latest revision.
  void SetRevisions(pqxx::work& tx, const Placement& placement) const {
    json moved = json::array();
    for (const auto& [key, state] : states_) {
      if (state.revision > 0 && state.revision != state.stored_revision) {
        moved.push_back({{"id", state.id}, {"revision", state.revision}});
      }
    }
    if (!moved.empty()) tx.exec_prepared0(placement.set_revisions, Dump(moved));
  }

 private:
  absl::flat_hash_map<std::string, RecordState> states_;
};

// Indexes of items in the order of their keys: the order records are
// announced in within a document.
template <typename T, typename KeyOf>
std::vector<size_t> KeyOrder(const std::vector<T>& items, KeyOf key_of) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return key_of(items[a]) < key_of(items[b]); });
  return order;
}

// The stored entries of each document, by document id.
std::map<int64_t, IngestResult> LoadDocuments(pqxx::transaction_base& tx,
                                              const std::vector<int64_t>& document_ids) {
  std::map<int64_t, std::map<int, StoredEntry>> by_document;
  const std::string ids = Dump(json(document_ids));
  for (const pqxx::row& row : tx.exec_prepared(kDocumentResolutions, ids)) {
    by_document[row[0].as<int64_t>()].emplace(row[1].as<int>(), ResolutionFromRow(row, 2));
  }
  for (const pqxx::row& row : tx.exec_prepared(kDocumentStatements, ids)) {
    by_document[row[0].as<int64_t>()].emplace(row[1].as<int>(), StatementFromRow(row, 2));
  }
  std::map<int64_t, IngestResult> results;
  for (int64_t id : document_ids) {
    IngestResult& result = results[id];
    result.document_id = id;
    for (auto& [ordinal, entry] : by_document[id]) result.entries.push_back(std::move(entry));
  }
  return results;
}

// The bytes and the media type they were read as, which identify a
// document, as text: the digest in hex, a space, the type.
std::string DocumentKeyOf(const NewDocument& document) {
  return absl::StrCat(absl::BytesToHexString(document.sha256), " ", document.media_type);
}

json DocumentJson(const NewDocument& document) {
  json published_at = nullptr;
  if (document.published_at.has_value()) {
    published_at = absl::FormatTime(absl::RFC3339_full, *document.published_at,
                                    absl::UTCTimeZone());
  }
  return {{"sha256", absl::BytesToHexString(document.sha256)},
          {"request_id", document.request_id},
          {"media_type", document.media_type},
          {"source_uri", document.source_uri},
          {"published_at", published_at},
          {"content", absl::BytesToHexString(document.content)},
          {"warnings", document.warnings},
          {"parser_version", document.parser_version}};
}

// A revision's row: its encoded record, and the columns queries filter,
// sort and search on.
json RevisionJson(const Resolution& resolution, const Placed& placed, int64_t document_id,
                  const EncodedContent& content, const std::string& parser_version) {
  return {{"id", placed.id},
          {"revision", placed.revision},
          {"document_id", document_id},
          {"authority", static_cast<int>(resolution.authority)},
          {"parser_version", parser_version},
          {"body", resolution.body},
          {"year", resolution.adopted.year},
          {"month", resolution.adopted.month},
          {"day", resolution.adopted.day},
          {"title", resolution.title},
          {"aliases", resolution.aliases},
          {"paragraphs", ParagraphsJson(resolution.paragraphs)},
          {"refs", resolution.references},
          {"vote_keys", VoteKeys(resolution.vote)},
          {"record", absl::BytesToHexString(content.bytes)},
          {"digest", content.digest_hex}};
}

json RevisionJson(const Statement& statement, const Placed& placed, int64_t document_id,
                  const EncodedContent& content, const std::string& parser_version) {
  return {{"id", placed.id},
          {"revision", placed.revision},
          {"document_id", document_id},
          {"parser_version", parser_version},
          {"headline", statement.headline},
          {"speaker", statement.speaker},
          {"speaker_role", statement.speaker_role},
          {"year", statement.date.year},
          {"month", statement.date.month},
          {"day", statement.date.day},
          {"places", statement.places},
          {"body_text", statement.text},
          {"quotes", QuotesJson(statement.quotes)},
          {"refs", statement.references},
          {"record", absl::BytesToHexString(content.bytes)},
          {"digest", content.digest_hex}};
}

// The rows one transaction writes for the records of a batch.
struct BatchRows {
  json resolution_revisions = json::array();
  json statement_revisions = json::array();
  json aliases = json::array();
  json statement_aliases = json::array();
  json entries = json::array();
  json feed = json::array();  // in feed order
  // The (document_id, ordinal) of each feed row: its record as stored.
  std::vector<std::pair<int64_t, size_t>> feed_entries;
  // False once a feed row is no document's entry (a vote a statement
  // reports): the notice then carries no records.
  bool feed_rows_are_entries = true;

  void Entry(int64_t document_id, size_t ordinal, const char* kind, const Placed& placed) {
    entries.push_back({{"document_id", document_id},
                       {"ordinal", ordinal},
                       {"kind", kind},
                       {"id", placed.id},
                       {"revision", placed.revision}});
    if (placed.changed) {
      feed.push_back({{"n", feed.size() + 1},
                      {"kind", kind},
                      {"id", placed.id},
                      {"revision", placed.revision}});
      feed_entries.emplace_back(document_id, ordinal);
    }
  }

  // A new revision that no document's entries name.
  void Revision(const char* kind, const Placed& placed) {
    feed.push_back({{"n", feed.size() + 1},
                    {"kind", kind},
                    {"id", placed.id},
                    {"revision", placed.revision}});
    feed_rows_are_entries = false;
  }
};

// A resolution's adoption as a statement reports it, as a reading of the
// resolution (its vote) by the statement's document.
struct ReportedReading {
  int64_t document_id = 0;
  std::string parser_version;  // of the reading of the statement's document
  std::string title;           // the resolution's, when the text names no symbol
  std::string reported_on;     // the statement's date, "YYYY-MM-DD", when it gives the day
  Resolution reading;          // its symbol empty until found by title
};

// "YYYY-MM-DD", or "" when `date` does not give the day.
std::string DayOf(const PartialDate& date) {
  if (date.day == 0) return "";
  return absl::StrFormat("%04d-%02d-%02d", date.year, date.month, date.day);
}

// Finds the resolution each reading that names only a title means: the one
// known resolution with that title, adopted in the week up to the report
// when its date is known. Readings found get their symbol.
void FindByTitle(pqxx::work& tx, std::vector<ReportedReading>& reported) {
  json titles = json::array();
  for (const ReportedReading& reading : reported) {
    if (!reading.title.empty() && reading.reading.symbol.empty()) {
      const json reported_on = reading.reported_on.empty() ? json() : json(reading.reported_on);
      titles.push_back({{"title", reading.title}, {"reported_on", reported_on}});
    }
  }
  if (titles.empty()) return;
  absl::flat_hash_map<std::string, std::string> by_title;  // title and date as given -> symbol
  for (const pqxx::row& row : tx.exec_prepared(kResolutionsByTitle, Dump(titles))) {
    by_title[absl::StrCat(row[0].as<std::string>(), "\x1f", row[1].as<std::string>(""))] =
        row[2].as<std::string>();
  }
  for (ReportedReading& reading : reported) {
    if (reading.title.empty() || !reading.reading.symbol.empty()) continue;
    auto found = by_title.find(absl::StrCat(reading.title, "\x1f", reading.reported_on));
    if (found != by_title.end()) reading.reading.symbol = found->second;
  }
}

std::vector<ReportedReading> ReportedReadings(int64_t document_id,
                                              const std::string& parser_version,
                                              const std::vector<IdentifiedStatement>& statements) {
  std::vector<ReportedReading> readings;
  for (const IdentifiedStatement& statement : statements) {
    for (const ReportedAdoption& adoption : statement.statement.adoptions) {
      if (adoption.subject != VoteSubject::kWholeText || !adoption.adopted ||
          (adoption.resolution_symbol.empty() && adoption.title.empty()) ||
          adoption.vote.empty()) {
        continue;
      }
      ReportedReading& added = readings.emplace_back();
      added.document_id = document_id;
      added.parser_version = parser_version;
      if (adoption.resolution_symbol.empty()) {
        added.title = adoption.title;
        added.reported_on = DayOf(statement.statement.date);
      }
      added.reading.authority = Authority::kReport;
      added.reading.symbol = adoption.resolution_symbol;
      added.reading.vote = adoption.vote;
    }
  }
  return readings;
}

// What one document of a batch states, for the document stored as
// document_id.
struct DocumentRecords {
  int64_t document_id = 0;
  const std::string& parser_version;
  const std::vector<Resolution>& resolutions;
  const std::vector<IdentifiedStatement>& statements;
};

// Writes the records of the batch's documents and their feed events, and
// returns the stored entries of each document, with the revisions each
// wrote.
std::map<int64_t, IngestResult> StoreRecords(pqxx::work& tx,
                                             const std::vector<DocumentRecords>& documents) {
  std::vector<std::string> symbols;
  std::vector<std::string> statement_ids;
  std::vector<int64_t> stored_ids;
  std::vector<ReportedReading> reported;
  for (const DocumentRecords& document : documents) {
    stored_ids.push_back(document.document_id);
    for (const Resolution& resolution : document.resolutions) symbols.push_back(resolution.symbol);
    for (const IdentifiedStatement& statement : document.statements) {
      statement_ids.push_back(statement.id);
    }
    for (ReportedReading& reading : ReportedReadings(document.document_id, document.parser_version,
                                                     document.statements)) {
      reported.push_back(std::move(reading));
    }
  }
  // A release that names a resolution by its title alone ("adopted a
  // resolution titled 'Territorial integrity of Ukraine'") means the one
  // known resolution with that title adopted in the week up to the
  // release. When there is none, a dated release's adoption waits for the
  // first to arrive; several, or an undated release, and the adoption stays
  // on the statement only. Writers that leave an adoption waiting by title
  // go alone (kTakeTitleTurn), and look again once alone; writers bringing
  // resolutions that could take one go together (kShareTitleTurn).
  FindByTitle(tx, reported);
  auto waits_by_title = [](const ReportedReading& reading) {
    return reading.reading.symbol.empty() && !reading.reported_on.empty();
  };
  std::vector<json> titled;  // resolutions of the batch that could take a waiting adoption
  for (const DocumentRecords& document : documents) {
    for (const Resolution& resolution : document.resolutions) {
      if (const std::string adopted = DayOf(resolution.adopted);
          !resolution.title.empty() && !adopted.empty()) {
        titled.push_back(
            {{"symbol", resolution.symbol}, {"title", resolution.title}, {"adopted", adopted}});
      }
    }
  }
  if (std::any_of(reported.begin(), reported.end(), waits_by_title)) {
    tx.exec_prepared(kTakeTitleTurn);
    FindByTitle(tx, reported);
  } else if (!titled.empty()) {
    tx.exec_prepared(kShareTitleTurn);
  }
  json waiting_by_title = json::array();
  for (const ReportedReading& reading : reported) {
    if (!waits_by_title(reading)) continue;
    waiting_by_title.push_back(
        {{"title", reading.title},
         {"reported_on", reading.reported_on},
         {"document_id", reading.document_id},
         {"reading", absl::BytesToHexString(codec::ContentBytes(reading.reading))}});
  }
  std::erase_if(reported, [](const ReportedReading& r) { return r.reading.symbol.empty(); });
  // A reported adoption is recorded on its resolution when the registry
  // knows it or the batch brings it, and waits for it otherwise. Writers
  // that bring or report a resolution take turns on its symbol first (in
  // symbol order, before any record lock), so that an adoption reported
  // while its resolution is being created is never left waiting.
  absl::flat_hash_set<std::string> placing(symbols.begin(), symbols.end());
  if (!symbols.empty() || !reported.empty()) {
    json turns = json(symbols);
    for (const ReportedReading& reading : reported) turns.push_back(reading.reading.symbol);
    tx.exec_prepared(kTakeSymbolTurns, Dump(turns));
  }
  if (!reported.empty()) {
    json wanted = json::array();
    for (const ReportedReading& reading : reported) wanted.push_back(reading.reading.symbol);
    for (const pqxx::row& row : tx.exec_prepared(kKnownResolutions, Dump(wanted))) {
      if (placing.insert(row[0].as<std::string>()).second) symbols.push_back(row[0].as<std::string>());
    }
  }
  LockedRecords resolutions = LockedRecords::Lock(tx, kResolutionPlacement, symbols);
  LockedRecords statements = LockedRecords::Lock(tx, kStatementPlacement, statement_ids);
  json waiting = json::array();
  for (const ReportedReading& reading : reported) {
    if (placing.contains(reading.reading.symbol)) continue;
    waiting.push_back({{"symbol", reading.reading.symbol},
                       {"document_id", reading.document_id},
                       {"reading", absl::BytesToHexString(codec::ContentBytes(reading.reading))}});
  }
  if (!waiting.empty()) tx.exec_prepared0(kAddPendingAdoptions, Dump(waiting));
  if (!waiting_by_title.empty()) {
    tx.exec_prepared0(kAddPendingTitleAdoptions, Dump(waiting_by_title));
  }
  std::erase_if(reported, [&](const ReportedReading& reading) {
    return !placing.contains(reading.reading.symbol);
  });
  // Adoptions reported earlier of resolutions the batch brings: merged into
  // the batch's reading, so that a new resolution's first revision has them.
  absl::flat_hash_map<std::string, std::vector<ReportedReading>> pending_for;
  auto take_pending = [&](const char* statement, const json& wanted) {
    for (const pqxx::row& row : tx.exec_prepared(statement, Dump(wanted))) {
      ReportedReading& pending = pending_for[row[0].as<std::string>()].emplace_back();
      pending.document_id = row[1].as<int64_t>();
      pending.parser_version = row[3].as<std::string>();
      if (!codec::ContentFromBytes(pqxx::binarystring(row[2]).str(), pending.reading)) {
        throw std::runtime_error("a pending adoption cannot be decoded");
      }
      pending.reading.symbol = row[0].as<std::string>();
      pending.reading.authority = Authority::kReport;
    }
  };
  if (!symbols.empty()) take_pending(kTakePendingAdoptions, json(symbols));
  if (!titled.empty()) take_pending(kTakePendingTitleAdoptions, json(titled));

  BatchRows rows;
  std::map<int64_t, int> revisions;  // by document id
  absl::flat_hash_set<std::string> alias_keys;
  auto add_alias = [&](const std::string& alias, int64_t id) {
    std::string key = SymbolKey(alias);
    if (key.empty() || !alias_keys.insert(key).second) return;
    rows.aliases.push_back({{"key", std::move(key)}, {"id", id}, {"alias", alias}});
  };
  for (const DocumentRecords& document : documents) {
    const int64_t document_id = document.document_id;
    const auto& document_resolutions = document.resolutions;
    for (size_t i : KeyOrder(document_resolutions, [](const Resolution& r) { return r.symbol; })) {
      const Resolution& reading = document_resolutions[i];
      Resolution merged = resolutions.Merged(reading);
      if (auto waiting = pending_for.find(reading.symbol); waiting != pending_for.end()) {
        for (const ReportedReading& pending : waiting->second) {
          merged = MergeReadings(merged, pending.reading);
        }
        pending_for.erase(waiting);
      }
      const EncodedContent content = EncodedContent::Of(merged);
      const Placed placed = resolutions.Place(reading.symbol, content, merged.authority);
      if (placed.changed) {
        rows.resolution_revisions.push_back(
            RevisionJson(merged, placed, document_id, content, document.parser_version));
        ++revisions[document_id];
      }
      add_alias(reading.symbol, placed.id);
      for (const std::string& alias : reading.aliases) add_alias(alias, placed.id);
      rows.Entry(document_id, i, "resolution", placed);
    }
    const auto& document_statements = document.statements;
    for (size_t i : KeyOrder(document_statements, [](const IdentifiedStatement& s) { return s.id; })) {
      const IdentifiedStatement& statement = document_statements[i];
      const EncodedContent content = EncodedContent::Of(statement.statement);
      const Placed placed = statements.Place(statement.id, content);
      if (placed.changed) {
        rows.statement_revisions.push_back(RevisionJson(statement.statement, placed, document_id,
                                                        content, document.parser_version));
        ++revisions[document_id];
      }
      rows.Entry(document_id, document_resolutions.size() + i, "statement", placed);
      for (const std::string& alias : statement.statement.aliases) {
        if (std::string key = SymbolKey(alias); !key.empty()) {
          rows.statement_aliases.push_back({{"key", std::move(key)}, {"id", placed.id}, {"alias", alias}});
        }
      }
    }
  }
  // Votes the batch's statements report of resolutions known or placed
  // above, and any reported earlier of a resolution another writer has
  // created since.
  for (auto& [symbol, pending] : pending_for) {
    for (ReportedReading& reading : pending) reported.push_back(std::move(reading));
  }
  for (const ReportedReading& reported_reading : reported) {
    const Resolution merged = resolutions.Merged(reported_reading.reading);
    const EncodedContent content = EncodedContent::Of(merged);
    const Placed placed = resolutions.Place(merged.symbol, content, merged.authority);
    if (!placed.changed) continue;
    rows.resolution_revisions.push_back(RevisionJson(merged, placed, reported_reading.document_id,
                                                     content, reported_reading.parser_version));
    rows.Revision("resolution", placed);
    ++revisions[reported_reading.document_id];
  }

  if (!rows.resolution_revisions.empty()) {
    tx.exec_prepared0(kInsertResolutionRevisions, Dump(rows.resolution_revisions));
  }
  resolutions.SetRevisions(tx, kResolutionPlacement);
  if (!rows.aliases.empty()) tx.exec_prepared0(kInsertAliases, Dump(rows.aliases));
  if (!rows.statement_aliases.empty()) {
    tx.exec_prepared0(kInsertStatementAliases, Dump(rows.statement_aliases));
  }
  if (!rows.statement_revisions.empty()) {
    tx.exec_prepared0(kInsertStatementRevisions, Dump(rows.statement_revisions));
  }
  statements.SetRevisions(tx, kStatementPlacement);
  if (!rows.entries.empty()) tx.exec_prepared0(kInsertDocumentEntries, Dump(rows.entries));
  std::map<int64_t, IngestResult> stored = LoadDocuments(tx, stored_ids);
  if (!rows.feed.empty()) {
    std::vector<const StoredEntry*> announced;
    for (const auto& [document_id, ordinal] : rows.feed_entries) {
      announced.push_back(&stored.at(document_id).entries.at(ordinal));
    }
    // Last: from here to the commit, other writers queue on the feed head.
    const std::optional<std::string> carried =
        rows.feed_rows_are_entries ? NoticeEntries(announced) : std::nullopt;
    tx.exec_prepared1(kAppendFeed, Dump(rows.feed), carried.value_or(""));
  }
  // A vote reported earlier is counted for no document of this batch.
  for (const auto& [document_id, count] : revisions) {
    if (auto it = stored.find(document_id); it != stored.end()) it->second.revisions = count;
  }
  return stored;
}

}  // namespace

absl::StatusOr<std::vector<std::optional<IngestResult>>> PgIngestStore::FindDocuments(
    absl::Span<const DocumentKey> keys) {
  std::vector<std::optional<IngestResult>> found(keys.size());
  absl::Status status = pool_.Run("find documents", [&](pqxx::connection& connection) {
    json wanted = json::array();
    for (size_t i = 0; i < keys.size(); ++i) {
      wanted.push_back({{"i", i},
                        {"sha256", absl::BytesToHexString(keys[i].sha256)},
                        {"media_type", keys[i].media_type},
                        {"request_id", keys[i].request_id}});
    }
    pqxx::read_transaction tx(connection);
    std::vector<std::pair<size_t, int64_t>> matches;
    std::vector<int64_t> ids;
    std::map<int64_t, std::vector<std::string>> warnings;
    for (const pqxx::row& row : tx.exec_prepared(kFindDocuments, Dump(wanted))) {
      const int64_t id = row[1].as<int64_t>();
      matches.emplace_back(row[0].as<size_t>(), id);
      ids.push_back(id);
      warnings[id] = StringsFromJson(row[2].as<std::string>());
    }
    if (matches.empty()) return absl::OkStatus();
    std::map<int64_t, IngestResult> loaded = LoadDocuments(tx, ids);
    for (const auto& [index, id] : matches) {
      IngestResult& result = found[index].emplace(loaded.at(id));
      result.duplicate = true;
      result.warnings = warnings[id];
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return found;
}

absl::StatusOr<std::vector<IngestResult>> PgIngestStore::StoreDocuments(
    absl::Span<const NewDocument> documents) {
  // Only the first document of the batch with given bytes or request_id is
  // inserted; a later one is answered as its duplicate.
  json inserts = json::array();
  std::vector<bool> inserting(documents.size());
  {
    absl::flat_hash_set<std::string> keys;  // digest and media type
    absl::flat_hash_set<std::string> request_ids;
    for (size_t d = 0; d < documents.size(); ++d) {
      const NewDocument& document = documents[d];
      std::string key = DocumentKeyOf(document);
      if (keys.contains(key) || request_ids.contains(document.request_id)) continue;
      keys.insert(std::move(key));
      if (!document.request_id.empty()) request_ids.insert(document.request_id);
      inserting[d] = true;
      inserts.push_back(DocumentJson(document));
    }
  }

  std::vector<int64_t> document_ids;
  std::map<int64_t, IngestResult> stored;
  absl::Status status = RunTransaction(pool_, "store documents", [&](pqxx::work& tx) {
    absl::flat_hash_map<std::string, int64_t> inserted;  // by DocumentKeyOf
    for (const pqxx::row& row : tx.exec_prepared(kInsertDocuments, Dump(inserts))) {
      inserted[absl::StrCat(row[1].as<std::string>(), " ", row[2].as<std::string>())] =
          row[0].as<int64_t>();
    }
    document_ids.assign(documents.size(), 0);
    std::vector<DocumentRecords> records;
    for (size_t d = 0; d < documents.size(); ++d) {
      if (!inserting[d]) continue;
      // Absent: stored meanwhile by another writer.
      auto it = inserted.find(DocumentKeyOf(documents[d]));
      if (it == inserted.end()) continue;
      document_ids[d] = it->second;
      records.push_back({it->second, documents[d].parser_version, documents[d].resolutions,
                         documents[d].statements});
    }
    stored = StoreRecords(tx, records);
  });
  if (!status.ok()) return status;

  std::vector<IngestResult> results(documents.size());
  std::vector<DocumentKey> earlier_keys;
  std::vector<size_t> earlier_indexes;
  for (size_t d = 0; d < documents.size(); ++d) {
    if (document_ids[d] != 0) {
      results[d] = std::move(stored.at(document_ids[d]));
      results[d].warnings = documents[d].warnings;
    } else {
      earlier_keys.push_back({documents[d].sha256, documents[d].request_id,
                              documents[d].media_type});
      earlier_indexes.push_back(d);
    }
  }
  if (earlier_keys.empty()) return results;
  // Stored before this transaction, meanwhile, or earlier in the batch.
  absl::StatusOr<std::vector<std::optional<IngestResult>>> earlier = FindDocuments(earlier_keys);
  if (!earlier.ok()) return earlier.status();
  for (size_t k = 0; k < earlier_keys.size(); ++k) {
    if (!(*earlier)[k].has_value()) {
      return absl::InternalError("a document refused as stored was not found");
    }
    results[earlier_indexes[k]] = *std::move((*earlier)[k]);
  }
  return results;
}

absl::StatusOr<std::vector<StoredDocument>> PgIngestStore::ReadDocuments(
    int64_t after_id, int limit, size_t max_bytes, const std::string& outdated_for) {
  std::vector<StoredDocument> documents;
  absl::Status status = pool_.Run("read documents", [&](pqxx::connection& connection) {
    const pqxx::result rows = pqxx::nontransaction(connection).exec_prepared(
        kReadDocuments, after_id, limit, static_cast<int64_t>(max_bytes), outdated_for);
    for (const pqxx::row& row : rows) {
      StoredDocument& document = documents.emplace_back();
      document.id = row[0].as<int64_t>();
      document.content = pqxx::binarystring(row[1]).str();
      document.media_type = row[2].as<std::string>();
      document.source_uri = row[3].as<std::string>();
      if (!row[4].is_null()) document.published_at = absl::FromUnixMicros(row[4].as<int64_t>());
      document.parser_version = row[5].as<std::string>();
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return documents;
}

absl::StatusOr<std::vector<IngestResult>> PgIngestStore::StoreRereadings(
    absl::Span<const Rereading> rereadings) {
  json readings = json::array();
  std::vector<DocumentRecords> records;
  for (const Rereading& rereading : rereadings) {
    readings.push_back({{"id", rereading.document_id},
                        {"parser_version", rereading.parser_version},
                        {"warnings", rereading.warnings}});
    records.push_back({rereading.document_id, rereading.parser_version, rereading.resolutions,
                       rereading.statements});
  }
  std::map<int64_t, IngestResult> stored;
  absl::Status status = RunTransaction(pool_, "store rereadings", [&](pqxx::work& tx) {
    tx.exec_prepared0(kSetDocumentReadings, Dump(readings));
    stored = StoreRecords(tx, records);
  });
  if (!status.ok()) return status;
  std::vector<IngestResult> results;
  for (const Rereading& rereading : rereadings) {
    IngestResult& result = results.emplace_back(std::move(stored.at(rereading.document_id)));
    result.warnings = rereading.warnings;
  }
  return results;
}

}  // namespace plenary::storage::pg
