#include "services/ingest/ingest_service.h"

#include <chrono>
#include <deque>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/strings/string_view.h"
#include "common/status.h"
#include "google/protobuf/util/time_util.h"
#include "parsing/version.h"
#include "services/common/grpc_status.h"
#include "services/common/refused_stream.h"
#include "services/common/malformed_request.h"
#include "services/common/metrics.h"
#include "codec/record_codec.h"

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

// Whether the caller of `context` still waits for its answer.
absl::Status Wanted(grpc::CallbackServerContext& context) {
  if (context.IsCancelled()) return absl::CancelledError("the call was cancelled");
  if (std::chrono::system_clock::now() > context.deadline()) {
    return absl::DeadlineExceededError("the call's deadline passed before the document was read");
  }
  return absl::OkStatus();
}

bool IsCallerGone(const absl::Status& status) {
  return status.code() == absl::StatusCode::kCancelled ||
         status.code() == absl::StatusCode::kDeadlineExceeded;
}

// A batch is at most this many documents, or about this many bytes.
constexpr size_t kMaxBatchDocuments = 256;
constexpr size_t kMaxBatchBytes = 8 << 20;
// Batches of unary calls stored at once: one can be read while another
// commits. More would not commit sooner: the feed's order makes commits
// take turns (0001_initial.sql).
constexpr int kMaxBatchesOfCalls = 2;

}  // namespace

IngestServiceImpl::IngestServiceImpl(Ingester& ingester, const services::BearerTokens& publishers,
                                     RateLimiter& limits, Executor& executor, IngestBounds bounds)
    : ingester_(ingester),
      publishers_(publishers),
      limits_(limits),
      executor_(executor),
      budget_(bounds.max_bytes_in_flight),
      streams_("IngestDocuments streams", bounds.max_streams, bounds.max_streams_per_publisher),
      calls_(executor,
             {.concurrent_batches = kMaxBatchesOfCalls,
              .max_items = kMaxBatchDocuments,
              .max_bytes = kMaxBatchBytes},
             [this](std::vector<WaitingCall>& calls) { StoreCalls(calls); },
             [](const WaitingCall& call) { return call.request->content().size(); }) {}

absl::StatusOr<std::string> IngestServiceImpl::Authenticate(
    const grpc::CallbackServerContext& context) const {
  absl::StatusOr<int> token = services::Authenticate(publishers_, context);
  if (!token.ok()) return token.status();
  // Named by the token's place in the file, never by the token itself.
  return services::ClientKey(*token, context);
}

absl::Status IngestServiceImpl::Admit(const std::string& publisher,
                                      const v1::IngestDocumentRequest& request) {
  using services::metrics::IngestOutcome;
  if (absl::Status admit = limits_.Admit(publisher); !admit.ok()) {
    services::metrics::CountIngested(IngestOutcome::kThrottled, admit);
    return admit;
  }
  if (request.has_published_at() && !IsValid(request.published_at())) {
    absl::Status refused = InvalidField("published_at", "not a valid timestamp");
    services::metrics::CountIngested(IngestOutcome::kRefused, refused);
    return refused;
  }
  return absl::OkStatus();
}

std::vector<absl::Status> IngestServiceImpl::Store(
    absl::Span<const v1::IngestDocumentRequest* const> requests,
    absl::Span<v1::IngestDocumentResponse* const> responses,
    absl::Span<grpc::CallbackServerContext* const> callers) {
  using services::metrics::IngestOutcome;
  std::vector<DocumentRequest> documents;
  documents.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    documents.push_back(FromProto(*requests[i]));
    documents.back().wanted = [caller = callers[i]] { return Wanted(*caller); };
  }
  std::vector<absl::StatusOr<storage::IngestResult>> results = ingester_.IngestAll(documents);
  std::vector<absl::Status> outcomes(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    const absl::StatusOr<storage::IngestResult>& result = results[i];
    services::metrics::CountIngested(
        result.ok() ? (result->duplicate ? IngestOutcome::kDuplicate : IngestOutcome::kStored)
        : result.status().code() == absl::StatusCode::kInvalidArgument ? IngestOutcome::kRefused
        : IsCallerGone(result.status())                                  ? IngestOutcome::kAbandoned
                                                                         : IngestOutcome::kFailed,
        result.status());
    if (!result.ok()) {
      outcomes[i] = result.status();
      continue;
    }
    v1::IngestDocumentResponse& response = *responses[i];
    response.set_request_id(requests[i]->request_id());
    response.set_document_id(result->document_id);
    response.set_duplicate(result->duplicate);
    for (const StoredEntry& entry : result->entries) {
      *response.add_entries() = codec::ToProto(entry);
    }
    for (const std::string& warning : result->warnings) response.add_warnings(warning);
  }
  return outcomes;
}

