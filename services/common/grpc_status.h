// The one place where absl::Status becomes grpc::Status.
#pragma once

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace plenary::services {

// Same code and message; a status that names a request field (see
// common/status.h) also carries a google.rpc.BadRequest detail in
// grpc-status-details-bin, as google.rpc.Status.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace plenary::services
