#include "storage/pg/statements.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace plenary::storage::pg {
namespace {

// The columns row_decoding.h reads, in order, for a resolution revision
// joined as r (resolutions), v (resolution_revisions), d (documents).
constexpr char kResolutionColumns[] = R"sql(
  r.symbol, v.revision, v.body, v.adopted_year, v.adopted_month, v.adopted_day,
  v.title, v.paragraphs::text, to_jsonb(v.refs)::text,
  (SELECT coalesce(jsonb_agg(a.alias ORDER BY a.alias), '[]')::text
     FROM resolution_aliases a WHERE a.resolution_id = r.id AND a.alias <> r.symbol),
  d.id, d.source_uri, encode(d.sha256, 'hex'), d.media_type,
  (extract(epoch FROM d.received_at) * 1000000)::bigint)sql";

// Likewise for a statement revision: s (statements), v, d.
constexpr char kStatementColumns[] = R"sql(
  s.public_id, v.revision, v.headline, v.speaker, v.speaker_role,
  v.date_year, v.date_month, v.date_day, to_jsonb(v.places)::text, v.body_text,
  v.quotes::text, to_jsonb(v.refs)::text,
  d.id, d.source_uri, encode(d.sha256, 'hex'), d.media_type,
  (extract(epoch FROM d.received_at) * 1000000)::bigint)sql";

// Filters on latest resolution revisions (v): $1 body, $2 from, $3 to,
// $4 reference, $5 words; empty parameters do not filter.
constexpr char kResolutionFilters[] = R"sql(
      ($1 = '' OR lower(v.body) = lower($1))
  AND (NULLIF($2, '') IS NULL OR v.adopted_end >= NULLIF($2, '')::date)
  AND (NULLIF($3, '') IS NULL OR v.adopted_start <= NULLIF($3, '')::date)
  AND ($4 = '' OR v.refs @> ARRAY[$4])
  AND ($5 = '' OR v.search @@ websearch_to_tsquery('english', plenary_unaccent($5))))sql";

// Likewise for statements, with $1 the speaker.
constexpr char kStatementFilters[] = R"sql(
      ($1 = '' OR lower(v.speaker) = lower($1))
  AND (NULLIF($2, '') IS NULL OR v.date_end >= NULLIF($2, '')::date)
  AND (NULLIF($3, '') IS NULL OR v.date_start <= NULLIF($3, '')::date)
  AND ($4 = '' OR v.refs @> ARRAY[$4])
  AND ($5 = '' OR v.search @@ websearch_to_tsquery('english', plenary_unaccent($5))))sql";

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

// A keyset-paginated listing: $6 whether to start after ($7 key, $8 id),
// $9 the page size. The key is returned as text, the id as the tiebreak.
std::string ListSql(const char* columns, const char* from, const char* filters,
                    const std::string& key, const char* key_type, const char* id, bool descending) {
  const char* direction = descending ? "DESC" : "ASC";
  return absl::StrCat("SELECT ", columns, ", (", key, ")::text, ", id, from, " WHERE ", filters,
                      " AND (NOT $6 OR ((", key, "), ", id, ") ", descending ? "<" : ">",
                      " (NULLIF($7, '')::", key_type, ", $8))", " ORDER BY (", key, ") ", direction,
                      ", ", id, " ", direction, " LIMIT $9");
}

// Ranked matches of $5 (the words) among the latest revisions, the best $6:
// ranked first over `latest_only`, then `columns` and a highlighted
// `passage` for those rows alone. `id` is the record's id column.
std::string SearchSql(const char* columns, const char* latest_only, const char* latest,
                      const char* filters, const char* id, const char* passage) {
  return absl::StrCat(
      "WITH q AS (SELECT websearch_to_tsquery('english', plenary_unaccent($5)) AS query), "
      "hits AS (SELECT ", id, " AS hit_id, ts_rank_cd(v.search, q.query) AS score", latest_only,
      " CROSS JOIN q WHERE v.search @@ q.query AND ", filters, " ORDER BY score DESC, ", id,
      " LIMIT $6) SELECT ", columns, ", hits.score, ts_headline('english', plenary_unaccent(",
      passage, "), q.query, ", kHeadlineOptions, ")", latest, " JOIN hits ON hits.hit_id = ", id,
      " CROSS JOIN q ORDER BY hits.score DESC, ", id);
}