grpc::ServerUnaryReactor* IngestServiceImpl::IngestDocument(
    grpc::CallbackServerContext* context, const v1::IngestDocumentRequest* request,
    v1::IngestDocumentResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<std::string> publisher = Authenticate(*context);
  absl::Status admitted = publisher.ok() ? Admit(*publisher, *request) : publisher.status();
  if (admitted.ok()) admitted = budget_.TryReserve(*publisher, request->content().size());
  if (!admitted.ok()) {
    reactor->Finish(services::ToGrpcStatus(admitted));
    return reactor;
  }
  calls_.Add({request, response, reactor, context, *publisher});
  return reactor;
}

void IngestServiceImpl::StoreCalls(std::vector<WaitingCall>& calls) {
  std::vector<const v1::IngestDocumentRequest*> requests;
  std::vector<v1::IngestDocumentResponse*> responses;
  std::vector<grpc::CallbackServerContext*> callers;
  for (const WaitingCall& call : calls) {
    requests.push_back(call.request);
    responses.push_back(call.response);
    callers.push_back(call.context);
  }
  const std::vector<absl::Status> outcomes = Store(requests, responses, callers);
  for (const WaitingCall& call : calls) {
    budget_.Release(call.publisher, call.request->content().size());
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    calls[i].reactor->Finish(services::ToGrpcStatus(outcomes[i]));
  }
}

