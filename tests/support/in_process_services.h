// The three services in this process over a real database, built by the
// binaries' own composition roots (IngestRoot, RegistryRoot) with their
// default configuration and anyone allowed in, on one loopback port: for
// tests that go from a gRPC call down to PostgreSQL and back.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/executor.h"
#include "grpcpp/channel.h"
#include "services/common/server.h"
#include "services/ingest/ingest_root.h"
#include "services/registry/registry_root.h"
#include "storage/pg/pg_database.h"

namespace plenary::testing {

class InProcessServices {
 public:
  // Starts everything over the migrated database at `database_url`.
  static absl::StatusOr<std::unique_ptr<InProcessServices>> Start(const std::string& database_url);
  ~InProcessServices();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

 private:
  explicit InProcessServices(const std::string& database_url);

  // In the binaries' order (services/common/service_main.cc).
  storage::pg::PgDatabase database_;
  Executor executor_;
  ingest::IngestRoot ingest_;
  std::unique_ptr<registry::RegistryRoot> registry_;
  std::unique_ptr<services::RunningServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace plenary::testing
