// Maps libpqxx's exceptions to absl::Status, once, at the storage boundary.
#pragma once

#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace plenary::storage::pg {

// Call inside a catch block: turns the exception being handled into a status
// (broken connection -> UNAVAILABLE, unique violation -> ALREADY_EXISTS,
// serialization failure or deadlock -> ABORTED, statement timeout ->
// DEADLINE_EXCEEDED, anything else -> INTERNAL). The message names
// `operation` and never carries SQL; the details are logged.
absl::Status StatusFromCurrentException(absl::string_view operation);

}  // namespace plenary::storage::pg
