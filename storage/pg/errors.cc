#include "storage/pg/errors.h"

#include <exception>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace plenary::storage::pg {
namespace {

absl::Status Logged(absl::Status status, absl::string_view operation,
                    absl::string_view detail) {
  Log(LogLevel::kWarning, "database call failed",
      {{"operation", operation},
       {"code", absl::StatusCodeToString(status.code())},
       {"detail", detail}});
  return status;
}

}  // namespace

absl::Status StatusFromCurrentException(absl::string_view operation) {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    return Logged(absl::UnavailableError(absl::StrCat(operation, ": database unavailable")),
                  operation, e.what());
  } catch (const pqxx::unique_violation& e) {
    return Logged(absl::AlreadyExistsError(absl::StrCat(operation, ": already exists")),
                  operation, e.what());
  } catch (const pqxx::serialization_failure& e) {
    return Logged(absl::AbortedError(absl::StrCat(operation, ": conflict, retry")),
                  operation, e.what());
  } catch (const pqxx::deadlock_detected& e) {
    return Logged(absl::AbortedError(absl::StrCat(operation, ": conflict, retry")),
                  operation, e.what());
  } catch (const pqxx::in_doubt_error& e) {
    return Logged(absl::UnavailableError(
                      absl::StrCat(operation, ": connection lost during commit")),
                  operation, e.what());
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    if (state == "57014") {  // query_canceled: statement_timeout or a cancel
      return Logged(absl::DeadlineExceededError(absl::StrCat(operation, ": timed out")),
                    operation, e.what());
    }
    // Class 57 (operator intervention: shutdown, crash) and 53300 (too many
    // connections) pass: the caller should retry.
    if (state.rfind("57P", 0) == 0 || state == "53300") {
      return Logged(absl::UnavailableError(absl::StrCat(operation, ": database unavailable")),
                    operation, absl::StrCat(state, " ", e.what()));
    }
    return Logged(absl::InternalError(absl::StrCat(operation, ": database error")),
                  operation, absl::StrCat(e.sqlstate(), " ", e.what()));
  } catch (const std::exception& e) {
    return Logged(absl::InternalError(absl::StrCat(operation, ": database error")),
                  operation, e.what());
  }
}

}  // namespace plenary::storage::pg
