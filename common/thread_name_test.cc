#include "common/thread_name.h"

#include <string>
#include <thread>

#include "gtest/gtest.h"

namespace plenary {
namespace {

TEST(ThreadNameTest, NamesTheCallingThreadOnly) {
  const std::string before = ThisThreadName();
  std::string named;
  std::thread([&named] {
    NameThisThread("feed-watcher");
    named = ThisThreadName();
  }).join();
  EXPECT_EQ(named, "feed-watcher");
  EXPECT_EQ(ThisThreadName(), before);
}

TEST(ThreadNameTest, KeepsTheFirstFifteenBytes) {
  std::string named;
  std::thread([&named] {
    NameThisThread("a-name-longer-than-fifteen-bytes");
    named = ThisThreadName();
  }).join();
  EXPECT_EQ(named, "a-name-longer-t");
}

}  // namespace
}  // namespace plenary
