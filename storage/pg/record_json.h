// JSON as SQL parameters and results: the set-based statements take their
// rows as one JSON array, and the searchable lists of a revision (its
// paragraphs, its quotes) are jsonb columns. Records themselves travel
// encoded by codec/record_codec.h.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/records.h"

namespace plenary::storage::pg {

// JSON text; invalid UTF-8 cannot come from the parsers, which validate
// their input: should it ever, it is replaced rather than thrown on.
std::string Dump(const nlohmann::json& value);

// The columns search reads: [{"number", "text"}], [{"text", "speaker"}].
nlohmann::json ParagraphsJson(const std::vector<Paragraph>& paragraphs);
nlohmann::json QuotesJson(const std::vector<Quote>& quotes);

// A JSON array of strings; what is not one reads as empty.
std::vector<std::string> StringsFromJson(const std::string& json);

}  // namespace plenary::storage::pg
