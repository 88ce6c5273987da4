// What the registry's queries need from storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "model/stored.h"

namespace plenary::storage {

// Where a page starts: after the row with this sort key and id.
struct PageKey {
  std::string sort_key;
  int64_t id = 0;
  friend bool operator==(const PageKey&, const PageKey&) = default;
};

// Filters over the latest revisions; an empty field does not filter.
struct ListQuery {
  std::string body;       // resolutions: adopting organ, case aside
  std::string speaker;    // statements: speaker, case aside
  std::string from;       // "YYYY-MM-DD": records whose date's period ends on or after it
  std::string to;         // "YYYY-MM-DD": records whose date's period starts on or before it
  std::string reference;  // canonical symbol the record cites
  std::string text;       // words, web-search syntax
  // Resolutions whose vote names this Member State (ISO 3166-1 alpha-3),
  // in voted_position unless that is kUnspecified.
  std::string voted_member_state;
  VotePosition voted_position = VotePosition::kUnspecified;
  bool order_by_date = false;  // else by symbol (resolutions) or id (statements)
  bool descending = false;
  int limit = 50;
  std::optional<PageKey> after;
  // When the caller gives up: the database stops the query then, and one
  // already past is not started (DEADLINE_EXCEEDED).
  absl::Time deadline = absl::InfiniteFuture();
  // Matches are counted up to count_limit + 1: counting every match of a
  // broad filter would cost more than the page (~100 ms for 85k rows).
  int64_t count_limit = 10000;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<PageKey> next;  // set when more rows follow
  // Rows matching the filters, up to count_limit + 1: count_limit + 1
  // means more than count_limit.
  int64_t total = 0;
};

// One full-text match.
struct SearchHit {
  StoredEntry entry;
  double score = 0;
  std::string snippet;  // matched words between <b> and </b>
};

struct SearchQuery {
  std::string words;  // web-search syntax
  bool resolutions = true;
  bool statements = true;
  ListQuery filters;  // body, speaker, from, to, reference, voted_*
  int offset = 0;
  int limit = 20;
  // How many matches of each kind are ranked and counted at most: a query
  // that matches most of the registry costs no more than this many.
  int match_limit = 1000;
  absl::Time deadline = absl::InfiniteFuture();  // as in ListQuery
};

struct SearchResults {
  std::vector<SearchHit> hits;  // best first
  bool more = false;
  int64_t total = 0;
  std::vector<std::pair<std::string, int64_t>> bodies;  // matches per body
  std::vector<std::pair<std::string, int64_t>> years;   // matches per year
  std::vector<std::pair<std::string, int64_t>> kinds;   // "resolution", "statement"
  // More than match_limit of a kind matched: hits are the best of the
  // first match_limit, and the counts are lower bounds.
  bool truncated = false;
};

inline constexpr size_t kMaxLookupKeys = 3;

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // The resolution known by the first of `alias_keys` (at most
  // kMaxLookupKeys; see SymbolKey) that names one, at `revision`,
  // or its latest revision when revision is 0. NOT_FOUND when no key is known
  // or the revision does not exist.
  virtual absl::StatusOr<StoredResolution> GetResolution(
      const std::vector<std::string>& alias_keys, int revision) = 0;

  // GetResolution for many resolutions at once, latest revisions, in one
  // round trip: each element of `lookups` is the alias keys of one, and its
  // answer is in the same place, nullopt when no key is known.
  virtual absl::StatusOr<std::vector<std::optional<StoredResolution>>> GetResolutions(
      const std::vector<std::vector<std::string>>& lookups) = 0;

  // The statement with this id, at `revision` (0: latest). NOT_FOUND when
  // there is none.
  virtual absl::StatusOr<StoredStatement> GetStatement(absl::string_view id, int revision) = 0;

  // A page of latest revisions matching `query`, in its order, keyset
  // paginated: rows inserted meanwhile never shift a page.
  virtual absl::StatusOr<Page<StoredResolution>> ListResolutions(const ListQuery& query) = 0;
  virtual absl::StatusOr<Page<StoredStatement>> ListStatements(const ListQuery& query) = 0;

  // Ranked full-text matches over latest revisions, with counts of all
  // matches per body, year and kind.
  virtual absl::StatusOr<SearchResults> Search(const SearchQuery& query) = 0;
};

}  // namespace plenary::storage
