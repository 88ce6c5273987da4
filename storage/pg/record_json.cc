#include "storage/pg/record_json.h"

namespace plenary::storage::pg {

using nlohmann::json;

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

json QuotesJson(const std::vector<Quote>& quotes) {
  json array = json::array();
  for (const Quote& quote : quotes) {
    array.push_back({{"text", quote.text}, {"speaker", quote.speaker}});
  }
  return array;
}

std::vector<std::string> StringsFromJson(const std::string& text) {
  // Malformed JSON here means the database holds what this code never
  // wrote: it reads as empty rather than crash the server.
  const json array = json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> strings;
  if (!array.is_array()) return strings;
  for (const json& item : array) {
    if (item.is_string()) strings.push_back(item.get<std::string>());
  }
  return strings;
}

}  // namespace plenary::storage::pg
