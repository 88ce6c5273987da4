#include "storage/pg/pg_registry_store.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "model/symbol.h"
#include "storage/pg/record_json.h"
#include "storage/pg/row_decoding.h"
#include "storage/pg/statements.h"
#include "storage/pg/vote_keys.h"

namespace plenary::storage::pg {
namespace {

using nlohmann::json;

// Bounds the transaction's statements by `deadline`: PostgreSQL cancels
// one that runs past it (DEADLINE_EXCEEDED, see errors.cc). DEADLINE_EXCEEDED
// at once when it has passed.
absl::Status StopAt(pqxx::transaction_base& tx, absl::Time deadline) {
  if (deadline == absl::InfiniteFuture()) return absl::OkStatus();
  const int64_t left_ms = absl::ToInt64Milliseconds(deadline - absl::Now());
  if (left_ms < 1) return absl::DeadlineExceededError("the caller's deadline has passed");
  tx.exec0(absl::StrCat("SET LOCAL statement_timeout = ", left_ms));
  return absl::OkStatus();
}

// The values of a query's filters, in the order of their parameters in
// statements.cc's filters.
std::vector<std::string> ResolutionFilterValues(const ListQuery& query) {
  const std::string voted = query.voted_member_state.empty()
                                ? std::string()
                                : VoteKey(query.voted_member_state, query.voted_position);
  return {query.body, query.from, query.to, query.reference, query.text, voted};
}

std::vector<std::string> StatementFilterValues(const ListQuery& query) {
  return {query.speaker, query.from, query.to, query.reference, query.text};
}

// Runs a listing statement and its count in one snapshot. `decode` turns a
// row into an item; the row's last two columns are its sort key and id.
template <typename T, typename Decode>
absl::Status List(ConnectionPool& pool, const char* operation, const char* statement,
                  const char* count, const std::vector<std::string>& filters,
                  const ListQuery& query, Decode decode, Page<T>& page) {
  return pool.Run(operation, [&](pqxx::connection& connection) {
    pqxx::read_transaction tx(connection);
    if (absl::Status running = StopAt(tx, query.deadline); !running.ok()) return running;
    const bool has_after = query.after.has_value();
    const pqxx::result rows = tx.exec_prepared(
        statement, pqxx::prepare::make_dynamic_params(filters), has_after,
        has_after ? query.after->sort_key : std::string(), has_after ? query.after->id : 0,
        query.limit + 1);
    for (const pqxx::row& row : rows) {
      if (static_cast<int>(page.items.size()) == query.limit) {
        const pqxx::row& last = rows[query.limit - 1];
        page.next = PageKey{last[last.size() - 2].as<std::string>(),
                            last[last.size() - 1].as<int64_t>()};
        break;
      }
      page.items.push_back(decode(row));
    }
    page.total = tx.exec_prepared1(count, pqxx::prepare::make_dynamic_params(filters),
                                   query.count_limit + 1)[0]
                     .as<int64_t>();
    return absl::OkStatus();
  });
}

// A snippet on one line: passages keep their line breaks from the source.
std::string OneLine(const std::string& text) {
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (!space) {
      line += c;
    } else if (!line.empty() && line.back() != ' ') {
      line += ' ';
    }
  }
  return line;
}

std::vector<std::pair<std::string, int64_t>> Largest(const std::map<std::string, int64_t>& counts) {
  std::vector<std::pair<std::string, int64_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return sorted;
}

}  // namespace

