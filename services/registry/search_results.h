// How a search's results become Search's response: the ranking rule for a
// resolution the query names, the totals and the facets.
#pragma once

#include <optional>

#include "model/stored.h"
#include "plenary/v1/registry_service.pb.h"
#include "storage/registry_store.h"

namespace plenary::registry {

// Fills `response`'s results, totals and facets (not its page token) from
// `results`. `named`, the resolution the query names by symbol or name (on
// the first page only), comes first, above the best hit, and is not
// repeated among the hits.
void WriteSearchResults(const storage::SearchResults& results,
                        const std::optional<StoredResolution>& named,
                        v1::SearchResponse& response);

}  // namespace plenary::registry
