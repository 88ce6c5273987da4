// IngestService over gRPC: authenticates the publisher, hands documents to
// the Ingester on the blocking-work pool and maps the outcomes. A stream's
// documents are ingested in batches: those that arrive while one batch is
// stored make the next.
#pragma once

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "common/executor.h"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "services/ingest/ingester.h"
#include "services/common/bearer_tokens.h"
#include "services/ingest/rate_limiter.h"

namespace plenary::ingest {

class IngestServiceImpl final : public v1::IngestService::CallbackService {
 public:
  // `limits` applies per publisher token (per peer address without tokens).
  IngestServiceImpl(Ingester& ingester, const services::BearerTokens& publishers,
                    RateLimiter& limits, Executor& executor);

  grpc::ServerUnaryReactor* IngestDocument(grpc::CallbackServerContext* context,
                                           const v1::IngestDocumentRequest* request,
                                           v1::IngestDocumentResponse* response) override;

  grpc::ServerBidiReactor<v1::IngestDocumentRequest, v1::IngestDocumentResponse>*
  IngestDocuments(grpc::CallbackServerContext* context) override;

 private:
  class DocumentStream;

  // The publisher's rate-limit key, or UNAUTHENTICATED.
  absl::StatusOr<std::string> Authenticate(const grpc::CallbackServerContext& context) const;
  // Ingests requests from `publisher`, the new documents in one transaction,
  // and fills the response of each that succeeds; returns each one's outcome.
  std::vector<absl::Status> IngestBatch(const std::string& publisher,
                                        absl::Span<const v1::IngestDocumentRequest> requests,
                                        absl::Span<v1::IngestDocumentResponse> responses);

  Ingester& ingester_;
  const services::BearerTokens& publishers_;
  RateLimiter& limits_;
  Executor& executor_;
};

}  // namespace plenary::ingest
