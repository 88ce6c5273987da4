#include "storage/pg/row_decoding.h"

#include <string>

#include "pqxx/field"
#include "storage/pg/record_json.h"

namespace plenary::storage::pg {
namespace {

SourceInfo SourceFromRow(const pqxx::row& row, int first) {
  SourceInfo source;
  source.document_id = row[first].as<int64_t>();
  source.uri = row[first + 1].as<std::string>();
  source.sha256_hex = row[first + 2].as<std::string>();
  source.media_type = row[first + 3].as<std::string>();
  source.ingested_at = absl::FromUnixMicros(row[first + 4].as<int64_t>());
  return source;
}

}  // namespace

StoredResolution ResolutionFromRow(const pqxx::row& row, int first) {
  StoredResolution stored;
  Resolution& resolution = stored.resolution;
  resolution.symbol = row[first].as<std::string>();
  stored.revision = row[first + 1].as<int>();
  resolution.body = row[first + 2].as<std::string>();
  resolution.adopted = {row[first + 3].as<int>(), row[first + 4].as<int>(),
                        row[first + 5].as<int>()};
  resolution.title = row[first + 6].as<std::string>();
  resolution.paragraphs = ParagraphsFromJson(row[first + 7].as<std::string>());
  resolution.references = StringsFromJson(row[first + 8].as<std::string>());
  AdoptionFromJson(row[first + 9].as<std::string>(), resolution);
  resolution.aliases = StringsFromJson(row[first + 10].as<std::string>());
  stored.source = SourceFromRow(row, first + 11);
  return stored;
}

StoredStatement StatementFromRow(const pqxx::row& row, int first) {
  StoredStatement stored;
  Statement& statement = stored.statement;
  stored.id = row[first].as<std::string>();
  stored.revision = row[first + 1].as<int>();
  statement.headline = row[first + 2].as<std::string>();
  statement.speaker = row[first + 3].as<std::string>();
  statement.speaker_role = row[first + 4].as<std::string>();
  statement.date = {row[first + 5].as<int>(), row[first + 6].as<int>(), row[first + 7].as<int>()};
  statement.places = StringsFromJson(row[first + 8].as<std::string>());
  statement.text = row[first + 9].as<std::string>();
  statement.quotes = QuotesFromJson(row[first + 10].as<std::string>());
  statement.references = StringsFromJson(row[first + 11].as<std::string>());
  stored.source = SourceFromRow(row, first + 12);
  return stored;
}

}  // namespace plenary::storage::pg
