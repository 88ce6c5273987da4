#include "storage/pg/record_json.h"

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

}  // namespace

json DateJson(const PartialDate& date) { return {date.year, date.month, date.day}; }

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ParagraphsJson(const std::vector<Paragraph>& paragraphs) {
  json array = json::array();
  for (const Paragraph& paragraph : paragraphs) {
    array.push_back({{"number", paragraph.number}, {"text", paragraph.text}});
  }
  return array;
}

std::vector<Paragraph> ParagraphsFromJson(const json& array) {
  std::vector<Paragraph> paragraphs;
  if (!array.is_array()) return paragraphs;
  for (const json& item : array) {
    paragraphs.push_back({StringField(item, "number"), StringField(item, "text")});
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

std::string ContentDigest(const Resolution& resolution) {
  const json content = {resolution.symbol,
                        resolution.body,
                        DateJson(resolution.adopted),
                        resolution.title,
                        ParagraphsJson(resolution.paragraphs),
                        resolution.references};
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
