#include "storage/pg/statements.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace plenary::storage::pg {
namespace {

// The columns row_decoding.h reads, in order, for a resolution revision
// joined as r (resolutions), v (resolution_revisions), d (documents).
constexpr char kResolutionColumns[] = R"sql(
  r.symbol, v.revision, v.record,
  (SELECT coalesce(jsonb_agg(a.alias ORDER BY a.alias), '[]')::text
     FROM resolution_aliases a WHERE a.resolution_id = r.id AND a.alias <> r.symbol),
  d.id, d.source_uri, encode(d.sha256, 'hex'), d.media_type,
  (extract(epoch FROM d.received_at) * 1000000)::bigint, v.parser_version, v.authority,
  (SELECT coalesce(jsonb_agg(jsonb_build_array(
            sd.id, sd.source_uri, encode(sd.sha256, 'hex'), sd.media_type,
            (extract(epoch FROM sd.received_at) * 1000000)::bigint, sd.parser_version)
          ORDER BY sd.id), '[]')::text
     FROM (SELECT DISTINCT document_id FROM resolution_revisions WHERE resolution_id = r.id) e
     CROSS JOIN LATERAL (SELECT * FROM documents WHERE id = e.document_id LIMIT 1) sd))sql";

// Likewise for a statement revision: s (statements), v, d.
constexpr char kStatementColumns[] = R"sql(
  s.public_id, v.revision, v.record,
  d.id, d.source_uri, encode(d.sha256, 'hex'), d.media_type,
  (extract(epoch FROM d.received_at) * 1000000)::bigint, v.parser_version)sql";

// The filters of a listing, count or search: `sql` uses parameters $1 to
// $<params>; the statement's own parameters follow them.
struct Filters {
  const char* sql;
  int params;
};

// Filters on latest resolution revisions (v): $1 body, $2 from, $3 to,
// $4 reference, $5 words, $6 a vote key (vote_keys.h); empty parameters do
// not filter.
constexpr Filters kResolutionFilters = {R"sql(
      ($1 = '' OR lower(v.body) = lower($1))
  AND (NULLIF($2, '') IS NULL OR v.adopted_end >= NULLIF($2, '')::date)
  AND (NULLIF($3, '') IS NULL OR v.adopted_start <= NULLIF($3, '')::date)
  AND ($4 = '' OR v.refs @> ARRAY[$4])
  AND ($5 = '' OR v.search @@ websearch_to_tsquery('english', plenary_unaccent($5)))
  AND ($6 = '' OR v.vote_keys @> ARRAY[$6]))sql", 6};

// Likewise for statements, with $1 the speaker and no vote.
constexpr Filters kStatementFilters = {R"sql(
      ($1 = '' OR lower(v.speaker) = lower($1))
  AND (NULLIF($2, '') IS NULL OR v.date_end >= NULLIF($2, '')::date)
  AND (NULLIF($3, '') IS NULL OR v.date_start <= NULLIF($3, '')::date)
  AND ($4 = '' OR v.refs @> ARRAY[$4])
  AND ($5 = '' OR v.search @@ websearch_to_tsquery('english', plenary_unaccent($5))))sql", 5};

// The statement's own parameter `n` (from 1), after those of `filters`.
std::string Own(const Filters& filters, int n) { return absl::StrCat("$", filters.params + n); }

// A title's lookup key, case and spacing aside: the expression the
// resolution_revisions_title index (migration 0009) is built on.
std::string TitleKey(const char* title) {
  return absl::StrCat("lower(regexp_replace(btrim(", title, "), '\\s+', ' ', 'g'))");
}

// A release that names a resolution by title reports an adoption of the
// last this many days.
constexpr int kReportedWithinDays = 7;

// Latest revisions (v) of each record, with (kLatest*) or without
// (kLatest*Only) their source documents (d).
#define PLENARY_LATEST_RESOLUTIONS \
  " FROM resolutions r JOIN resolution_revisions v" \
  " ON v.resolution_id = r.id AND v.revision = r.latest_revision"
#define PLENARY_LATEST_STATEMENTS \
  " FROM statements s JOIN statement_revisions v" \
  " ON v.statement_id = s.id AND v.revision = s.latest_revision"
