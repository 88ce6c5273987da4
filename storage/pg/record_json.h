// The JSON forms in which records' lists travel to and from PostgreSQL
// (jsonb columns, and text[] passed as JSON arrays), and content digests.
#pragma once

#include <string>
#include <vector>

#include "model/records.h"

namespace plenary::storage::pg {

std::string ParagraphsToJson(const std::vector<Paragraph>& paragraphs);
std::vector<Paragraph> ParagraphsFromJson(const std::string& json);

std::string QuotesToJson(const std::vector<Quote>& quotes);
std::vector<Quote> QuotesFromJson(const std::string& json);

std::string StringsToJson(const std::vector<std::string>& strings);
std::vector<std::string> StringsFromJson(const std::string& json);

// Raw SHA-256 of what a record says (aliases aside: they name the record,
// they are not its content). Equal digests mean an unchanged restatement.
std::string ContentDigest(const Resolution& resolution);
std::string ContentDigest(const Statement& statement);

}  // namespace plenary::storage::pg
