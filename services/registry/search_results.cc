#include "services/registry/search_results.h"

#include <variant>

#include "codec/record_codec.h"

namespace plenary::registry {
namespace {

void AddResult(const StoredEntry& entry, double score, const std::string& snippet,
               v1::SearchResponse& response) {
  v1::SearchResult* result = response.add_results();
  *result->mutable_entry() = codec::ToProto(entry);
  result->set_score(score);
  result->set_snippet(snippet);
}

template <typename Counts>
void AddFacet(const char* field, const Counts& counts, v1::SearchResponse& response) {
  v1::Facet* facet = response.add_facets();
  facet->set_field(field);
  for (const auto& [value, count] : counts) {
    v1::FacetValue* added = facet->add_values();
    added->set_value(value);
    added->set_count(count);
  }
}

}  // namespace

void WriteSearchResults(const storage::SearchResults& results,
                        const std::optional<StoredResolution>& named,
                        v1::SearchResponse& response) {
  if (named.has_value()) {
    const double top = results.hits.empty() ? 1.0 : results.hits.front().score + 1.0;
    AddResult(StoredEntry(*named), top, named->resolution.title, response);
  }
  for (const storage::SearchHit& hit : results.hits) {
    const auto* resolution = std::get_if<StoredResolution>(&hit.entry);
    if (named.has_value() && resolution != nullptr &&
        resolution->resolution.symbol == named->resolution.symbol) {
      continue;
    }
    AddResult(hit.entry, hit.score, hit.snippet, response);
  }
  response.set_total_size(results.total);
  response.set_counts_are_lower_bounds(results.truncated);
  AddFacet("body", results.bodies, response);
  AddFacet("year", results.years, response);
  AddFacet("kind", results.kinds, response);
}

}  // namespace plenary::registry
