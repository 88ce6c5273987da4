// The main() shared by Plenary's servers: flags, database, migrations,
// server lifecycle. Each binary says only which services it serves.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/executor.h"
#include "services/common/service_root.h"
#include "storage/database.h"

namespace plenary::services {

// What RunService gives a binary to build its root with. Both outlive the
// root.
struct ServiceContext {
  storage::Database& database;
  // Threads for blocking work, as many as a pool has connections.
  Executor& executor;
};

struct ServiceSpec {
  std::string name;                    // "plenary-registry"
  std::string usage;                   // first line of --help
  std::string default_listen_address;  // used when --listen is empty
  // Builds the binary's root from its own flags. An error (INVALID_ARGUMENT:
  // configuration to fix) stops the binary with exit 2.
  std::function<absl::StatusOr<std::unique_ptr<ServiceRoot>>(ServiceContext)> make_root;
  std::vector<std::string> service_names;  // for the health service
};

// Parses flags (--foo-bar is read as --foo_bar), applies migrations (and exits after them with --migrate),
// serves until SIGINT or SIGTERM, then shuts down gracefully. Returns the
// process exit code: 0 on a clean stop, 1 on a runtime failure, 2 on bad
// configuration.
int RunService(const ServiceSpec& spec, int argc, char** argv);

}  // namespace plenary::services
