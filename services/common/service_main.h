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
  // The libpq URI of the database, for what needs its own connection.
  const std::string& database_url;
  // Database connections, with statements.h's statements prepared.
  storage::pg::ConnectionPool& pool;
  // Connections for queries that may read a replica (--database-read); the
  // same pool as `pool` when no replica is given.
  storage::pg::ConnectionPool& read_pool;
  // Threads for blocking work, as many as the pool has connections.
  Executor& executor;
};

// Built services with whatever they use (stores, configuration).
struct BuiltServices {
  BuiltServices() = default;
  BuiltServices(BuiltServices&&) = default;
  // Services first, then `owned` from last to first: list each owned object
  // after those it uses.
  ~BuiltServices() {
    services.clear();
    while (!owned.empty()) owned.pop_back();
  }

  std::vector<std::shared_ptr<void>> owned;
  std::vector<std::unique_ptr<grpc::Service>> services;
  // Runs when shutdown begins, before in-flight calls are waited for: ends
  // long-lived streams so that the server can stop.
  std::function<void()> before_shutdown;
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
