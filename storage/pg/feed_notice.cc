#include "storage/pg/feed_notice.h"

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "storage/pg/record_json.h"

namespace plenary::storage::pg {
namespace {

using nlohmann::json;

json SourceJson(const SourceInfo& source) {
  return {{"document_id", source.document_id},
          {"uri", source.uri},
          {"sha256", source.sha256_hex},
          {"media_type", source.media_type},
          {"ingested_at", absl::ToUnixMicros(source.ingested_at)}};
}

SourceInfo SourceFromJson(const json& source) {
  return {source.at("document_id").get<int64_t>(), source.at("uri").get<std::string>(),
          source.at("sha256").get<std::string>(), source.at("media_type").get<std::string>(),
          absl::FromUnixMicros(source.at("ingested_at").get<int64_t>())};
}

PartialDate DateFromJson(const json& date) {
  return {date.at(0).get<int>(), date.at(1).get<int>(), date.at(2).get<int>()};
}

json EntryJson(const StoredResolution& stored) {
  const Resolution& resolution = stored.resolution;
  return {{"kind", "resolution"},
          {"revision", stored.revision},
          {"symbol", resolution.symbol},
          {"body", resolution.body},
          {"adopted", DateJson(resolution.adopted)},
          {"title", resolution.title},
          {"paragraphs", ParagraphsJson(resolution.paragraphs)},
          {"references", resolution.references},
          {"adoption", AdoptionJson(resolution)},
          {"aliases", resolution.aliases},
          {"source", SourceJson(stored.source)}};
}

json EntryJson(const StoredStatement& stored) {
  const Statement& statement = stored.statement;
  return {{"kind", "statement"},
          {"revision", stored.revision},
          {"id", stored.id},
          {"headline", statement.headline},
          {"speaker", statement.speaker},
          {"speaker_role", statement.speaker_role},
          {"date", DateJson(statement.date)},
          {"places", statement.places},
          {"text", statement.text},
          {"quotes", QuotesJson(statement.quotes)},
          {"references", statement.references},
          {"source", SourceJson(stored.source)}};
}

// Throws json::exception when `entry` is not what EntryJson writes.
StoredEntry EntryFromJson(const json& entry) {
  const std::string kind = entry.at("kind").get<std::string>();
  if (kind == "resolution") {
    StoredResolution stored;
    Resolution& resolution = stored.resolution;
    stored.revision = entry.at("revision").get<int>();
    resolution.symbol = entry.at("symbol").get<std::string>();
    resolution.body = entry.at("body").get<std::string>();
    resolution.adopted = DateFromJson(entry.at("adopted"));
    resolution.title = entry.at("title").get<std::string>();
    resolution.paragraphs = ParagraphsFromJson(entry.at("paragraphs"));
    resolution.references = StringsFromJson(entry.at("references"));
    resolution.aliases = StringsFromJson(entry.at("aliases"));
    // Notices of a replica still on the previous release carry none.
    if (auto adoption = entry.find("adoption"); adoption != entry.end()) {
      AdoptionFromJson(*adoption, resolution);
    }
    stored.source = SourceFromJson(entry.at("source"));
    return stored;
  }
  if (kind != "statement") throw std::invalid_argument("unknown entry kind " + kind);
  StoredStatement stored;
  Statement& statement = stored.statement;
  stored.revision = entry.at("revision").get<int>();
  stored.id = entry.at("id").get<std::string>();
  statement.headline = entry.at("headline").get<std::string>();
  statement.speaker = entry.at("speaker").get<std::string>();
  statement.speaker_role = entry.at("speaker_role").get<std::string>();
  statement.date = DateFromJson(entry.at("date"));
  statement.places = StringsFromJson(entry.at("places"));
  statement.text = entry.at("text").get<std::string>();
  statement.quotes = QuotesFromJson(entry.at("quotes"));
  statement.references = StringsFromJson(entry.at("references"));
  stored.source = SourceFromJson(entry.at("source"));
  return stored;
}

}  // namespace

std::optional<std::string> NoticeEntriesJson(absl::Span<const StoredEntry* const> entries) {
  // Stops at the first entry past the limit: a large batch costs one entry.
  std::string array = "[";
  for (const StoredEntry* entry : entries) {
    if (array.size() > 1) array += ',';
    array += std::visit([](const auto& stored) { return Dump(EntryJson(stored)); }, *entry);
    if (array.size() + 1 > kMaxNoticeEntriesBytes) return std::nullopt;
  }
  array += ']';
  return array;
}

FeedNotice ParseFeedNotice(absl::string_view payload) {
  FeedNotice notice;
  if (absl::SimpleAtoi(payload, &notice.last_position)) return notice;
  const json parsed = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return notice;
  try {
    notice.last_position = parsed.at("last").get<int64_t>();
    const absl::Time committed_at = absl::FromUnixMicros(parsed.at("committed_at").get<int64_t>());
    const json& entries = parsed.at("entries");
    int64_t position = notice.last_position - static_cast<int64_t>(entries.size());
    for (const json& entry : entries) {
      notice.records.push_back({++position, committed_at, EntryFromJson(entry)});
    }
  } catch (const std::exception&) {
    notice.records.clear();  // read from the log instead
  }
  return notice;
}

FeedNotice CombineFeedNotices(std::vector<FeedNotice> notices) {
  FeedNotice combined;
  bool carrying = true;
  bool unknown = false;
  for (FeedNotice& notice : notices) {
    carrying = carrying && !notice.records.empty() &&
               (combined.records.empty() ||
                notice.records.front().position == combined.records.back().position + 1);
    if (carrying) {
      for (FeedRecord& record : notice.records) combined.records.push_back(std::move(record));
    }
    unknown = unknown || notice.last_position == 0;
    combined.last_position = notice.last_position;
  }
  if (unknown) combined.last_position = 0;
  return combined;
}

}  // namespace plenary::storage::pg