#define PLENARY_WITH_DOCUMENTS " JOIN documents d ON d.id = v.document_id"
constexpr char kLatestResolutionsOnly[] = PLENARY_LATEST_RESOLUTIONS;
constexpr char kLatestResolutions[] = PLENARY_LATEST_RESOLUTIONS PLENARY_WITH_DOCUMENTS;
constexpr char kLatestStatementsOnly[] = PLENARY_LATEST_STATEMENTS;
constexpr char kLatestStatements[] = PLENARY_LATEST_STATEMENTS PLENARY_WITH_DOCUMENTS;
#undef PLENARY_LATEST_RESOLUTIONS
#undef PLENARY_LATEST_STATEMENTS
#undef PLENARY_WITH_DOCUMENTS

constexpr char kHeadlineOptions[] =
    "'StartSel=<b>, StopSel=</b>, MaxFragments=1, MaxWords=30, MinWords=10'";

// A keyset-paginated listing: after the filters' parameters, whether to
// start after (1) the key (2) and id (3), and the page size (4). The key is
// returned as text, the id as the tiebreak.
std::string ListSql(const char* columns, const char* from, const Filters& filters,
                    const std::string& key, const char* key_type, const char* id, bool descending) {
  const char* direction = descending ? "DESC" : "ASC";
  return absl::StrCat("SELECT ", columns, ", (", key, ")::text, ", id, from, " WHERE ",
                      filters.sql, " AND (NOT ", Own(filters, 1), " OR ((", key, "), ", id, ") ",
                      descending ? "<" : ">", " (NULLIF(", Own(filters, 2), ", '')::", key_type,
                      ", ", Own(filters, 3), "))", " ORDER BY (", key, ") ", direction, ", ", id,
                      " ", direction, " LIMIT ", Own(filters, 4));
}

// Ranked matches of $5 (the words) among the latest revisions, the best
// N (own parameter 1) of the first M (own parameter 2) matches found:
// ranked first over `latest_only`, then `columns` and a highlighted
// `passage` for those rows alone. `id` is the record's id column. Bounding
// the matches bounds the cost of a query as common as "General Assembly",
// which matches most of the registry. The matches are found by `filters`
// alone, whose words are a constant in a custom plan: the planner then
// knows how common they are, and scans in order and stops early for common
// words instead of building a GIN bitmap of every match (33 ms -> 4 ms for
// "South-South cooperation" over 100k). The matches, and one more to tell
// "exactly M" from "more", are counted by `facets` (named columns of v):
// every row ends with the JSON array of [<facet values>..., count].
std::string SearchSql(const char* columns, const char* latest_only, const char* latest,
                      const Filters& filters, const char* id, const char* passage,
                      const char* facets, const char* facet_names) {
  const std::string wanted = Own(filters, 1);
  const std::string match_limit = Own(filters, 2);
  return absl::StrCat(
      "WITH q AS (SELECT websearch_to_tsquery('english', plenary_unaccent($5)) AS query), "
      "matches AS (SELECT ", id, " AS hit_id, v.search, ", facets, latest_only, " WHERE ",
      filters.sql, " LIMIT ", match_limit, " + 1), "
      "hits AS (SELECT hit_id, ts_rank_cd(m.search, q.query) AS score"
      " FROM (SELECT * FROM matches LIMIT ", match_limit, ") m CROSS JOIN q"
      " ORDER BY score DESC, hit_id LIMIT ", wanted, "), "
      "counted AS (SELECT jsonb_agg(jsonb_build_array(", facet_names, ", n))::text AS counts"
      " FROM (SELECT ", facet_names, ", count(*) AS n FROM matches GROUP BY ", facet_names,
      ") g) SELECT ", columns, ", hits.score, ts_headline('english', plenary_unaccent(", passage,
      "), q.query, ", kHeadlineOptions, "), counted.counts", latest, " JOIN hits ON hits.hit_id = ",
      id, " CROSS JOIN q CROSS JOIN counted ORDER BY hits.score DESC, ", id);
}

std::string ListStatementName(const char* kind, bool by_date, bool descending) {
  return absl::StrCat("list_", kind, by_date ? "_by_date" : "_by_key", descending ? "_desc" : "");
}

