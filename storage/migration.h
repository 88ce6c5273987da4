// The versioned schema migrations compiled into this binary.
#pragma once

#include "absl/strings/string_view.h"
#include <vector>

namespace plenary::storage {

struct Migration {
  int version;            // from the file name's NNNN prefix
  absl::string_view name;  // file name without .sql
  absl::string_view sql;
};

// Every migration in storage/migrations, in ascending version order.
const std::vector<Migration>& AllMigrations();

}  // namespace plenary::storage
