// Status helpers shared by every layer: errors that name the request field at
// fault, so the RPC edge can attach a google.rpc.BadRequest detail.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace plenary {

// INVALID_ARGUMENT for request field `field` ("page_size", "content").
absl::Status InvalidField(absl::string_view field, absl::string_view description);

// Request strings bound for the database: OK, or InvalidField(field) when
// `value` holds a NUL byte (PostgreSQL text cannot) or is longer than
// `max_bytes`.
absl::Status CheckText(absl::string_view field, absl::string_view value, size_t max_bytes);

// The field an InvalidField status names, if any.
std::optional<std::string> FieldOf(const absl::Status& status);

}  // namespace plenary
