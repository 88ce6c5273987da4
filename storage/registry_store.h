// What the registry's queries need from storage.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/stored.h"

namespace plenary::storage {

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // The resolution known by any of `alias_keys` (see parsing::SymbolKey), at
  // `revision`, or its latest revision when revision is 0. NOT_FOUND when no
  // key is known or the revision does not exist.
  virtual absl::StatusOr<StoredResolution> GetResolution(
      const std::vector<std::string>& alias_keys, int revision) = 0;

  // The statement with this id, at `revision` (0: latest). NOT_FOUND when
  // there is none.
  virtual absl::StatusOr<StoredStatement> GetStatement(absl::string_view id, int revision) = 0;
};

}  // namespace plenary::storage
