// What a client reads out of a gRPC error, for tests.
#pragma once

#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace plenary::testing {

// The field the first google.rpc.BadRequest violation names; empty when
// the status carries none.
inline std::string FieldViolation(const grpc::Status& status) {
  google::rpc::Status details;
  google::rpc::BadRequest bad_request;
  if (!details.ParseFromString(status.error_details()) || details.details_size() == 0 ||
      !details.details(0).UnpackTo(&bad_request) || bad_request.field_violations_size() == 0) {
    return "";
  }
  return bad_request.field_violations(0).field();
}

}  // namespace plenary::testing
