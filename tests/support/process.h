// Starts a Plenary server binary as a child process, as an operator would,
// and finds the port it chose.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace plenary::testing {

class ServerProcess {
 public:
  // Runs `binary` with `args` plus --listen=127.0.0.1:0, its output going to
  // `log_path`, and waits until it logs the port it serves on. The kernel
  // kills the server when the calling thread ends, so start servers from a
  // thread that outlives them (a test's main thread does).
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const std::string& binary,
                                                              std::vector<std::string> args,
                                                              const std::string& log_path);
  // Stops it with SIGTERM (then SIGKILL after 15 s).
  ~ServerProcess();

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }

  // Sends SIGTERM and returns the exit code.
  int Stop();

 private:
  ServerProcess(pid_t pid, int port) : pid_(pid), port_(port) {}
  pid_t pid_;
  int port_;
  bool stopped_ = false;
  int exit_code_ = -1;
};

}  // namespace plenary::testing
