// Assembles and runs a gRPC server the same way for every Plenary service:
// request log and gRPC metrics, health service tracking the database,
// reflection (v1 and v1alpha), graceful shutdown.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "storage/database_probe.h"

namespace plenary::services {

struct ServerConfig {
  std::string name;            // for logs, e.g. "plenary-registry"
  std::string listen_address;  // "127.0.0.1:50051"; port 0 picks a free one
  // Transport security; plaintext when unset.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // Fully qualified names of the services, reported by the health service.
  std::vector<std::string> service_names;
  // Health follows this probe: SERVING while the database answers.
  storage::DatabaseProbe* database = nullptr;
  absl::Duration health_interval = absl::Seconds(2);
  // How long in-flight calls may run on after shutdown begins.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // Called when shutdown begins, after health turns NOT_SERVING: ends
  // streams that would otherwise run out the grace period.
  std::function<void()> before_shutdown;
};

class RunningServer {
 public:
  // Binds, starts serving `services` (which must outlive the server) and
  // returns. Fails with UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<RunningServer>> Start(
      const ServerConfig& config, const std::vector<grpc::Service*>& services);

  // Stops accepting calls, reports NOT_SERVING, lets in-flight calls finish
  // within the grace period, then cancels the rest.
  void Shutdown();
  ~RunningServer();

  int port() const { return port_; }

 private:
  RunningServer(ServerConfig config, std::unique_ptr<grpc::Server> server, int port);
  void SetServing(bool serving);
  void WatchDatabase();

  const ServerConfig config_;
  std::unique_ptr<grpc::Service> reflection_;  // outlives server_
  std::unique_ptr<grpc::Server> server_;
  const int port_;
  absl::Notification stopping_;
  std::thread health_thread_;
  bool shut_down_ = false;
};

// Blocks SIGINT and SIGTERM in this thread and every thread it starts later;
// call first thing in main, before any thread exists.
void BlockTerminationSignals();

// Waits for SIGINT or SIGTERM (blocked by BlockTerminationSignals) and
// returns its name.
std::string WaitForTerminationSignal();

}  // namespace plenary::services
