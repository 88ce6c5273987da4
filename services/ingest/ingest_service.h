// IngestService over gRPC: authenticates the publisher, hands each document
// to the Ingester on the blocking-work pool and maps the outcome.
#pragma once

#include "common/executor.h"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "services/ingest/ingester.h"
#include "services/ingest/publisher_auth.h"

namespace plenary::ingest {

class IngestServiceImpl final : public v1::IngestService::CallbackService {
 public:
  IngestServiceImpl(Ingester& ingester, const PublisherAuth& auth, Executor& executor);

  grpc::ServerUnaryReactor* IngestDocument(grpc::CallbackServerContext* context,
                                           const v1::IngestDocumentRequest* request,
                                           v1::IngestDocumentResponse* response) override;

  grpc::ServerBidiReactor<v1::IngestDocumentRequest, v1::IngestDocumentResponse>*
  IngestDocuments(grpc::CallbackServerContext* context) override;

 private:
  class DocumentStream;

  absl::Status Authenticate(const grpc::CallbackServerContext& context) const;
  // Ingests one request and fills `response`; returns the failure, if any.
  absl::Status IngestOne(const v1::IngestDocumentRequest& request,
                         v1::IngestDocumentResponse& response);

  Ingester& ingester_;
  const PublisherAuth& auth_;
  Executor& executor_;
};

}  // namespace plenary::ingest
