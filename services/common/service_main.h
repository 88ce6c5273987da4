// The main() shared by Plenary's servers: flags, database, migrations,
// server lifecycle. Each binary says only which services it serves.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/executor.h"
#include "grpcpp/impl/codegen/service_type.h"
#include "storage/pg/connection_pool.h"

namespace plenary::services {

// What RunService gives a binary to build its services with. Both outlive
// the services.
struct ServiceContext {
  // Database connections, with statements.h's statements prepared.
  storage::pg::ConnectionPool& pool;
  // Threads for blocking work, as many as the pool has connections.
  Executor& executor;
};

// A built service with whatever it owns (stores, configuration).
struct BuiltServices {
  std::vector<std::shared_ptr<void>> owned;
  std::vector<std::unique_ptr<grpc::Service>> services;
};

struct ServiceSpec {
  std::string name;                    // "plenary-registry"
  std::string usage;                   // first line of --help
  std::string default_listen_address;  // used when --listen is empty
  // Builds the gRPC services, reading the binary's own flags. An error
  // (INVALID_ARGUMENT: configuration to fix) stops the binary with exit 2.
  std::function<absl::StatusOr<BuiltServices>(ServiceContext)> make_services;
  std::vector<std::string> service_names;  // for the health service
};

// Parses flags (--foo-bar is read as --foo_bar), applies migrations (and exits after them with --migrate),
// serves until SIGINT or SIGTERM, then shuts down gracefully. Returns the
// process exit code: 0 on a clean stop, 1 on a runtime failure, 2 on bad
// configuration.
int RunService(const ServiceSpec& spec, int argc, char** argv);

}  // namespace plenary::services
