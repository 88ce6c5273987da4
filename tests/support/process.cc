#include "tests/support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "re2/re2.h"

extern char** environ;

namespace plenary::testing {

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& binary, std::vector<std::string> args, const std::string& log_path) {
  args.insert(args.begin(), binary);
  args.push_back("--listen=127.0.0.1:0");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // Opened (and emptied) here, not in the child: the log is read below for
  // the port, and must not still hold the last run's.
  const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0) return absl::InternalError(absl::StrCat("cannot write ", log_path));
  const int max_fd = static_cast<int>(sysconf(_SC_OPEN_MAX));
  static constexpr char kExecFailed[] = "ServerProcess: cannot execute the binary\n";
  // The server is killed when the thread that starts it ends (with the
  // test binary, for servers started on its main thread): a test that
  // crashes leaves no server behind, holding its database. Between fork and
  // exec only async-signal-safe calls: this process has other threads.
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent ended before prctl
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    // Nothing of the test's, such as its pipes: a server holding one open
    // keeps the test waiting for it.
    if (close_range(STDERR_FILENO + 1, ~0U, 0) != 0) {
      for (int fd = STDERR_FILENO + 1; fd < max_fd; ++fd) close(fd);
    }
    execve(argv[0], argv.data(), environ);
    (void)!write(STDERR_FILENO, kExecFailed, sizeof(kExecFailed) - 1);
    _exit(127);
  }
  close(log);
  if (pid < 0) return absl::InternalError(absl::StrCat("cannot start ", binary));

  static const RE2 kServing("serving service=\\S+ port=(\\d+)");
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (absl::Now() < deadline) {
    std::ifstream log(log_path);
    std::stringstream text;
    text << log.rdbuf();
    int port = 0;
    if (RE2::PartialMatch(text.str(), kServing, &port)) {
      return std::unique_ptr<ServerProcess>(new ServerProcess(pid, port));
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      return absl::InternalError(absl::StrCat(binary, " exited early:\n", text.str()));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return absl::DeadlineExceededError(absl::StrCat(binary, " did not start serving"));
}

int ServerProcess::Stop() {
  if (stopped_) return exit_code_;
  stopped_ = true;
  kill(pid_, SIGTERM);
  int status = 0;
  const absl::Time deadline = absl::Now() + absl::Seconds(15);
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (absl::Now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_code_;
}

ServerProcess::~ServerProcess() { Stop(); }

}  // namespace plenary::testing
