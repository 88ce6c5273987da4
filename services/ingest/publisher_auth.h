// Publisher authentication for IngestService: a bearer token from a list.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace plenary::ingest {

class PublisherAuth {
 public:
  // Reads tokens from `path`: one per line, blank lines and lines starting
  // with '#' ignored. INVALID_ARGUMENT when the file cannot be read or holds
  // no token.
  static absl::StatusOr<PublisherAuth> FromFile(const std::string& path);
  // Accepts every call: for --insecure_no_auth.
  static PublisherAuth AllowAll() { return PublisherAuth({}, /*allow_all=*/true); }

  // OK when `authorization` (the metadata value) is "Bearer <token>" with a
  // known token; UNAUTHENTICATED otherwise. Tokens are compared in constant
  // time and never logged.
  absl::Status Check(absl::string_view authorization) const;

 private:
  PublisherAuth(std::vector<std::string> tokens, bool allow_all)
      : tokens_(std::move(tokens)), allow_all_(allow_all) {}

  std::vector<std::string> tokens_;
  bool allow_all_;
};

}  // namespace plenary::ingest
