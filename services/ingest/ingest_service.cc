#include "services/ingest/ingest_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/grpc_status.h"
#include "services/common/metrics.h"
#include "services/common/proto_mapping.h"

namespace plenary::ingest {
namespace {

// google.protobuf.Timestamp's valid range: years 1 to 9999.
bool IsValid(const google::protobuf::Timestamp& timestamp) {
  return timestamp.seconds() >= -62135596800 && timestamp.seconds() <= 253402300799 &&
         timestamp.nanos() >= 0 && timestamp.nanos() <= 999999999;
}

DocumentRequest FromProto(const v1::IngestDocumentRequest& request) {
  DocumentRequest document;
  document.content = request.content();
  document.media_type = request.media_type();
  document.source_uri = request.source_uri();
  document.request_id = request.request_id();
  if (request.has_published_at()) {
    document.published_at = absl::FromUnixMicros(
        google::protobuf::util::TimeUtil::TimestampToMicroseconds(request.published_at()));
  }
  return document;
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(Ingester& ingester, const services::BearerTokens& publishers,
                                     RateLimiter& limits, Executor& executor)
    : ingester_(ingester), publishers_(publishers), limits_(limits), executor_(executor) {
  services::Metrics::Global().DeclareCounter(
      "plenary_ingest_documents_total",
      "Documents received, by outcome: stored, duplicate, refused (bad input), throttled, "
      "failed",
      {"outcome"});
}

absl::StatusOr<std::string> IngestServiceImpl::Authenticate(
    const grpc::CallbackServerContext& context) const {
  absl::StatusOr<int> token = services::Authenticate(publishers_, context);
  if (!token.ok()) return token.status();
  // Named by the token's place in the file, never by the token itself.
  return *token >= 0 ? absl::StrCat("publisher#", *token) : context.peer();
}

absl::Status IngestServiceImpl::IngestOne(const std::string& publisher,
                                          const v1::IngestDocumentRequest& request,
                                          v1::IngestDocumentResponse& response) {
  response.set_request_id(request.request_id());
  if (absl::Status admitted = limits_.Admit(publisher); !admitted.ok()) {
    services::Metrics::Global().Increment("plenary_ingest_documents_total", {"throttled"});
    return admitted;
  }
  if (request.has_published_at() && !IsValid(request.published_at())) {
    return InvalidField("published_at", "not a valid timestamp");
  }
  absl::StatusOr<storage::IngestResult> result = ingester_.Ingest(FromProto(request));
  services::Metrics::Global().Increment(
      "plenary_ingest_documents_total",
      {result.ok() ? (result->duplicate ? "duplicate" : "stored")
       : result.status().code() == absl::StatusCode::kInvalidArgument ? "refused"
                                                                       : "failed"});
  if (!result.ok()) return result.status();
  response.set_document_id(result->document_id);
  response.set_duplicate(result->duplicate);
  for (const StoredEntry& entry : result->entries) {
    *response.add_entries() = services::ToProto(entry);
  }
  for (const std::string& warning : result->warnings) response.add_warnings(warning);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* IngestServiceImpl::IngestDocument(
    grpc::CallbackServerContext* context, const v1::IngestDocumentRequest* request,
    v1::IngestDocumentResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<std::string> publisher = Authenticate(*context);
  if (!publisher.ok()) {
    reactor->Finish(services::ToGrpcStatus(publisher.status()));
    return reactor;
  }
  executor_.Schedule([this, reactor, request, response, publisher = *publisher] {
    reactor->Finish(services::ToGrpcStatus(IngestOne(publisher, *request, *response)));
  });
  return reactor;
}

// Reads a document, ingests it on the executor, writes its answer, then reads
// the next: answers come in request order, and a refused document gets its
// error in the answer instead of ending the stream.
class IngestServiceImpl::DocumentStream final
    : public grpc::ServerBidiReactor<v1::IngestDocumentRequest, v1::IngestDocumentResponse> {
 public:
  DocumentStream(IngestServiceImpl& service, const grpc::CallbackServerContext& context)
      : service_(service) {
    absl::StatusOr<std::string> publisher = service_.Authenticate(context);
    if (!publisher.ok()) {
      Finish(services::ToGrpcStatus(publisher.status()));
      return;
    }
    publisher_ = *publisher;
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {  // the client has sent everything
      Finish(grpc::Status::OK);
      return;
    }
    service_.executor_.Schedule([this] {
      response_.Clear();
      if (absl::Status status = service_.IngestOne(publisher_, request_, response_);
          !status.ok()) {
        response_.Clear();
        response_.set_request_id(request_.request_id());
        v1::DocumentError* error = response_.mutable_error();
        error->set_code(static_cast<int>(status.code()));
        error->set_message(std::string(status.message()));
        error->set_field(FieldOf(status).value_or(""));
      }
      StartWrite(&response_);
    });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the stream broke"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  IngestServiceImpl& service_;
  std::string publisher_;
  v1::IngestDocumentRequest request_;
  v1::IngestDocumentResponse response_;
};

grpc::ServerBidiReactor<v1::IngestDocumentRequest, v1::IngestDocumentResponse>*
IngestServiceImpl::IngestDocuments(grpc::CallbackServerContext* context) {
  return new DocumentStream(*this, *context);
}

}  // namespace plenary::ingest
