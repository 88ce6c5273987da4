#include "storage/pg/record_backfill.h"

#include <stdexcept>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "codec/record_codec.h"
#include "google/protobuf/util/json_util.h"
#include "storage/pg/record_json.h"
#include "storage/pg/vote_keys.h"

namespace plenary::storage::pg {
namespace {

// The columns of a revision written before 0006, as the protobuf JSON form
// of its content message: protobuf's own parser then reads them. Dates and
// votes that were not stated stay out, as codec::ToProto leaves them unset.
constexpr char kResolutionsToEncode[] = R"sql(
  SELECT v.resolution_id, v.revision, jsonb_strip_nulls(jsonb_build_object(
    'symbol', r.symbol, 'body', v.body,
    'adopted', CASE WHEN v.adopted_year <> 0 THEN jsonb_build_object(
      'year', v.adopted_year, 'month', v.adopted_month, 'day', v.adopted_day) END,
    'title', v.title, 'paragraphs', v.paragraphs, 'references', to_jsonb(v.refs),
    'vote', v.adoption -> 'vote',
    'meeting', CASE WHEN v.adoption ? 'meeting' THEN jsonb_build_object(
      'record', v.adoption #> '{meeting,record}',
      'number', v.adoption #> '{meeting,number}',
      'date', CASE WHEN coalesce((v.adoption #>> '{meeting,date,0}')::int, 0) <> 0
                   THEN jsonb_build_object('year', v.adoption #> '{meeting,date,0}',
                                           'month', v.adoption #> '{meeting,date,1}',
                                           'day', v.adoption #> '{meeting,date,2}') END) END,
    'source_documents', v.adoption -> 'source_documents'))::text
  FROM resolution_revisions v JOIN resolutions r ON r.id = v.resolution_id
  WHERE v.record IS NULL AND (v.resolution_id, v.revision) > ($1, $2)
  ORDER BY v.resolution_id, v.revision
  LIMIT 1000)sql";

constexpr char kStatementsToEncode[] = R"sql(
  SELECT v.statement_id, v.revision, jsonb_strip_nulls(jsonb_build_object(
    'headline', v.headline, 'speaker', v.speaker, 'speaker_role', v.speaker_role,
    'date', CASE WHEN v.date_year <> 0 THEN jsonb_build_object(
      'year', v.date_year, 'month', v.date_month, 'day', v.date_day) END,
    'places', to_jsonb(v.places), 'text', v.body_text, 'quotes', v.quotes,
    'references', to_jsonb(v.refs)))::text
  FROM statement_revisions v
  WHERE v.record IS NULL AND (v.statement_id, v.revision) > ($1, $2)
  ORDER BY v.statement_id, v.revision
  LIMIT 1000)sql";

std::string SetRecordsSql(const char* table, const char* record_id) {
  return absl::StrCat("UPDATE ", table, " v SET record = decode(x.record, 'hex'),"
                      " content_sha256 = sha256(decode(x.record, 'hex'))"
                      " FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, revision integer,"
                      " record text) WHERE v.", record_id, " = x.id AND v.revision = x.revision");
}

template <typename Message>
Message ParseProtoJson(const std::string& json) {
  Message message;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(json, &message, options).ok()) {
    throw std::runtime_error("a stored revision does not make a record: " + json.substr(0, 200));
  }
  return message;
}

// Reads the revisions `select` returns ($1, $2: the key to start after) a
// thousand at a time in key order, each pass starting after the last (no
// pass reads the rows already rewritten), and writes with `update` ($1: a
// JSON array) what `rewrite` makes of each row (null: nothing to write).
template <typename Rewrite>
void RewriteRevisions(pqxx::work& tx, const char* select, const std::string& update,
                      Rewrite rewrite) {
  int64_t last_id = 0;
  int last_revision = 0;
  while (true) {
    const pqxx::result rows = tx.exec_params(select, last_id, last_revision);
    if (rows.empty()) return;
    last_id = rows.back()[0].as<int64_t>();
    last_revision = rows.back()[1].as<int>();
    nlohmann::json rewritten = nlohmann::json::array();
    for (const pqxx::row& row : rows) {
      nlohmann::json written = rewrite(row);
      if (!written.is_null()) rewritten.push_back(std::move(written));
    }
    if (!rewritten.empty()) tx.exec_params0(update, Dump(rewritten));
  }
}

// Encodes each revision `select` returns as codec::ContentBytes encodes a
// record read afresh, so that a restatement after the upgrade is
// recognized as unchanged.
template <typename Message>
void EncodeRevisions(pqxx::work& tx, const char* select, const std::string& update) {
  RewriteRevisions(tx, select, update, [](const pqxx::row& row) {
    const auto stored = codec::FromProto(ParseProtoJson<Message>(row[2].as<std::string>()));
    std::string bytes;
    if constexpr (std::is_same_v<Message, v1::Resolution>) {
      bytes = codec::ContentBytes(stored.resolution);
    } else {
      bytes = codec::ContentBytes(stored.statement);
    }
    return nlohmann::json{{"id", row[0].as<int64_t>()},
                          {"revision", row[1].as<int>()},
                          {"record", absl::BytesToHexString(bytes)}};
  });
}

constexpr char kResolutionRecords[] = R"sql(
  SELECT resolution_id, revision, record FROM resolution_revisions
  WHERE (resolution_id, revision) > ($1, $2)
  ORDER BY resolution_id, revision
  LIMIT 1000)sql";

constexpr char kSetVoteKeys[] = R"sql(
  UPDATE resolution_revisions v SET vote_keys = x.vote_keys
  FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, revision integer, vote_keys text[])
  WHERE v.resolution_id = x.id AND v.revision = x.revision)sql";

}  // namespace

void WriteVoteKeys(pqxx::work& tx) {
  RewriteRevisions(tx, kResolutionRecords, kSetVoteKeys, [](const pqxx::row& row) {
    Resolution resolution;
    if (!codec::ContentFromBytes(pqxx::binarystring(row[2]).str(), resolution)) {
      throw std::runtime_error(absl::StrCat("the record of resolution ", row[0].as<int64_t>(),
                                            " revision ", row[1].as<int>(),
                                            " cannot be decoded"));
    }
    const std::vector<std::string> keys = VoteKeys(resolution.vote);
    if (keys.empty()) return nlohmann::json();
    return nlohmann::json{
        {"id", row[0].as<int64_t>()}, {"revision", row[1].as<int>()}, {"vote_keys", keys}};
  });
}

void EncodeStoredRecords(pqxx::work& tx) {
  EncodeRevisions<v1::Resolution>(tx, kResolutionsToEncode,
                                  SetRecordsSql("resolution_revisions", "resolution_id"));
  EncodeRevisions<v1::Statement>(tx, kStatementsToEncode,
                                 SetRecordsSql("statement_revisions", "statement_id"));
}

}  // namespace plenary::storage::pg
