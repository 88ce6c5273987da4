// Logs one line per RPC when it ends (method, status code, duration, peer
// and the caller's x-request-id, if any) and counts it in the gRPC server
// metrics (started, handled, messages, durations).
#pragma once

#include "grpcpp/support/server_interceptor.h"

namespace plenary::services {

class RequestLogFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace plenary::services
