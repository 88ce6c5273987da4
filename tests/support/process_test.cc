#include "tests/support/process.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace plenary::testing {
namespace {

// A stand-in for a server binary: it notes its pid, logs the line Start
// waits for, and stays up.
class ServerProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = absl::StrCat(::testing::TempDir(), "/server-process-", getpid());
    mkdir(dir_.c_str(), 0755);
    binary_ = dir_ + "/fake-server.sh";
    std::ofstream(binary_) << "#!/bin/sh\n"
                           << "echo $$ > '" << PidFile() << "'\n"
                           << "echo 'serving service=fake port=4242'\n"
                           << "exec sleep 60\n";
    chmod(binary_.c_str(), 0755);
  }

  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string PidFile() const { return dir_ + "/fake-server.pid"; }
  std::string Log() const { return dir_ + "/fake-server.log"; }

  std::string dir_;
  std::string binary_;
};

// Alive, and not a zombie waiting for whoever inherited it to reap it.
bool Running(pid_t pid) {
  std::ifstream stat(absl::StrCat("/proc/", pid, "/stat"));
  std::string pid_field, command, state;
  if (!(stat >> pid_field >> command >> state)) return false;
  return state != "Z";
}

TEST_F(ServerProcessTest, FindsThePortTheServerLogsAndStopsIt) {
  auto server = ServerProcess::Start(binary_, {}, Log());
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ((*server)->address(), "127.0.0.1:4242");
  EXPECT_EQ((*server)->Stop(), 128 + SIGTERM);
}

TEST_F(ServerProcessTest, SaysWhenTheBinaryCannotRun) {
  auto server = ServerProcess::Start(dir_ + "/no-such-server", {}, Log());
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("cannot execute"), std::string::npos)
      << server.status();
}

TEST_F(ServerProcessTest, TheServerEndsWithTheTestThatStartedIt) {
  EXPECT_EXIT(
      {
        auto server = ServerProcess::Start(binary_, {}, Log());
        if (!server.ok()) std::exit(1);
        std::abort();  // a crashing test: no destructor stops the server
      },
      ::testing::KilledBySignal(SIGABRT), "");
  pid_t pid = 0;
  ASSERT_TRUE(std::ifstream(PidFile()) >> pid);
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (Running(pid) && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(10));
  EXPECT_FALSE(Running(pid)) << "the server outlived the test that started it";
}

}  // namespace
}  // namespace plenary::testing
