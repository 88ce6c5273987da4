#include "common/flag_names.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary {
namespace {

TEST(FlagNamesTest, RewritesNamesNotValuesUpToTheEndOfFlags) {
  const char* args[] = {"plenary-ingest", "--publisher-tokens=/etc/a-b", "--db-pool-size", "8",
                        "--", "--not-a-flag"};
  std::vector<std::string> storage;
  std::vector<char*> out = WithUnderscoredFlagNames(6, const_cast<char**>(args), storage);
  ASSERT_EQ(out.size(), 7u);
  EXPECT_STREQ(out[1], "--publisher_tokens=/etc/a-b");
  EXPECT_STREQ(out[2], "--db_pool_size");
  EXPECT_STREQ(out[3], "8");
  EXPECT_STREQ(out[5], "--not-a-flag");
  EXPECT_EQ(out[6], nullptr);
}

}  // namespace
}  // namespace plenary
