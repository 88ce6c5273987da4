#include "storage/pg/row_decoding.h"

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "codec/record_codec.h"
#include "pqxx/binarystring"
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

// [[id, uri, sha256, media_type, received µs, parser_version], ...]
std::vector<SourceInfo> SourcesFromJson(const std::string& text) {
  const nlohmann::json array = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<SourceInfo> sources;
  if (!array.is_array()) return sources;
  for (const nlohmann::json& item : array) {
    if (!item.is_array() || item.size() != 6) continue;
    sources.push_back({item[0].get<int64_t>(), item[1].get<std::string>(),
                       item[2].get<std::string>(), item[3].get<std::string>(),
                       absl::FromUnixMicros(item[4].get<int64_t>()), item[5].get<std::string>()});
  }
  return sources;
}

template <typename Record>
Record ContentFromRow(const pqxx::row& row, int column) {
  Record record;
  if (!codec::ContentFromBytes(pqxx::binarystring(row[column]).str(), record)) {
    throw std::runtime_error("a stored revision's record cannot be decoded");
  }
  return record;
}

}  // namespace

StoredResolution ResolutionFromRow(const pqxx::row& row, int first) {
  StoredResolution stored;
  stored.resolution = ContentFromRow<Resolution>(row, first + 2);
  stored.resolution.symbol = row[first].as<std::string>();
  stored.revision = row[first + 1].as<int>();
  stored.resolution.aliases = StringsFromJson(row[first + 3].as<std::string>());
  stored.source = SourceFromRow(row, first + 4);
  stored.source.parser_version = row[first + 9].as<std::string>();
  stored.resolution.authority = static_cast<Authority>(row[first + 10].as<int>());
  stored.sources = SourcesFromJson(row[first + 11].as<std::string>());
  return stored;
}

StoredStatement StatementFromRow(const pqxx::row& row, int first) {
  StoredStatement stored;
  stored.statement = ContentFromRow<Statement>(row, first + 2);
  stored.id = row[first].as<std::string>();
  stored.revision = row[first + 1].as<int>();
  stored.source = SourceFromRow(row, first + 3);
  stored.source.parser_version = row[first + 8].as<std::string>();
  return stored;
}

}  // namespace plenary::storage::pg
