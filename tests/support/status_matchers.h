// gMock matchers for absl::Status and absl::StatusOr (Abseil 20220623 ships
// none): EXPECT_THAT(s, IsOk()); EXPECT_THAT(s, StatusIs(kNotFound)).
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace plenary::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status;
  return status.ok();
}

MATCHER_P(StatusIs, code,
          "has code " + absl::StatusCodeToString(static_cast<absl::StatusCode>(code))) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(status.message()),
                                       result_listener);
}

MATCHER_P(IsOkAndHolds, value_matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

// Asserts that a StatusOr is OK and yields its value.
#define PLENARY_ASSERT_OK_AND_ASSIGN(lhs, expr)                      \
  auto PLENARY_CONCAT(status_or_, __LINE__) = (expr);                \
  ASSERT_TRUE(PLENARY_CONCAT(status_or_, __LINE__).ok())             \
      << PLENARY_CONCAT(status_or_, __LINE__).status();              \
  lhs = std::move(*PLENARY_CONCAT(status_or_, __LINE__))
#define PLENARY_CONCAT_INNER(a, b) a##b
#define PLENARY_CONCAT(a, b) PLENARY_CONCAT_INNER(a, b)

}  // namespace plenary::testing
