#include "common/status.h"

#include "gtest/gtest.h"

namespace plenary {
namespace {

TEST(StatusTest, InvalidFieldNamesTheField) {
  absl::Status status = InvalidField("page_size", "must be between 0 and 1000");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "page_size: must be between 0 and 1000");
  EXPECT_EQ(FieldOf(status), "page_size");
}

TEST(StatusTest, OtherErrorsNameNoField) {
  EXPECT_EQ(FieldOf(absl::NotFoundError("no such resolution")), std::nullopt);
  EXPECT_EQ(FieldOf(absl::OkStatus()), std::nullopt);
}

TEST(StatusTest, CheckTextRefusesNulBytesAndLongValuesNamingTheField) {
  EXPECT_TRUE(CheckText("symbol", "A/RES/64/222", 256).ok());
  EXPECT_EQ(FieldOf(CheckText("symbol", std::string("a\0b", 3), 256)), "symbol");
  EXPECT_EQ(CheckText("id", std::string(257, 'x'), 256).message(), "id: longer than 256 bytes");
}

}  // namespace
}  // namespace plenary
