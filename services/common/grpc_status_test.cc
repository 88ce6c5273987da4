#include "services/common/grpc_status.h"

#include "common/status.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace plenary::services {
namespace {

TEST(GrpcStatusTest, OkStaysOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok()); }

TEST(GrpcStatusTest, KeepsCodeAndMessage) {
  grpc::Status status = ToGrpcStatus(absl::NotFoundError("no resolution A/RES/1/1"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "no resolution A/RES/1/1");
  EXPECT_TRUE(status.error_details().empty());
  EXPECT_EQ(ToGrpcStatus(absl::UnavailableError("db down")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(ToGrpcStatus(absl::UnauthenticatedError("no token")).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST(GrpcStatusTest, InvalidFieldCarriesBadRequestDetail) {
  grpc::Status status = ToGrpcStatus(InvalidField("page_size", "must be at most 1000"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), 3);
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "page_size");
}

}  // namespace
}  // namespace plenary::services
