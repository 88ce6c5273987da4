// A binary's composition root: its services and everything they use, built
// together and owned as members, so that the order in which they are made
// and destroyed is written in the type rather than in comments. Binaries
// build one from their flags (main.cc); tests build the same one.
#pragma once

#include <vector>

#include "grpcpp/impl/codegen/service_type.h"

namespace plenary::services {

class ServiceRoot {
 public:
  virtual ~ServiceRoot() = default;
  // The services to serve; they live as long as the root.
  virtual std::vector<grpc::Service*> services() = 0;
  // Runs when shutdown begins, before in-flight calls are waited for: ends
  // long-lived streams so that the server can stop.
  virtual void BeforeShutdown() {}
};

}  // namespace plenary::services
