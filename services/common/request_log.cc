#include "services/common/request_log.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "grpcpp/server_context.h"

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
      const std::string millis =
          absl::StrCat(absl::ToDoubleMilliseconds(absl::Now() - start_));
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

grpc::experimental::Interceptor* RequestLogFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RequestLog(info);
}

}  // namespace plenary::services
