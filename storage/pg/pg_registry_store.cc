#include "storage/pg/pg_registry_store.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "storage/pg/record_json.h"
#include "storage/pg/row_decoding.h"
#include "storage/pg/statements.h"

namespace plenary::storage::pg {
namespace {

using nlohmann::json;

// Runs a listing statement and its count in one snapshot. `decode` turns a
// row into an item; the row's last two columns are its sort key and id.
template <typename T, typename Decode>
absl::Status List(ConnectionPool& pool, const char* operation, const char* statement,
                  const char* count, const std::string& first_filter, const ListQuery& query,
                  Decode decode, Page<T>& page) {
  return pool.Run(operation, [&](pqxx::connection& connection) {
    pqxx::read_transaction tx(connection);
    const bool has_after = query.after.has_value();
    const pqxx::result rows = tx.exec_prepared(
        statement, first_filter, query.from, query.to, query.reference, query.text, has_after,
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
    page.total = tx.exec_prepared1(count, first_filter, query.from, query.to, query.reference,
                                   query.text, query.count_limit + 1)[0]
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
        kGetStatement, std::string(id), revision);
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
           kCountResolutions, query.body, query,
           [](const pqxx::row& row) { return ResolutionFromRow(row); }, page);
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<Page<StoredStatement>> PgRegistryStore::ListStatements(const ListQuery& query) {
  Page<StoredStatement> page;
  absl::Status status =
      List(pool_, "list statements", ListStatementsStatement(query.order_by_date, query.descending),
           kCountStatements, query.speaker, query,
           [](const pqxx::row& row) { return StatementFromRow(row); }, page);
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<SearchResults> PgRegistryStore::Search(const SearchQuery& query) {
  SearchResults results;
  absl::Status status = pool_.Run("search", [&](pqxx::connection& connection) {
    pqxx::read_transaction tx(connection);
    // The best plan depends on how common the words are (see SearchSql),
    // which a generic plan cannot know. Pages are costed as cached, as a
    // busy registry's are: else a rare word's few matches are joined to
    // their records by scanning every record (9 ms -> 1 ms for "item 4242").
    tx.exec0(
        "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL random_page_cost = 1.1");
    const ListQuery& f = query.filters;
    const int wanted = query.offset + query.limit + 1;
    std::map<std::string, int64_t> bodies, years;
    // Every hit row ends with the counts of the matches by facet:
    // [body, year, n] for resolutions, [year, n] for statements.
    auto tally = [&](const pqxx::result& rows, int counts_column, const char* kind) {
      if (rows.empty()) return;  // nothing matched
      int64_t count = 0;
      for (const json& facet : json::parse(rows[0][counts_column].as<std::string>())) {
        const int64_t n = facet.back().get<int64_t>();
        const int year = facet[facet.size() - 2].get<int>();
        if (facet.size() == 3) bodies[facet[0].get<std::string>()] += n;
        if (year != 0) years[absl::StrCat(year)] += n;
        count += n;
      }
      if (count > query.match_limit) results.truncated = true;
      results.kinds.push_back({kind, count});
      results.total += count;
    };
    if (query.resolutions) {
      const pqxx::result rows =
          tx.exec_prepared(kSearchResolutions, f.body, f.from, f.to, f.reference, query.words,
                           wanted, query.match_limit);
      for (const pqxx::row& row : rows) {
        results.hits.push_back({ResolutionFromRow(row), row[kResolutionColumnCount].as<double>(),
                                OneLine(row[kResolutionColumnCount + 1].as<std::string>())});
      }
      tally(rows, kResolutionColumnCount + 2, "resolution");
    }
    if (query.statements) {
      const pqxx::result rows =
          tx.exec_prepared(kSearchStatements, f.speaker, f.from, f.to, f.reference, query.words,
                           wanted, query.match_limit);
      for (const pqxx::row& row : rows) {
        results.hits.push_back({StatementFromRow(row), row[kStatementColumnCount].as<double>(),
                                OneLine(row[kStatementColumnCount + 1].as<std::string>())});
      }
      tally(rows, kStatementColumnCount + 2, "statement");
    }
    results.bodies = Largest(bodies);
    results.years = Largest(years);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
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
