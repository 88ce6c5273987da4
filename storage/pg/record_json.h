// The JSON forms in which records' lists travel to and from PostgreSQL
// (jsonb columns, and text[] passed as JSON arrays), and content digests.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/records.h"

namespace plenary::storage::pg {

// JSON text; invalid UTF-8 cannot come from the parsers, which validate
// their input: should it ever, it is replaced rather than thrown on.
std::string Dump(const nlohmann::json& value);

// [year, month, day], 0 for what is unknown.
nlohmann::json DateJson(const PartialDate& date);

// The readers take JSON text or a parsed array; what is not the expected
// shape reads as empty.
nlohmann::json ParagraphsJson(const std::vector<Paragraph>& paragraphs);
std::vector<Paragraph> ParagraphsFromJson(const std::string& json);
std::vector<Paragraph> ParagraphsFromJson(const nlohmann::json& array);

nlohmann::json QuotesJson(const std::vector<Quote>& quotes);
std::vector<Quote> QuotesFromJson(const std::string& json);
std::vector<Quote> QuotesFromJson(const nlohmann::json& array);

std::vector<std::string> StringsFromJson(const std::string& json);
std::vector<std::string> StringsFromJson(const nlohmann::json& array);

// How a resolution was adopted (its vote, meeting and source documents), as
// one object: {} when no source states any of it.
nlohmann::json AdoptionJson(const Resolution& resolution);
void AdoptionFromJson(const std::string& json, Resolution& resolution);
void AdoptionFromJson(const nlohmann::json& object, Resolution& resolution);

// Raw SHA-256 of what a record says (aliases aside: they name the record,
// they are not its content). Equal digests mean an unchanged restatement.
std::string ContentDigest(const Resolution& resolution);
std::string ContentDigest(const Statement& statement);

}  // namespace plenary::storage::pg
