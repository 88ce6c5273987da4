// The main() shared by Plenary's servers: flags, database, migrations,
// server lifecycle. Each binary says only which services it serves.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "grpcpp/impl/codegen/service_type.h"
#include "storage/pg/connection_pool.h"

namespace plenary::services {

struct ServiceSpec {
  std::string name;                    // "plenary-registry"
  std::string usage;                   // first line of --help
  std::string default_listen_address;  // used when --listen is empty
  // Builds the gRPC services over the database pool; they must stay valid
  // until the returned objects are destroyed.
  std::function<std::vector<std::unique_ptr<grpc::Service>>(storage::pg::ConnectionPool&)>
      make_services;
  std::vector<std::string> service_names;  // for the health service
};

// Parses flags, applies migrations (and exits after them with --migrate),
// serves until SIGINT or SIGTERM, then shuts down gracefully. Returns the
// process exit code: 0 on a clean stop, 1 on a runtime failure, 2 on bad
// configuration.
int RunService(const ServiceSpec& spec, int argc, char** argv);

}  // namespace plenary::services
