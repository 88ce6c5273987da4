// The web-search syntax of queries (Search's query, the List calls' text
// filter, the feed's query), parsed once: words; "quoted phrases"; -word or
// -"phrase" to exclude; OR (any case) between alternatives. Anything else is
// punctuation. Parsing also makes the text safe for PostgreSQL's
// websearch_to_tsquery, which fails on runs of operators ("-----").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace plenary::registry {

// Lower case, accents folded (é is e, ß is ss, œ is oe), words split at
// anything that is not a letter or a digit: the form both the query and the
// text are compared in.
std::vector<std::string> SearchWords(std::string_view text);

class WebSearchQuery {
 public:
  // Terms a query may hold: enough for any question, few enough to bound
  // the work of matching it against every feed event.
  static constexpr int kMaxTerms = 32;

  // INVALID_ARGUMENT naming `field` when the query holds more than
  // kMaxTerms terms. A query of punctuation only is empty.
  static absl::StatusOr<WebSearchQuery> Parse(std::string_view query, absl::string_view field);

  // Parse for a query that was given, to search by: also INVALID_ARGUMENT
  // naming `field` when it holds no word to search for (punctuation only).
  static absl::StatusOr<WebSearchQuery> ParseGiven(std::string_view query,
                                                   absl::string_view field);

  bool empty() const { return groups_.empty(); }

  // The query rewritten for websearch_to_tsquery: the same meaning, one
  // operator per term at most; empty for an empty query.
  std::string ForPostgres() const;

  // Whether `words` (SearchWords of a record's text) satisfies the query:
  // every group has an alternative that holds; a term holds when its words
  // appear in a row (whole words, no stemming), or, negated, when they do not.
  bool Matches(const std::vector<std::string>& words) const;

 private:
  struct Term {
    std::string text;                // as written, operators taken out
    std::vector<std::string> words;  // SearchWords(text): one word, or a phrase
    bool negated = false;
    bool phrase = false;
  };
  // All groups must hold; a group holds when one of its terms does.
  std::vector<std::vector<Term>> groups_;
};

}  // namespace plenary::registry