// The tables that keep one kind of record and its revisions.
struct RecordTables {
  const char* records;    // resolutions: id, <key>, latest_revision
  const char* key;        // the record's unique key column
  const char* revisions;  // <record_id>, revision, content_sha256, record, ...
  const char* record_id;
  const char* authority;  // of a revision v, as a smallint (statements: all full texts, 3)
};

// Statements that place a batch's records (see pg_ingest_store.cc).
//
// Ingestion's statements look rows up by key through LATERAL subqueries
// with ORDER BY or LIMIT, which the planner keeps as index lookups per key.
// A plain join would do on a filled database, but a connection caches the
// generic plan it makes in its first calls: on a new deployment, with empty
// tables, that plan hashed a scan of the whole table, and kept scanning as
// the tables grew until autovacuum first analyzed them.
void PrepareRecordPlacement(pqxx::connection& connection, const RecordTables& t,
                            const char* claim, const char* claimed, const char* set_revisions) {
  // $1: JSON array of keys. One sweep in key order, by every writer, that
  // creates each missing record and locks each existing one (an ON CONFLICT
  // DO UPDATE locks the row even when its WHERE updates nothing). Returns
  // the records it created: the others are read by `claimed`.
  connection.prepare(claim, absl::StrCat(
      "INSERT INTO ", t.records, " AS r (", t.key, ", latest_revision)"
      " SELECT k, 1 FROM jsonb_array_elements_text($1::jsonb) AS k ORDER BY k"
      " ON CONFLICT (", t.key, ") DO UPDATE SET latest_revision = r.latest_revision WHERE false"
      " RETURNING id, ", t.key));
  // $1: JSON array of keys of claimed records that existed: their latest
  // revision, its content digest, record and authority, as committed before
  // the claim.
  connection.prepare(claimed, absl::StrCat(
      "SELECT r.id, r.", t.key, ", r.latest_revision, encode(v.content_sha256, 'hex'), v.record, ",
      t.authority,
      " FROM jsonb_array_elements_text($1::jsonb) AS k(key)"
      " CROSS JOIN LATERAL (SELECT id, ", t.key, ", latest_revision FROM ", t.records,
      " WHERE ", t.key, " = k.key LIMIT 1) r"
      " CROSS JOIN LATERAL (SELECT * FROM ", t.revisions, " WHERE ", t.record_id,
      " = r.id AND revision = r.latest_revision LIMIT 1) v"));
  // $1: JSON array of {"id", "revision"}. The ids also as an array: an
  // index condition on the records, where a join alone may hash a scan.
  connection.prepare(set_revisions, absl::StrCat(
      "UPDATE ", t.records, " r SET latest_revision = x.revision"
      " FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, revision integer) WHERE r.id = x.id"
      " AND r.id = ANY (ARRAY(SELECT (e ->> 'id')::bigint"
      " FROM jsonb_array_elements($1::jsonb) e))"));
}

// The records documents $1 (a JSON array of ids) named, of one kind, with
// `columns` over <record_alias> (the record), v (its revision), d (the
// document it was read from).
std::string DocumentEntriesSql(const char* columns, const char* kind, const RecordTables& t,
                               const char* record_alias) {
  return absl::StrCat(
      "SELECT e.document_id, e.ordinal, ", columns,
      " FROM jsonb_array_elements_text($1::jsonb) AS w(id)"
      " CROSS JOIN LATERAL (SELECT document_id, ordinal, entity_id, revision"
      " FROM document_entries WHERE document_id = w.id::bigint AND kind = '", kind,
      "' ORDER BY ordinal) e"
      " CROSS JOIN LATERAL (SELECT * FROM ", t.records, " WHERE id = e.entity_id LIMIT 1) ",
      record_alias,
      " CROSS JOIN LATERAL (SELECT * FROM ", t.revisions, " WHERE ", t.record_id,
      " = e.entity_id AND revision = e.revision LIMIT 1) v"
      " CROSS JOIN LATERAL (SELECT * FROM documents WHERE id = v.document_id LIMIT 1) d");
}

constexpr RecordTables kResolutionTables = {"resolutions", "symbol", "resolution_revisions",
                                            "resolution_id", "v.authority"};
