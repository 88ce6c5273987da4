// Tells whether the database answers, for health checks.
#pragma once

#include "absl/status/status.h"

namespace plenary::storage {

class DatabaseProbe {
 public:
  virtual ~DatabaseProbe() = default;
  // OK when the database answers a trivial query; UNAVAILABLE otherwise.
  virtual absl::Status Ping() = 0;
};

}  // namespace plenary::storage
