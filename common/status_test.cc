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

}  // namespace
}  // namespace plenary