constexpr RecordTables kStatementTables = {"statements", "public_id", "statement_revisions",
                                           "statement_id", "3::smallint"};

}  // namespace

void PrepareStatements(pqxx::connection& connection) {
  // $1: JSON array of {"i", "sha256", "media_type", "request_id"}, digests
  // in hex; a request_id match wins over a bytes match: it is the client's
  // own key.
  connection.prepare(kFindDocuments, R"sql(
    SELECT k.i, d.id, to_jsonb(d.warnings)::text
    FROM jsonb_to_recordset($1::jsonb) AS k(i integer, sha256 text, media_type text,
                                            request_id text)
    CROSS JOIN LATERAL (
      SELECT id, warnings FROM documents
      WHERE (sha256 = decode(k.sha256, 'hex') AND media_type = k.media_type)
         OR request_id = NULLIF(k.request_id, '')
      ORDER BY request_id IS NOT DISTINCT FROM NULLIF(k.request_id, '') DESC
      LIMIT 1) d)sql");
  // Content travels hex-encoded: byte for byte, whatever it holds. Rows go
  // in digest order, so two batches never wait on each other in a cycle.
  connection.prepare(kInsertDocuments, R"sql(
    INSERT INTO documents (sha256, request_id, media_type, source_uri, published_at,
                           content, warnings, parser_version)
    SELECT decode(x.sha256, 'hex'), NULLIF(x.request_id, ''), x.media_type, x.source_uri,
           x.published_at, decode(x.content, 'hex'), x.warnings, x.parser_version
    FROM jsonb_to_recordset($1::jsonb) AS x(sha256 text, request_id text, media_type text,
                                            source_uri text, published_at timestamptz,
                                            content text, warnings text[],
                                            parser_version text)
    ORDER BY x.sha256, x.media_type
    ON CONFLICT DO NOTHING
    RETURNING id, encode(sha256, 'hex'), media_type)sql");
  // Stored documents after $1, in id order, $2 at most, holding about $3
  // bytes of content at most (the first always); with $4 not empty, those
  // last read by another parser version only.
  connection.prepare(kReadDocuments, R"sql(
    SELECT id, content, media_type, source_uri,
           (extract(epoch FROM published_at) * 1000000)::bigint, parser_version
    FROM (SELECT id, content, media_type, source_uri, published_at, parser_version,
                 sum(octet_length(content)) OVER (ORDER BY id) AS running
          FROM (SELECT * FROM documents
                WHERE id > $1 AND ($4 = '' OR parser_version <> $4)
                ORDER BY id LIMIT $2) first) sized
    WHERE running - octet_length(content) < $3
    ORDER BY id)sql");
  // $1: JSON array of {"id", "parser_version", "warnings"}: documents read
  // again. Their entries are written anew.
  connection.prepare(kSetDocumentReadings, R"sql(
    WITH dropped AS (
      DELETE FROM document_entries
      WHERE document_id = ANY (ARRAY(SELECT (e ->> 'id')::bigint
                                     FROM jsonb_array_elements($1::jsonb) e)))
    UPDATE documents d SET parser_version = x.parser_version, warnings = x.warnings
    FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, parser_version text, warnings text[])
    WHERE d.id = x.id
      AND d.id = ANY (ARRAY(SELECT (e ->> 'id')::bigint FROM jsonb_array_elements($1::jsonb) e)))sql");

  PrepareRecordPlacement(connection, kResolutionTables, kClaimResolutions, kClaimedResolutions,
                         kSetResolutionRevisions);
  connection.prepare(kInsertResolutionRevisions, R"sql(
    INSERT INTO resolution_revisions
      (resolution_id, revision, document_id, body, adopted_year, adopted_month, adopted_day,
       title, aliases, paragraphs, refs, vote_keys, record, content_sha256, authority,
       parser_version)
    SELECT x.id, x.revision, x.document_id, x.body, x.year, x.month, x.day, x.title,
           x.aliases, x.paragraphs, x.refs, x.vote_keys, decode(x.record, 'hex'),
           decode(x.digest, 'hex'), x.authority, x.parser_version
    FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, revision integer, document_id bigint,
                                            body text, year smallint, month smallint,
                                            day smallint, title text, aliases text[],
                                            paragraphs jsonb, refs text[], vote_keys text[],
                                            record text, digest text, authority smallint,
                                            parser_version text))sql");
  connection.prepare(kInsertStatementAliases, R"sql(
    INSERT INTO statement_aliases (alias_key, statement_id, alias)
    SELECT x.key, x.id, x.alias
    FROM jsonb_to_recordset($1::jsonb) AS x(key text, id bigint, alias text)
    ORDER BY x.key
    ON CONFLICT (alias_key) DO NOTHING)sql");
  // $1: JSON array of symbols: a transaction-long advisory lock on each, in
  // symbol order (pg_ingest_store.cc: reported adoptions).
  connection.prepare(kTakeSymbolTurns, R"sql(
    SELECT pg_advisory_xact_lock(hashtextextended('plenary resolution ' || k, 0))
    FROM (SELECT DISTINCT k FROM jsonb_array_elements_text($1::jsonb) AS t(k) ORDER BY k) s)sql");
  // $1: JSON array of {"title", "reported_on"}: for each that exactly one
  // resolution's latest revision bears (case and spacing aside), adopted in
  // the seven days up to reported_on when it is given, the title and date as
  // given and the symbol.
  connection.prepare(kResolutionsByTitle, absl::StrCat(R"sql(
    SELECT t.title, t.reported_on::text, min(m.symbol)
    FROM (SELECT DISTINCT x.title, x.reported_on
          FROM jsonb_to_recordset($1::jsonb) AS x(title text, reported_on date)) t
    CROSS JOIN LATERAL (
      SELECT r.symbol FROM resolution_revisions v
      JOIN resolutions r ON r.id = v.resolution_id AND r.latest_revision = v.revision
      WHERE )sql", TitleKey("v.title"), " = ", TitleKey("t.title"), R"sql(
        AND (t.reported_on IS NULL OR
             (v.adopted_start >= t.reported_on - )sql", kReportedWithinDays, R"sql(
              AND v.adopted_end <= t.reported_on))
      LIMIT 2) m
    GROUP BY t.title, t.reported_on
    HAVING count(*) = 1)sql"));
  // Writers that leave an adoption waiting for a title take this lock
  // exclusively, writers that bring resolutions share it, before any turn
  // on a symbol: an adoption reported by title while its resolution is
  // being created is never left waiting.
  connection.prepare(kShareTitleTurn,
                     "SELECT pg_advisory_xact_lock_shared(hashtextextended('plenary titles', 0))");
  connection.prepare(kTakeTitleTurn,
                     "SELECT pg_advisory_xact_lock(hashtextextended('plenary titles', 0))");
  // $1: JSON array of {"title", "reported_on", "document_id", "reading"} (hex).
  connection.prepare(kAddPendingTitleAdoptions, absl::StrCat(R"sql(
    INSERT INTO pending_title_adoptions (title_key, reported_on, document_id, reading)
    SELECT )sql", TitleKey("x.title"), R"sql(, x.reported_on, x.document_id,
           decode(x.reading, 'hex')
    FROM jsonb_to_recordset($1::jsonb)
      AS x(title text, reported_on date, document_id bigint, reading text)
    ON CONFLICT (title_key, reported_on, document_id) DO UPDATE SET reading = EXCLUDED.reading)sql"));
  // $1: JSON array of {"symbol", "title", "adopted"}: the adoptions waiting
  // for each title, reported in the seven days from `adopted`, removed and
  // returned as kTakePendingAdoptions returns them.
  connection.prepare(kTakePendingTitleAdoptions, absl::StrCat(R"sql(
    WITH wanted AS (
      SELECT x.symbol, )sql", TitleKey("x.title"), R"sql( AS title_key, x.adopted
      FROM jsonb_to_recordset($1::jsonb) AS x(symbol text, title text, adopted date)),
    taken AS (
      DELETE FROM pending_title_adoptions p USING wanted w
      WHERE p.title_key = w.title_key
        AND p.reported_on BETWEEN w.adopted AND w.adopted + )sql", kReportedWithinDays, R"sql(
      RETURNING w.symbol, p.document_id, p.reading)
    SELECT t.symbol, t.document_id, t.reading, d.parser_version
    FROM taken t
    CROSS JOIN LATERAL (SELECT parser_version FROM documents WHERE id = t.document_id LIMIT 1) d
    ORDER BY t.document_id)sql"));
  // $1: JSON array of symbols: those the registry knows.
  connection.prepare(kKnownResolutions, R"sql(
    SELECT r.symbol FROM jsonb_array_elements_text($1::jsonb) AS k(symbol)
    CROSS JOIN LATERAL (SELECT symbol FROM resolutions WHERE symbol = k.symbol LIMIT 1) r)sql");
  // $1: JSON array of {"symbol", "document_id", "reading"} (hex).
  connection.prepare(kAddPendingAdoptions, R"sql(
    INSERT INTO pending_adoptions (resolution_symbol, document_id, reading)
    SELECT x.symbol, x.document_id, decode(x.reading, 'hex')
    FROM jsonb_to_recordset($1::jsonb) AS x(symbol text, document_id bigint, reading text)
    ON CONFLICT (resolution_symbol, document_id) DO UPDATE SET reading = EXCLUDED.reading)sql");
  // $1: JSON array of symbols: the adoptions waiting for them, removed.
  connection.prepare(kTakePendingAdoptions, R"sql(
    WITH taken AS (
      DELETE FROM pending_adoptions
      WHERE resolution_symbol = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))
      RETURNING resolution_symbol, document_id, reading)
    SELECT t.resolution_symbol, t.document_id, t.reading, d.parser_version
    FROM taken t
    CROSS JOIN LATERAL (SELECT parser_version FROM documents WHERE id = t.document_id LIMIT 1) d
    ORDER BY t.document_id)sql");
  connection.prepare(kInsertAliases, R"sql(
    INSERT INTO resolution_aliases (alias_key, resolution_id, alias)
    SELECT x.key, x.id, x.alias
    FROM jsonb_to_recordset($1::jsonb) AS x(key text, id bigint, alias text)
    ORDER BY x.key
    ON CONFLICT (alias_key) DO NOTHING)sql");

  PrepareRecordPlacement(connection, kStatementTables, kClaimStatements, kClaimedStatements,
                         kSetStatementRevisions);
  connection.prepare(kInsertStatementRevisions, R"sql(
    INSERT INTO statement_revisions
      (statement_id, revision, document_id, headline, speaker, speaker_role,
       date_year, date_month, date_day, places, body_text, quotes, refs, record,
       content_sha256, parser_version)
    SELECT x.id, x.revision, x.document_id, x.headline, x.speaker, x.speaker_role,
           x.year, x.month, x.day, x.places, x.body_text, x.quotes, x.refs,
           decode(x.record, 'hex'), decode(x.digest, 'hex'), x.parser_version
    FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, revision integer, document_id bigint,
                                            headline text, speaker text, speaker_role text,
                                            year smallint, month smallint, day smallint,
                                            places text[], body_text text, quotes jsonb,
                                            refs text[], record text, digest text,
                                            parser_version text))sql");

  connection.prepare(kInsertDocumentEntries, R"sql(
    INSERT INTO document_entries (document_id, ordinal, kind, entity_id, revision)
    SELECT x.document_id, x.ordinal, x.kind, x.id, x.revision
    FROM jsonb_to_recordset($1::jsonb) AS x(document_id bigint, ordinal integer, kind text,
                                            id bigint, revision integer))sql");
  // $1: JSON array of {"n", "kind", "id", "revision"}, n counting from 1 in
  // feed order; $2: the records as feed_notice.h encodes them, or '' when
  // they are not carried. Taking the feed_head row lock last keeps the time
  // writers queue on it short; see 0001_initial.sql for why this lock makes
  // the feed gap-free. Returns the last position; the notice carries it
  // (and $2), see feed_notice.h. committed_at is now(), as in feed_events.
  connection.prepare(kAppendFeed, absl::StrCat(R"sql(
    WITH head AS (
      UPDATE feed_head SET position = position + jsonb_array_length($1::jsonb)
      RETURNING position),
    appended AS (
      INSERT INTO feed_events (position, kind, entity_id, revision)
      SELECT head.position - jsonb_array_length($1::jsonb) + x.n, x.kind, x.id, x.revision
      FROM head, jsonb_to_recordset($1::jsonb) AS x(n bigint, kind text, id bigint,
                                                    revision integer))
    SELECT position, pg_notify(')sql", kFeedChannel, R"sql(', CASE WHEN $2 = '' THEN position::text
      ELSE concat(position, ' ', (extract(epoch FROM now()) * 1000000)::bigint, ' ', $2::text)
      END)
    FROM head)sql"));

  connection.prepare(kDocumentResolutions,
                     DocumentEntriesSql(kResolutionColumns, "resolution", kResolutionTables, "r"));
  connection.prepare(kDocumentStatements,
                     DocumentEntriesSql(kStatementColumns, "statement", kStatementTables, "s"));

  // The first key that names a resolution wins. Three keys as plain
  // parameters, not an array: the planner then looks each up in the index.
  // Then lookups by key, kept per key as in ingestion (see
  // PrepareRecordPlacement): a join here was planned, on empty tables, as a
  // scan of every revision.
  connection.prepare(kGetResolution, absl::StrCat("SELECT ", kResolutionColumns, R"sql(
    FROM (SELECT resolution_id FROM resolution_aliases
          WHERE alias_key IN ($1, $2, $3)
          ORDER BY CASE alias_key WHEN $1 THEN 1 WHEN $2 THEN 2 ELSE 3 END
          LIMIT 1) k
    CROSS JOIN LATERAL (SELECT * FROM resolutions WHERE id = k.resolution_id LIMIT 1) r
    CROSS JOIN LATERAL (
      SELECT * FROM resolution_revisions
      WHERE resolution_id = r.id
        AND revision = CASE WHEN $4 = 0 THEN r.latest_revision ELSE $4 END
      LIMIT 1) v
    CROSS JOIN LATERAL (SELECT * FROM documents WHERE id = v.document_id LIMIT 1) d)sql"));
  // $1: JSON array of {"i", "k1", "k2", "k3"}: GetResolution's keys for
  // each i, latest revisions.
  connection.prepare(kGetResolutions, absl::StrCat("SELECT w.i, ", kResolutionColumns, R"sql(
    FROM jsonb_to_recordset($1::jsonb) AS w(i integer, k1 text, k2 text, k3 text)
    CROSS JOIN LATERAL (
      SELECT resolution_id FROM resolution_aliases
      WHERE alias_key IN (w.k1, w.k2, w.k3)
      ORDER BY CASE alias_key WHEN w.k1 THEN 1 WHEN w.k2 THEN 2 ELSE 3 END
      LIMIT 1) k
    CROSS JOIN LATERAL (SELECT * FROM resolutions WHERE id = k.resolution_id LIMIT 1) r
    CROSS JOIN LATERAL (
      SELECT * FROM resolution_revisions
      WHERE resolution_id = r.id AND revision = r.latest_revision LIMIT 1) v
    CROSS JOIN LATERAL (SELECT * FROM documents WHERE id = v.document_id LIMIT 1) d)sql"));
  // $1: the id, or a press symbol keyed as $3.
  connection.prepare(kGetStatement, absl::StrCat("SELECT ", kStatementColumns, R"sql(
    FROM statements s
    JOIN statement_revisions v
      ON v.statement_id = s.id
     AND v.revision = CASE WHEN $2 = 0 THEN s.latest_revision ELSE $2 END
    JOIN documents d ON d.id = v.document_id
    WHERE s.id = coalesce((SELECT id FROM statements WHERE public_id = $1),
                          (SELECT statement_id FROM statement_aliases WHERE alias_key = $3)))sql"));

  // Feed events in (after, last], in order, with the revision each announces:
  // the position, commit time, kind, then the resolution's columns (NULL for
  // a statement) and the statement's (NULL for a resolution). One statement,
  // so one snapshot: the feed_head lock commits positions in order, so what
  // one snapshot sees of the log has no gaps. (Two statements under READ
  // COMMITTED could each see a different prefix and skip a position.)
  // The bounds are subselects so that no plan knows them: PostgreSQL then
  // keeps the one generic plan (index scans) instead of planning every call
  // afresh, which took ~0.6 ms of a ~0.7 ms read.
  connection.prepare(kFeedEvents, absl::StrCat(R"sql(
    SELECT f.position, (extract(epoch FROM f.committed_at) * 1000000)::bigint, f.kind,
           resolution.*, statement.*
    FROM feed_events f
    LEFT JOIN LATERAL (
      SELECT )sql", kResolutionColumns, R"sql(
      FROM resolutions r
      JOIN resolution_revisions v ON v.resolution_id = r.id AND v.revision = f.revision
      JOIN documents d ON d.id = v.document_id
      WHERE f.kind = 'resolution' AND r.id = f.entity_id) resolution ON true
    LEFT JOIN LATERAL (
      SELECT )sql", kStatementColumns, R"sql(
      FROM statements s
      JOIN statement_revisions v ON v.statement_id = s.id AND v.revision = f.revision
      JOIN documents d ON d.id = v.document_id
      WHERE f.kind = 'statement' AND s.id = f.entity_id) statement ON true
    WHERE f.position > (SELECT $1::bigint) AND f.position <= (SELECT $2::bigint)
    ORDER BY f.position)sql"));
  connection.prepare(kFeedHead, "SELECT position FROM feed_head");
  connection.prepare(kDeployment, "SELECT id::text, secret FROM deployment");

  for (bool by_date : {false, true}) {
    for (bool descending : {false, true}) {
      connection.prepare(
          ListResolutionsStatement(by_date, descending),
          ListSql(kResolutionColumns, kLatestResolutions, kResolutionFilters,
                  by_date ? "coalesce(v.adopted_start, DATE '0001-01-01')" : "r.symbol",
                  by_date ? "date" : "text", "r.id", descending));
      connection.prepare(
          ListStatementsStatement(by_date, descending),
          ListSql(kStatementColumns, kLatestStatements, kStatementFilters,
                  by_date ? "coalesce(v.date_start, DATE '0001-01-01')" : "s.public_id",
                  by_date ? "date" : "text", "s.id", descending));
    }
  }
  // Own parameter 1: count at most this many.
  connection.prepare(kCountResolutions,
                     absl::StrCat("SELECT count(*) FROM (SELECT 1", kLatestResolutionsOnly,
                                  " WHERE ", kResolutionFilters.sql, " LIMIT ",
                                  Own(kResolutionFilters, 1), ") matches"));
  connection.prepare(kCountStatements,
                     absl::StrCat("SELECT count(*) FROM (SELECT 1", kLatestStatementsOnly,
                                  " WHERE ", kStatementFilters.sql, " LIMIT ",
                                  Own(kStatementFilters, 1), ") matches"));

  connection.prepare(kSearchResolutions,
                     SearchSql(kResolutionColumns, kLatestResolutionsOnly, kLatestResolutions,
                               kResolutionFilters, "r.id",
                               "v.title || '. ' || plenary_json_texts(v.paragraphs, 'text')",
                               "v.body AS body, v.adopted_year AS year", "body, year"));
  connection.prepare(kSearchStatements,
                     SearchSql(kStatementColumns, kLatestStatementsOnly, kLatestStatements,
                               kStatementFilters, "s.id", "v.headline || '. ' || v.body_text",
                               "v.date_year AS year", "year"));
}

const char* ListResolutionsStatement(bool by_date, bool descending) {
  static const auto* names = new std::vector<std::string>{
      ListStatementName("resolutions", false, false), ListStatementName("resolutions", false, true),
      ListStatementName("resolutions", true, false), ListStatementName("resolutions", true, true)};
  return (*names)[(by_date ? 2 : 0) + (descending ? 1 : 0)].c_str();
}

const char* ListStatementsStatement(bool by_date, bool descending) {
  static const auto* names = new std::vector<std::string>{
      ListStatementName("statements", false, false), ListStatementName("statements", false, true),
      ListStatementName("statements", true, false), ListStatementName("statements", true, true)};
  return (*names)[(by_date ? 2 : 0) + (descending ? 1 : 0)].c_str();
}

}  // namespace plenary::storage::pg
