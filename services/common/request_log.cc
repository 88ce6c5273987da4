#include "services/common/request_log.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "grpcpp/server_context.h"
#include "google/rpc/code.pb.h"
#include "services/common/metrics.h"

namespace plenary::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

class RequestLog final : public grpc::experimental::Interceptor {
 public:
  explicit RequestLog(grpc::experimental::ServerRpcInfo* info)
      : info_(info), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      if (auto it = metadata->find("x-request-id"); it != metadata->end()) {
        request_id_.assign(it->second.data(), it->second.size());
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      const absl::Duration elapsed = absl::Now() - start_;
      const std::string millis = absl::StrCat(absl::ToDoubleMilliseconds(elapsed));
      Metrics& metrics = Metrics::Global();
      metrics.Increment("plenary_rpc_requests_total",
                        {info_->method(), google::rpc::Code_Name(static_cast<google::rpc::Code>(
                                              status.error_code()))});
      metrics.Observe("plenary_rpc_duration_seconds", {info_->method()},
                      absl::ToDoubleSeconds(elapsed));
      const std::string code = absl::StrCat(static_cast<int>(status.error_code()));
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
  grpc::experimental::ServerRpcInfo* info_;
  absl::Time start_;
  std::string request_id_;
};

}  // namespace

RequestLogFactory::RequestLogFactory() {
  Metrics& metrics = Metrics::Global();
  metrics.DeclareCounter("plenary_rpc_requests_total", "RPCs finished, by method and status code",
                         {"method", "code"});
  metrics.DeclareHistogram("plenary_rpc_duration_seconds",
                           "Time from an RPC's start to its status (streams: their lifetime)",
                           {"method"},
                           {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 60});
}

grpc::experimental::Interceptor* RequestLogFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RequestLog(info);
}

}  // namespace plenary::services
