#include "storage/pg/record_json.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "common/sha256.h"

namespace plenary::storage::pg {
namespace {

using nlohmann::json;

// Malformed JSON here means the database holds what this code never wrote:
// it parses to a discarded value, which the readers below take for empty
// rather than crash the server.
json ParseWithoutThrowing(const std::string& text) {
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

std::string StringField(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

int IntField(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::optional<int> CountField(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

}  // namespace

json DateJson(const PartialDate& date) { return {date.year, date.month, date.day}; }

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ParagraphsJson(const std::vector<Paragraph>& paragraphs) {
  json array = json::array();
  for (const Paragraph& paragraph : paragraphs) {
    json item = {{"number", paragraph.number}, {"text", paragraph.text}};
    // Left out when unspecified, so that records read before kinds existed
    // keep their digests.
    if (paragraph.kind != ParagraphKind::kUnspecified) {
      item["kind"] = static_cast<int>(paragraph.kind);
    }
    array.push_back(std::move(item));
  }
  return array;
}

std::vector<Paragraph> ParagraphsFromJson(const json& array) {
  std::vector<Paragraph> paragraphs;
  if (!array.is_array()) return paragraphs;
  for (const json& item : array) {
    const int kind = IntField(item, "kind");
    paragraphs.push_back({StringField(item, "number"), StringField(item, "text"),
                          kind >= 0 && kind <= static_cast<int>(ParagraphKind::kAnnex)
                              ? static_cast<ParagraphKind>(kind)
                              : ParagraphKind::kUnspecified});
  }
  return paragraphs;
}

std::vector<Paragraph> ParagraphsFromJson(const std::string& text) {
  return ParagraphsFromJson(ParseWithoutThrowing(text));
}

json QuotesJson(const std::vector<Quote>& quotes) {
  json array = json::array();
  for (const Quote& quote : quotes) {
    array.push_back({{"text", quote.text}, {"speaker", quote.speaker}});
  }
  return array;
}

std::vector<Quote> QuotesFromJson(const json& array) {
  std::vector<Quote> quotes;
  if (!array.is_array()) return quotes;
  for (const json& item : array) {
    quotes.push_back({StringField(item, "text"), StringField(item, "speaker")});
  }
  return quotes;
}

std::vector<Quote> QuotesFromJson(const std::string& text) {
  return QuotesFromJson(ParseWithoutThrowing(text));
}

std::vector<std::string> StringsFromJson(const json& array) {
  std::vector<std::string> strings;
  if (!array.is_array()) return strings;
  for (const json& item : array) {
    if (item.is_string()) strings.push_back(item.get<std::string>());
  }
  return strings;
}

std::vector<std::string> StringsFromJson(const std::string& text) {
  return StringsFromJson(ParseWithoutThrowing(text));
}

json AdoptionJson(const Resolution& resolution) {
  json adoption = json::object();
  if (!resolution.vote.empty()) {
    const Vote& vote = resolution.vote;
    json& out = adoption["vote"];
    out = {{"method", static_cast<int>(vote.method)}, {"as_written", vote.as_written}};
    if (vote.in_favour) out["in_favour"] = *vote.in_favour;
    if (vote.against) out["against"] = *vote.against;
    if (vote.abstaining) out["abstaining"] = *vote.abstaining;
  }
  if (!resolution.meeting.empty()) {
    adoption["meeting"] = {{"record", resolution.meeting.record},
                           {"number", resolution.meeting.number},
                           {"date", DateJson(resolution.meeting.date)}};
  }
  if (!resolution.source_documents.empty()) {
    adoption["source_documents"] = resolution.source_documents;
  }
  return adoption;
}

void AdoptionFromJson(const json& object, Resolution& resolution) {
  if (!object.is_object()) return;
  if (auto vote = object.find("vote"); vote != object.end() && vote->is_object()) {
    const int method = IntField(*vote, "method");
    resolution.vote.method = method >= 0 && method <= static_cast<int>(VoteMethod::kShowOfHands)
                                 ? static_cast<VoteMethod>(method)
                                 : VoteMethod::kUnspecified;
    resolution.vote.in_favour = CountField(*vote, "in_favour");
    resolution.vote.against = CountField(*vote, "against");
    resolution.vote.abstaining = CountField(*vote, "abstaining");
    resolution.vote.as_written = StringField(*vote, "as_written");
  }
  if (auto meeting = object.find("meeting"); meeting != object.end() && meeting->is_object()) {
    resolution.meeting.record = StringField(*meeting, "record");
    resolution.meeting.number = IntField(*meeting, "number");
    if (auto date = meeting->find("date"); date != meeting->end() && date->is_array() &&
                                           date->size() == 3) {
      resolution.meeting.date = {(*date)[0].is_number_integer() ? (*date)[0].get<int>() : 0,
                                 (*date)[1].is_number_integer() ? (*date)[1].get<int>() : 0,
                                 (*date)[2].is_number_integer() ? (*date)[2].get<int>() : 0};
    }
  }
  if (auto documents = object.find("source_documents"); documents != object.end()) {
    resolution.source_documents = StringsFromJson(*documents);
  }
}

void AdoptionFromJson(const std::string& text, Resolution& resolution) {
  AdoptionFromJson(ParseWithoutThrowing(text), resolution);
}

std::string ContentDigest(const Resolution& resolution) {
  json content = {resolution.symbol,
                  resolution.body,
                  DateJson(resolution.adopted),
                  resolution.title,
                  ParagraphsJson(resolution.paragraphs),
                  resolution.references};
  // Appended only when stated, so that records without keep their digests.
  if (json adoption = AdoptionJson(resolution); !adoption.empty()) {
    content.push_back(std::move(adoption));
  }
  return Sha256(Dump(content));
}

std::string ContentDigest(const Statement& statement) {
  const json content = {statement.headline,
                        statement.speaker,
                        statement.speaker_role,
                        DateJson(statement.date),
                        statement.places,
                        statement.text,
                        QuotesJson(statement.quotes),
                        statement.references};
  return Sha256(Dump(content));
}

}  // namespace plenary::storage::pg