// Reads documents as they come, ingests what has arrived as one batch on
// the executor while reading on, and writes the answers in request order. A
// refused document gets its error in its answer instead of ending the
// stream. Memory is bounded: reading pauses while too much waits, in this
// stream or in all of them (the service's budget). A cancelled stream drops
// what it has not begun to store.
//
// Threads: gRPC's reactions, the executor's batch and the budget's Resume
// meet in Pump, which decides under mu_ and acts once it is released, so
// that nothing here runs after Finish may have deleted the reactor. Finish
// is decided only when no read, write or batch is in flight.
class IngestServiceImpl::DocumentStream final
    : public grpc::ServerBidiReactor<v1::IngestDocumentRequest, v1::IngestDocumentResponse>,
      public DocumentBudget::Waiter {
 public:
  DocumentStream(IngestServiceImpl& service, grpc::CallbackServerContext& context)
      : service_(service), context_(context) {
    absl::StatusOr<std::string> publisher = service_.Authenticate(context);
    absl::Status admitted = publisher.status();
    if (admitted.ok()) admitted = service_.streams_.Acquire(*publisher);
    if (!admitted.ok()) {
      Finish(services::ToGrpcStatus(admitted));
      return;
    }
    publisher_ = *publisher;
    admitted_ = true;
    service_.budget_.Add(this);
    Pump();
  }

  void OnReadDone(bool ok) override {
    Pump([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      reading_ = false;
      if (ok) {
        service_.budget_.Reserve(publisher_, incoming_.content().size());
        pending_bytes_ += incoming_.content().size();
        pending_.push_back(std::move(incoming_));
        incoming_.Clear();
      } else {
        reads_done_ = true;  // the client has sent everything, went away, or sent bad bytes
        // Answered after the documents before it; the stream ends there.
        unreadable_ = services::TakeInvalidUtf8(incoming_.GetDescriptor()->full_name())
                          .value_or(absl::OkStatus());
      }
    });
  }

  void OnWriteDone(bool ok) override {
    Pump([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      writing_ = false;
      answers_.pop_front();
      if (!ok) broken_ = true;
    });
  }

  void OnCancel() override {
    Pump([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { cancelled_ = true; });
  }

  void Resume() override {
    bool read;
    {
      absl::MutexLock lock(&mu_);
      read = ShouldRead();
      if (read) reading_ = true;
    }
    if (read) StartRead(&incoming_);
  }

  void OnDone() override {
    if (admitted_) {
      service_.budget_.Remove(this);
      service_.streams_.Release(publisher_);
    }
    delete this;
  }

 private:
  // Reading pauses while this much waits to be ingested, ingesting while
  // this many answers wait to be written.
  static constexpr size_t kMaxPendingDocuments = 512;
  static constexpr size_t kMaxPendingBytes = 32 << 20;
  static constexpr size_t kMaxUnwrittenAnswers = 256;

  // What Decide chose to do once mu_ is released.
  struct Action {
    bool read = false;
    const v1::IngestDocumentResponse* write = nullptr;
    bool ingest = false;
    std::optional<grpc::Status> finish;
    size_t release_bytes = 0;  // dropped documents, given back to the budget
  };

  bool ShouldRead() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !reading_ && !reads_done_ && !broken_ && !cancelled_ && !finished_ &&
           pending_.size() < kMaxPendingDocuments && pending_bytes_ < kMaxPendingBytes &&
           service_.budget_.HasRoom(publisher_);
  }

  // Applies `update` and decides under mu_, then acts. Whatever ends a
  // reaction or a batch must go through here in one locked section: once
  // mu_ is released with nothing in flight, another thread may finish the
  // stream and OnDone delete it.
  void Pump(absl::FunctionRef<void()> update = [] {}) {
    Action action;
    {
      absl::MutexLock lock(&mu_);
      update();
      action = Decide();
    }
    service_.budget_.Release(publisher_, action.release_bytes);
    if (action.finish.has_value()) {
      Finish(*action.finish);  // the last use of this reactor: OnDone may follow at once
      return;
    }
    if (action.read) StartRead(&incoming_);
    if (action.write != nullptr) StartWrite(action.write);  // a deque's elements stay put
    if (action.ingest) service_.executor_.Schedule([this] { IngestBatch(); });
  }

  Action Decide() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    Action action;
    if (finished_) return action;
    if (cancelled_ || broken_) {
      // Nobody will read the answers: what has not begun to be stored is dropped.
      action.release_bytes = pending_bytes_;
      pending_.clear();
      pending_bytes_ = 0;
    }
    if (ShouldRead()) {
      reading_ = true;
      action.read = true;
    }
    if (!writing_ && !broken_ && !cancelled_ && !answers_.empty()) {
      writing_ = true;
      action.write = &answers_.front();
    }
    if (!ingesting_ && !pending_.empty() && answers_.size() < kMaxUnwrittenAnswers) {
      ingesting_ = true;
      TakeBatch();
      action.ingest = true;
    }
    if (reading_ || writing_ || ingesting_) return action;
    if (cancelled_) {
      action.finish = grpc::Status::CANCELLED;
    } else if (broken_) {
      action.finish = grpc::Status(grpc::StatusCode::UNAVAILABLE, "the stream broke");
    } else if (reads_done_ && pending_.empty() && answers_.empty()) {
      action.finish = services::ToGrpcStatus(unreadable_);
    }
    if (action.finish.has_value()) finished_ = true;
    return action;
  }

  void TakeBatch() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    batch_.clear();
    batch_bytes_ = 0;
    while (!pending_.empty() && batch_.size() < kMaxBatchDocuments &&
           (batch_.empty() || batch_bytes_ + pending_.front().content().size() <= kMaxBatchBytes)) {
      batch_bytes_ += pending_.front().content().size();
      batch_.push_back(std::move(pending_.front()));
      pending_.pop_front();
    }
    pending_bytes_ -= batch_bytes_;
  }

  // On the executor: only this reads batch_ while ingesting_ is set.
  void IngestBatch() {
    std::vector<v1::IngestDocumentResponse> responses(batch_.size());
    std::vector<absl::Status> outcomes(batch_.size());
    std::vector<size_t> admitted;
    std::vector<const v1::IngestDocumentRequest*> requests;
    std::vector<v1::IngestDocumentResponse*> admitted_responses;
    for (size_t i = 0; i < batch_.size(); ++i) {
      outcomes[i] = service_.Admit(publisher_, batch_[i]);
      if (!outcomes[i].ok()) continue;
      admitted.push_back(i);
      requests.push_back(&batch_[i]);
      admitted_responses.push_back(&responses[i]);
    }
    const std::vector<grpc::CallbackServerContext*> callers(requests.size(), &context_);
    const std::vector<absl::Status> stored = service_.Store(requests, admitted_responses, callers);
    for (size_t k = 0; k < admitted.size(); ++k) outcomes[admitted[k]] = stored[k];
    service_.budget_.Release(publisher_, batch_bytes_);
    Pump([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (size_t i = 0; i < responses.size(); ++i) {
        if (!outcomes[i].ok()) {
          responses[i].Clear();
          responses[i].set_request_id(batch_[i].request_id());
          v1::DocumentError* error = responses[i].mutable_error();
          error->set_code(static_cast<int>(outcomes[i].code()));
          error->set_message(std::string(outcomes[i].message()));
          error->set_field(FieldOf(outcomes[i]).value_or(""));
        }
        answers_.push_back(std::move(responses[i]));
      }
      ingesting_ = false;
    });
  }

  IngestServiceImpl& service_;
  grpc::CallbackServerContext& context_;  // valid until OnDone
  std::string publisher_;
  // Holds a stream slot and is a budget waiter: set in the constructor,
  // read in OnDone.
  bool admitted_ = false;
  absl::Mutex mu_;
  v1::IngestDocumentRequest incoming_;  // only the outstanding read touches it
  std::deque<v1::IngestDocumentRequest> pending_ ABSL_GUARDED_BY(mu_);
  size_t pending_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<v1::IngestDocumentRequest> batch_;  // only IngestBatch, while ingesting_
  size_t batch_bytes_ = 0;
  std::deque<v1::IngestDocumentResponse> answers_ ABSL_GUARDED_BY(mu_);
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool ingesting_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  // Why reading stopped, when a request could not be parsed.
  absl::Status unreadable_ ABSL_GUARDED_BY(mu_);
};

