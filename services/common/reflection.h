// gRPC server reflection v1 (grpc.reflection.v1), beside the v1alpha service
// that gRPC 1.51's plugin serves: newer tools (buf curl, grpcurl, Postman)
// ask v1 first. Both describe what the generated descriptor pool holds.
#pragma once

#include <string>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace plenary::services {

class ReflectionV1Service final
    : public grpc::reflection::v1::ServerReflection::CallbackService {
 public:
  // `service_names`: what list_services answers, fully qualified.
  explicit ReflectionV1Service(std::vector<std::string> service_names);

  grpc::ServerBidiReactor<grpc::reflection::v1::ServerReflectionRequest,
                          grpc::reflection::v1::ServerReflectionResponse>*
  ServerReflectionInfo(grpc::CallbackServerContext* context) override;

 private:
  const std::vector<std::string> service_names_;
};

// Makes sure grpc/health/v1/health.proto is in the generated descriptor pool,
// so that reflection can describe the health service (gRPC implements it
// without the C++ protobuf classes, which would otherwise be left out).
void LinkHealthDescriptors();

}  // namespace plenary::services