absl::StatusOr<StoredResolution> PgRegistryStore::GetResolution(
    const std::vector<std::string>& alias_keys, int revision) {
  std::optional<StoredResolution> found;
  absl::Status status = pool_.Run("get resolution", [&](pqxx::connection& connection) {
    std::vector<std::string> keys = alias_keys;
    keys.resize(kMaxLookupKeys);  // unused places match no key: keys are never empty
    const pqxx::result rows = pqxx::nontransaction(connection).exec_prepared(
        kGetResolution, keys[0], keys[1], keys[2], revision);
    if (!rows.empty()) found = ResolutionFromRow(rows[0]);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found.has_value()) return absl::NotFoundError("no such resolution");
  return *std::move(found);
}

absl::StatusOr<std::vector<std::optional<StoredResolution>>> PgRegistryStore::GetResolutions(
    const std::vector<std::vector<std::string>>& lookups) {
  std::vector<std::optional<StoredResolution>> found(lookups.size());
  if (lookups.empty()) return found;
  if (lookups.size() == 1) {  // the single lookup's statement is the quicker for one
    absl::StatusOr<StoredResolution> one = GetResolution(lookups[0], 0);
    if (one.ok()) {
      found[0] = *std::move(one);
    } else if (one.status().code() != absl::StatusCode::kNotFound) {
      return one.status();
    }
    return found;
  }
  json wanted = json::array();
  for (size_t i = 0; i < lookups.size(); ++i) {
    std::vector<std::string> keys = lookups[i];
    keys.resize(kMaxLookupKeys);  // unused places match no key, as in GetResolution
    wanted.push_back({{"i", i}, {"k1", keys[0]}, {"k2", keys[1]}, {"k3", keys[2]}});
  }
  absl::Status status = pool_.Run("get resolutions", [&](pqxx::connection& connection) {
    for (const pqxx::row& row :
         pqxx::nontransaction(connection).exec_prepared(kGetResolutions, Dump(wanted))) {
      found[row[0].as<size_t>()] = ResolutionFromRow(row, 1);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return found;
}

absl::StatusOr<StoredStatement> PgRegistryStore::GetStatement(absl::string_view id,
                                                              int revision) {
  std::optional<StoredStatement> found;
  absl::Status status = pool_.Run("get statement", [&](pqxx::connection& connection) {
    const pqxx::result rows = pqxx::nontransaction(connection).exec_prepared(
        kGetStatement, std::string(id), revision, SymbolKey(std::string(id)));
    if (!rows.empty()) found = StatementFromRow(rows[0]);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found.has_value()) return absl::NotFoundError("no such statement");
  return *std::move(found);
}

absl::StatusOr<Page<StoredResolution>> PgRegistryStore::ListResolutions(const ListQuery& query) {
  Page<StoredResolution> page;
  absl::Status status =
      List(pool_, "list resolutions", ListResolutionsStatement(query.order_by_date, query.descending),
           kCountResolutions, ResolutionFilterValues(query), query,
           [](const pqxx::row& row) { return ResolutionFromRow(row); }, page);
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<Page<StoredStatement>> PgRegistryStore::ListStatements(const ListQuery& query) {
  Page<StoredStatement> page;
  absl::Status status =
      List(pool_, "list statements", ListStatementsStatement(query.order_by_date, query.descending),
           kCountStatements, StatementFilterValues(query), query,
           [](const pqxx::row& row) { return StatementFromRow(row); }, page);
  if (!status.ok()) return status;
  return page;
}

namespace {

// The matches of one kind: its best hits, and the counts of all the
// matches it found by facet.
struct KindMatches {
  std::vector<SearchHit> hits;
  std::map<std::string, int64_t> bodies, years;
  int64_t count = 0;
};

absl::StatusOr<KindMatches> SearchKind(ConnectionPool& pool, const SearchQuery& query,
                                       bool resolutions) {
  KindMatches matches;
  absl::Status status = pool.Run("search", [&](pqxx::connection& connection) {
    pqxx::read_transaction tx(connection);
    // The best plan depends on how common the words are (see SearchSql),
    // which a generic plan cannot know. Pages are costed as cached, as a
    // busy registry's are: else a rare word's few matches are joined to
    // their records by scanning every record (9 ms -> 1 ms for "item 4242").
    tx.exec0(
        "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL random_page_cost = 1.1");
    if (absl::Status running = StopAt(tx, query.deadline); !running.ok()) return running;
    ListQuery filters = query.filters;
    filters.text = query.words;
    const int wanted = query.offset + query.limit + 1;
    const pqxx::result rows = tx.exec_prepared(
        resolutions ? kSearchResolutions : kSearchStatements,
        pqxx::prepare::make_dynamic_params(resolutions ? ResolutionFilterValues(filters)
                                                       : StatementFilterValues(filters)),
        wanted, query.match_limit);
    const int columns = resolutions ? kResolutionColumnCount : kStatementColumnCount;
    for (const pqxx::row& row : rows) {
      matches.hits.push_back({resolutions ? StoredEntry(ResolutionFromRow(row))
                                          : StoredEntry(StatementFromRow(row)),
                              row[columns].as<double>(),
                              OneLine(row[columns + 1].as<std::string>())});
    }
    if (rows.empty()) return absl::OkStatus();  // nothing matched
    // Every hit row ends with the counts of the matches by facet: [body,
    // year, n] for resolutions, [year, n] for statements.
    for (const json& facet : json::parse(rows[0][columns + 2].as<std::string>())) {
      const int64_t n = facet.back().get<int64_t>();
      const int year = facet[facet.size() - 2].get<int>();
      if (facet.size() == 3) matches.bodies[facet[0].get<std::string>()] += n;
      if (year != 0) matches.years[absl::StrCat(year)] += n;
      matches.count += n;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return matches;
}

}  // namespace

absl::StatusOr<SearchResults> PgRegistryStore::Search(const SearchQuery& query) {
  // With an executor, the two kinds are searched at once, each on its own
  // connection: a query's latency is then the slower kind's, not the sum.
  // Neither holds a connection while it waits for the other, so a busy pool
  // cannot deadlock them; a busy executor runs the statements here, after
  // the resolutions (see Forked).
  auto search_statements = [this, &query] { return SearchKind(pool_, query, false); };
  std::optional<Forked<absl::StatusOr<KindMatches>>> statements;
  if (query.statements && query.resolutions && fan_out_ != nullptr) {
    statements.emplace(*fan_out_, search_statements);
  }
  std::vector<std::pair<const char*, absl::StatusOr<KindMatches>>> kinds;
  if (query.resolutions) kinds.emplace_back("resolution", SearchKind(pool_, query, true));
  if (query.statements) {
    kinds.emplace_back("statement", statements ? statements->Join() : search_statements());
  }

  SearchResults results;
  std::map<std::string, int64_t> bodies, years;
  for (auto& [kind, matches] : kinds) {
    if (!matches.ok()) return matches.status();
    if (matches->hits.empty()) continue;
    for (SearchHit& hit : matches->hits) results.hits.push_back(std::move(hit));
    for (const auto& [body, n] : matches->bodies) bodies[body] += n;
    for (const auto& [year, n] : matches->years) years[year] += n;
    if (matches->count > query.match_limit) results.truncated = true;
    results.kinds.push_back({kind, matches->count});
    results.total += matches->count;
  }
  results.bodies = Largest(bodies);
  results.years = Largest(years);
  // Best first across both kinds; the page is a slice of that order.
  std::stable_sort(results.hits.begin(), results.hits.end(),
                   [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  results.more = static_cast<int>(results.hits.size()) > query.offset + query.limit;
  const size_t begin = std::min(results.hits.size(), static_cast<size_t>(query.offset));
  const size_t end = std::min(results.hits.size(), static_cast<size_t>(query.offset + query.limit));
  results.hits = std::vector<SearchHit>(results.hits.begin() + begin, results.hits.begin() + end);
  return results;
}

}  // namespace plenary::storage::pg