std::string ListStatementName(const char* kind, bool by_date, bool descending) {
  return absl::StrCat("list_", kind, by_date ? "_by_date" : "_by_key", descending ? "_desc" : "");
}

// A JSON array parameter as a text[] value.
std::string TextArray(int parameter) {
  return absl::StrCat("ARRAY(SELECT jsonb_array_elements_text($", parameter, "::jsonb))");
}

}  // namespace

void PrepareStatements(pqxx::connection& connection) {
  connection.prepare(kInsertDocument, absl::StrCat(R"sql(
    INSERT INTO documents (sha256, request_id, media_type, source_uri, published_at,
                           content, warnings)
    VALUES ($1, NULLIF($2, ''), $3, $4, $5::timestamptz, $6, )sql", TextArray(7), R"sql()
    ON CONFLICT DO NOTHING
    RETURNING id)sql"));
  // A request_id match wins over a bytes match: it is the client's own key.
  connection.prepare(kFindDocument, R"sql(
    SELECT id, to_jsonb(warnings)::text FROM documents
    WHERE sha256 = $1 OR request_id = NULLIF($2, '')
    ORDER BY request_id IS NOT DISTINCT FROM NULLIF($2, '') DESC
    LIMIT 1)sql");

  connection.prepare(kLockResolution,
                     "SELECT id, latest_revision FROM resolutions WHERE symbol = $1 FOR UPDATE");
  connection.prepare(kCreateResolution, R"sql(
    INSERT INTO resolutions (symbol, latest_revision) VALUES ($1, 1)
    ON CONFLICT (symbol) DO NOTHING RETURNING id)sql");
  connection.prepare(kResolutionDigest, R"sql(
    SELECT content_sha256 FROM resolution_revisions
    WHERE resolution_id = $1 AND revision = $2)sql");
  connection.prepare(kSetResolutionRevision,
                     "UPDATE resolutions SET latest_revision = $2 WHERE id = $1");
  connection.prepare(kInsertResolutionRevision, absl::StrCat(R"sql(
    INSERT INTO resolution_revisions
      (resolution_id, revision, document_id, body, adopted_year, adopted_month, adopted_day,
       title, aliases, paragraphs, refs, content_sha256)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, )sql", TextArray(9), ", $10::jsonb, ",
                                                            TextArray(11), ", $12)"));
  connection.prepare(kInsertAlias, R"sql(
    INSERT INTO resolution_aliases (alias_key, resolution_id, alias) VALUES ($1, $2, $3)
    ON CONFLICT (alias_key) DO NOTHING)sql");

  connection.prepare(kLockStatement,
                     "SELECT id, latest_revision FROM statements WHERE public_id = $1 FOR UPDATE");
  connection.prepare(kCreateStatement, R"sql(
    INSERT INTO statements (public_id, latest_revision) VALUES ($1, 1)
    ON CONFLICT (public_id) DO NOTHING RETURNING id)sql");
  connection.prepare(kStatementDigest, R"sql(
    SELECT content_sha256 FROM statement_revisions
    WHERE statement_id = $1 AND revision = $2)sql");
  connection.prepare(kSetStatementRevision,
                     "UPDATE statements SET latest_revision = $2 WHERE id = $1");
  connection.prepare(kInsertStatementRevision, absl::StrCat(R"sql(
    INSERT INTO statement_revisions
      (statement_id, revision, document_id, headline, speaker, speaker_role,
       date_year, date_month, date_day, places, body_text, quotes, refs, content_sha256)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, )sql", TextArray(10), ", $11, $12::jsonb, ",
                                                            TextArray(13), ", $14)"));

  connection.prepare(kInsertDocumentEntry, R"sql(
    INSERT INTO document_entries (document_id, ordinal, kind, entity_id, revision)
    VALUES ($1, $2, $3, $4, $5))sql");
  // Taking the row lock last keeps the time writers queue on it short; see
  // 0001_initial.sql for why this lock makes the feed gap-free.
  connection.prepare(kAdvanceFeed,
                     "UPDATE feed_head SET position = position + $1 RETURNING position");
  connection.prepare(kInsertFeedEvent, R"sql(
    INSERT INTO feed_events (position, kind, entity_id, revision) VALUES ($1, $2, $3, $4))sql");
  connection.prepare(kNotifyFeed, absl::StrCat("SELECT pg_notify('", kFeedChannel, "', $1)"));

  connection.prepare(kDocumentResolutions, absl::StrCat("SELECT e.ordinal, ", kResolutionColumns, R"sql(
    FROM document_entries e
    JOIN resolutions r ON r.id = e.entity_id
    JOIN resolution_revisions v ON v.resolution_id = r.id AND v.revision = e.revision
    JOIN documents d ON d.id = v.document_id
    WHERE e.document_id = $1 AND e.kind = 'resolution')sql"));
  connection.prepare(kDocumentStatements, absl::StrCat("SELECT e.ordinal, ", kStatementColumns, R"sql(
    FROM document_entries e
    JOIN statements s ON s.id = e.entity_id
    JOIN statement_revisions v ON v.statement_id = s.id AND v.revision = e.revision
    JOIN documents d ON d.id = v.document_id
    WHERE e.document_id = $1 AND e.kind = 'statement')sql"));

  // The first key that names a resolution wins. Three keys as plain
  // parameters, not an array: the planner then looks each up in the index.
  connection.prepare(kGetResolution, absl::StrCat("SELECT ", kResolutionColumns, R"sql(
    FROM resolution_aliases k
    JOIN resolutions r ON r.id = k.resolution_id
    JOIN resolution_revisions v
      ON v.resolution_id = r.id
     AND v.revision = CASE WHEN $4 = 0 THEN r.latest_revision ELSE $4 END
    JOIN documents d ON d.id = v.document_id
    WHERE k.alias_key IN ($1, $2, $3)
    ORDER BY CASE k.alias_key WHEN $1 THEN 1 WHEN $2 THEN 2 ELSE 3 END
    LIMIT 1)sql"));
  connection.prepare(kGetStatement, absl::StrCat("SELECT ", kStatementColumns, R"sql(
    FROM statements s
    JOIN statement_revisions v
      ON v.statement_id = s.id
     AND v.revision = CASE WHEN $2 = 0 THEN s.latest_revision ELSE $2 END
    JOIN documents d ON d.id = v.document_id
    WHERE s.public_id = $1)sql"));

  // Feed events in (after, last], with the revision each announces.
  connection.prepare(kFeedResolutions, absl::StrCat(
      "SELECT f.position, (extract(epoch FROM f.committed_at) * 1000000)::bigint, ",
      kResolutionColumns, R"sql(
    FROM feed_events f
    JOIN resolutions r ON r.id = f.entity_id
    JOIN resolution_revisions v ON v.resolution_id = r.id AND v.revision = f.revision
    JOIN documents d ON d.id = v.document_id
    WHERE f.kind = 'resolution' AND f.position > $1 AND f.position <= $2)sql"));
  connection.prepare(kFeedStatements, absl::StrCat(
      "SELECT f.position, (extract(epoch FROM f.committed_at) * 1000000)::bigint, ",
      kStatementColumns, R"sql(
    FROM feed_events f
    JOIN statements s ON s.id = f.entity_id
    JOIN statement_revisions v ON v.statement_id = s.id AND v.revision = f.revision
    JOIN documents d ON d.id = v.document_id
    WHERE f.kind = 'statement' AND f.position > $1 AND f.position <= $2)sql"));
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
  connection.prepare(kCountResolutions, absl::StrCat("SELECT count(*)", kLatestResolutionsOnly,
                                                     " WHERE ", kResolutionFilters));
  connection.prepare(kCountStatements, absl::StrCat("SELECT count(*)", kLatestStatementsOnly,
                                                    " WHERE ", kStatementFilters));

  connection.prepare(kSearchResolutions,
                     SearchSql(kResolutionColumns, kLatestResolutionsOnly, kLatestResolutions,
                               kResolutionFilters, "r.id",
                               "v.title || '. ' || plenary_json_texts(v.paragraphs, 'text')"));
  connection.prepare(kSearchStatements,
                     SearchSql(kStatementColumns, kLatestStatementsOnly, kLatestStatements,
                               kStatementFilters, "s.id", "v.headline || '. ' || v.body_text"));
  // Counts of every match by body and year.
  connection.prepare(kResolutionFacets,
                     absl::StrCat("SELECT v.body, v.adopted_year, count(*)", kLatestResolutionsOnly,
                                  " WHERE ", kResolutionFilters, " GROUP BY 1, 2"));
  connection.prepare(kStatementFacets,
                     absl::StrCat("SELECT v.date_year, count(*)", kLatestStatementsOnly, " WHERE ",
                                  kStatementFilters, " GROUP BY 1"));
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
