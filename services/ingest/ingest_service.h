// IngestService over gRPC: authenticates the publisher, hands documents to
// the Ingester on the blocking-work pool and maps the outcomes. Documents
// are stored in batches, one transaction each: those of a stream that
// arrive while one batch is stored make its next, and so do the unary
// calls that arrive while a batch of calls is stored (group commit).
#pragma once

#include <atomic>

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "common/batcher.h"
#include "common/executor.h"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "services/common/bearer_tokens.h"
#include "services/common/stream_slots.h"
#include "services/ingest/document_budget.h"
#include "services/ingest/ingester.h"
#include "services/ingest/rate_limiter.h"

namespace plenary::ingest {

// What the documents in flight may hold, in total and per publisher.
struct IngestBounds {
  // Bytes of documents received and not yet answered, all calls together.
  size_t max_bytes_in_flight = 64 << 20;
  // Open IngestDocuments streams, in total and per publisher.
  int max_streams = 64;
  int max_streams_per_publisher = 16;
};

class IngestServiceImpl final : public v1::IngestService::CallbackService {
 public:
  // `limits` applies per publisher token (per peer address without tokens).
  IngestServiceImpl(Ingester& ingester, const services::BearerTokens& publishers,
                    RateLimiter& limits, Executor& executor, IngestBounds bounds = {});

  grpc::ServerUnaryReactor* IngestDocument(grpc::CallbackServerContext* context,
                                           const v1::IngestDocumentRequest* request,
                                           v1::IngestDocumentResponse* response) override;

  grpc::ServerBidiReactor<v1::IngestDocumentRequest, v1::IngestDocumentResponse>*
  IngestDocuments(grpc::CallbackServerContext* context) override;

  grpc::ServerWriteReactor<v1::ReparseDocumentsResponse>* ReparseDocuments(
      grpc::CallbackServerContext* context, const v1::ReparseDocumentsRequest* request) override;

  // For tests of batching, which must know what has arrived: return once
  // `count` unary calls have been queued for a batch since construction,
  // once `bytes` of documents are in flight (or at most `bytes`, once
  // dropped ones are released: false after `timeout`), or once `count`
  // streams are open.
  void AwaitQueuedCallsForTest(size_t count) { calls_.AwaitAddedForTest(count); }
  void AwaitBytesInFlightForTest(size_t bytes) const { budget_.AwaitInUseForTest(bytes); }
  bool AwaitBytesInFlightAtMostForTest(size_t bytes, absl::Duration timeout) const {
    return budget_.AwaitInUseAtMostForTest(bytes, timeout);
  }
  void AwaitOpenStreamsForTest(int count) const { streams_.AwaitOpenForTest(count); }

 private:
  class DocumentStream;
  class Reparse;

  // A unary call waiting for its batch.
  struct WaitingCall {
    const v1::IngestDocumentRequest* request;
    v1::IngestDocumentResponse* response;
    grpc::ServerUnaryReactor* reactor;
    grpc::CallbackServerContext* context;
    std::string publisher;
  };

  // The publisher's key for limits (ClientKey), or UNAUTHENTICATED.
  absl::StatusOr<std::string> Authenticate(const grpc::CallbackServerContext& context) const;
  // Whether `publisher` may send `request` now and its fields are valid:
  // RESOURCE_EXHAUSTED over the rate limit, INVALID_ARGUMENT for a field.
  absl::Status Admit(const std::string& publisher, const v1::IngestDocumentRequest& request);
  // Ingests admitted requests, the new documents in one transaction, and
  // fills the response of each that succeeds; returns each one's outcome.
  // `callers[i]` is request i's call: a request whose caller has gone is not read.
  std::vector<absl::Status> Store(absl::Span<const v1::IngestDocumentRequest* const> requests,
                                  absl::Span<v1::IngestDocumentResponse* const> responses,
                                  absl::Span<grpc::CallbackServerContext* const> callers);
  // Stores a batch of calls and answers them.
  void StoreCalls(std::vector<WaitingCall>& calls);

  Ingester& ingester_;
  const services::BearerTokens& publishers_;
  RateLimiter& limits_;
  Executor& executor_;
  DocumentBudget budget_;
  services::StreamSlots streams_;
  std::atomic<bool> reparsing_ = false;  // one re-reading at a time
  // Last: destroying it waits for the batches that use the members above.
  Batcher<WaitingCall> calls_;
};

}  // namespace plenary::ingest
