// A server-streaming call refused before it starts (bad request, no
// credentials, no room): it ends at once with the refusal.
#pragma once

#include "absl/status/status.h"
#include "grpcpp/support/server_callback.h"
#include "services/common/grpc_status.h"

namespace plenary::services {

template <typename Response>
class RefusedStream final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit RefusedStream(const absl::Status& status) { this->Finish(ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

}  // namespace plenary::services