grpc::ServerBidiReactor<v1::IngestDocumentRequest, v1::IngestDocumentResponse>*
IngestServiceImpl::IngestDocuments(grpc::CallbackServerContext* context) {
  return new DocumentStream(*this, *context);
}

// Reads stored documents again, a batch at a time on the executor, and
// writes the progress after each. Exactly one thing is in flight at any
// time (a batch or a write), and whichever ends it decides what comes next,
// so the reactor is finished once, by the last of them.
class IngestServiceImpl::Reparse final
    : public grpc::ServerWriteReactor<v1::ReparseDocumentsResponse> {
 public:
  Reparse(IngestServiceImpl& service, RereadCursor cursor)
      : service_(service), cursor_(std::move(cursor)) {
    service_.executor_.Schedule([this] { RunBatch(); });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) return End(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
    if (progress_.done) return End(grpc::Status::OK);
    service_.executor_.Schedule([this] { RunBatch(); });
  }

  void OnCancel() override { cancelled_ = true; }

  void OnDone() override { delete this; }

 private:
  void RunBatch() {
    if (cancelled_) return End(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
    if (absl::Status read = service_.ingester_.RereadBatch(cursor_, progress_); !read.ok()) {
      return End(services::ToGrpcStatus(read));
    }
    response_.set_documents_read(progress_.documents_read);
    response_.set_documents_changed(progress_.documents_changed);
    response_.set_records_revised(progress_.records_revised);
    response_.set_documents_refused(progress_.documents_refused);
    response_.set_last_document_id(progress_.last_document_id);
    response_.set_parser_version(parsing::kParserVersion);
    response_.set_done(progress_.done);
    StartWrite(&response_);
  }

  // Another re-reading may start once the client can know this one ended.
  void End(const grpc::Status& status) {
    service_.reparsing_ = false;
    Finish(status);
  }

  IngestServiceImpl& service_;
  RereadCursor cursor_;
  RereadProgress progress_;
  v1::ReparseDocumentsResponse response_;
  std::atomic<bool> cancelled_ = false;
};

grpc::ServerWriteReactor<v1::ReparseDocumentsResponse>* IngestServiceImpl::ReparseDocuments(
    grpc::CallbackServerContext* context, const v1::ReparseDocumentsRequest* request) {
  absl::Status refused = Authenticate(*context).status();
  if (refused.ok() && request->after_document_id() < 0) {
    refused = InvalidField("after_document_id", "must not be negative");
  }
  if (refused.ok() && request->max_documents() < 0) {
    refused = InvalidField("max_documents", "must not be negative");
  }
  if (!refused.ok()) return new services::RefusedStream<v1::ReparseDocumentsResponse>(refused);
  if (bool idle = false; !reparsing_.compare_exchange_strong(idle, true)) {
    return new services::RefusedStream<v1::ReparseDocumentsResponse>(absl::ResourceExhaustedError(
        "a re-reading is already running on this server; resume after it ends"));
  }
  RereadCursor cursor{.after_document_id = request->after_document_id(),
                      .only_outdated = request->only_outdated()};
  if (request->max_documents() > 0) cursor.remaining = request->max_documents();
  return new Reparse(*this, cursor);
}

}  // namespace plenary::ingest
