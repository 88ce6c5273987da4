#include "services/common/request_log.h"

#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "grpcpp/server_context.h"
#include "services/common/metrics.h"

namespace plenary::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

metrics::GrpcType TypeOf(grpc::experimental::ServerRpcInfo::Type type) {
  using Type = grpc::experimental::ServerRpcInfo::Type;
  switch (type) {
    case Type::UNARY: return metrics::GrpcType::kUnary;
    case Type::CLIENT_STREAMING: return metrics::GrpcType::kClientStream;
    case Type::SERVER_STREAMING: return metrics::GrpcType::kServerStream;
    case Type::BIDI_STREAMING: return metrics::GrpcType::kBidiStream;
  }
  return metrics::GrpcType::kUnary;
}

class RequestLog final : public grpc::experimental::Interceptor {
 public:
  explicit RequestLog(grpc::experimental::ServerRpcInfo* info)
      : info_(info),
        metrics_(metrics::GrpcServerMethod(info->method(), TypeOf(info->type()))),
        start_(absl::Now()) {
    metrics_.Started();
  }

  // A call that ends without a status sent (the server cancelled it at
  // shutdown) is counted all the same.
  ~RequestLog() override {
    if (!handled_) metrics_.Handled(grpc::StatusCode::CANCELLED, absl::Now() - start_);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      if (auto it = metadata->find("x-request-id"); it != metadata->end()) {
        request_id_.assign(it->second.data(), it->second.size());
      }
    }
    // A read that found the end of the stream has no message.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() != nullptr) {
      metrics_.MessageReceived();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      metrics_.MessageSent();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      const absl::Duration elapsed = absl::Now() - start_;
      handled_ = true;
      // Logged as counted, so the log and the metrics agree.
      const grpc::StatusCode seen = CodeSeenByClient(status.error_code());
      metrics_.Handled(seen, elapsed);
      const std::string millis = absl::StrCat(absl::ToDoubleMilliseconds(elapsed));
      const std::string code = absl::StrCat(static_cast<int>(seen));
      Log(status.error_code() == grpc::StatusCode::INTERNAL ? LogLevel::kError
                                                             : LogLevel::kInfo,
          "rpc",
          {{"method", info_->method()},
           {"code", code},
           {"ms", millis},
           {"peer", info_->server_context()->peer()},
           {"request_id", request_id_},
           {"error", status.error_message()}});
    }
    methods->Proceed();
  }

 private:
  // A handler may answer a call its client has already given up on (the
  // health service's Watch ends with UNKNOWN when cancelled); the client saw
  // CANCELLED, or DEADLINE_EXCEEDED, and that is what the call counts as.
  grpc::StatusCode CodeSeenByClient(grpc::StatusCode sent) {
    if (sent == grpc::StatusCode::OK || !info_->server_context()->IsCancelled()) return sent;
    return info_->server_context()->deadline() <= std::chrono::system_clock::now()
               ? grpc::StatusCode::DEADLINE_EXCEEDED
               : grpc::StatusCode::CANCELLED;
  }

  grpc::experimental::ServerRpcInfo* info_;
  const metrics::GrpcMethod& metrics_;
  const absl::Time start_;
  std::string request_id_;
  bool handled_ = false;
};

}  // namespace

grpc::experimental::Interceptor* RequestLogFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RequestLog(info);
}

}  // namespace plenary::services
