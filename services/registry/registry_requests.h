// Reading RegistryService requests: each method's request checked and turned
// into what the store is asked, with INVALID_ARGUMENT naming the field at
// fault; and the page tokens that continue List and Search. No I/O: the
// handlers read requests on gRPC's thread and hand only valid ones on.
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "plenary/v1/registry_service.pb.h"
#include "services/registry/query_params.h"
#include "storage/registry_store.h"

namespace plenary::registry {

// Single lookups: OK, or INVALID_ARGUMENT on symbol / id (empty, too long,
// a NUL byte) or revision (negative).
absl::Status CheckRequest(const v1::GetResolutionRequest& request);
absl::Status CheckRequest(const v1::GetStatementRequest& request);
// INVALID_ARGUMENT for more than kMaxBatchSymbols symbols or on symbols[i].
inline constexpr int kMaxBatchSymbols = 1000;
absl::Status CheckRequest(const v1::BatchGetResolutionsRequest& request);

// The page a List request asks for (all but the caller's deadline), its
// page_token read through `tokens`.
absl::StatusOr<storage::ListQuery> ReadListQuery(const v1::ListResolutionsRequest& request,
                                                 const PageTokens& tokens);
absl::StatusOr<storage::ListQuery> ReadListQuery(const v1::ListStatementsRequest& request,
                                                 const PageTokens& tokens);
// The token that continues `request` after `next`; empty on the last page.
std::string NextListToken(const google::protobuf::Message& request,
                          const std::optional<storage::PageKey>& next, const PageTokens& tokens);

// The search a Search request asks for (all but the caller's deadline):
// words, the kinds searched (a body filter concerns resolutions only, a
// speaker statements only), filters, and the page as an offset into the
// ranking, read from page_token.
absl::StatusOr<storage::SearchQuery> ReadSearchQuery(const v1::SearchRequest& request,
                                                     const PageTokens& tokens);
// The token that continues `request` after the page `query` read.
std::string NextSearchToken(const v1::SearchRequest& request, const storage::SearchQuery& query,
                            const PageTokens& tokens);

}  // namespace plenary::registry
