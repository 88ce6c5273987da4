// Bearer-token authentication: publishers for IngestService, and readers for
// the registry when it is configured to require them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"

namespace plenary::services {

class BearerTokens {
 public:
  // Reads tokens from `path`: one per line, blank lines and lines starting
  // with '#' ignored. INVALID_ARGUMENT when the file cannot be read or holds
  // no token.
  static absl::StatusOr<BearerTokens> FromFile(const std::string& path);
  // Accepts every call: for --insecure-no-auth.
  static BearerTokens AllowAll() { return BearerTokens({}, /*allow_all=*/true); }

  // Which token `authorization` (the metadata value) presents, as its index
  // in the file (-1 under AllowAll), when it is "Bearer <token>" with a known
  // token; UNAUTHENTICATED otherwise. Tokens are compared in constant time
  // and never logged.
  absl::StatusOr<int> Check(absl::string_view authorization) const;

 private:
  BearerTokens(std::vector<std::string> tokens, bool allow_all)
      : tokens_(std::move(tokens)), allow_all_(allow_all) {}

  std::vector<std::string> tokens_;
  bool allow_all_;
};

// The tokens in the file `path`, or when it is empty in the file the
// environment variable `env_name` names; null when neither is given.
// INVALID_ARGUMENT as FromFile.
absl::StatusOr<std::shared_ptr<BearerTokens>> TokensFromFileOrEnv(std::string path,
                                                                  const char* env_name);

// Check() on the call's "authorization" metadata.
absl::StatusOr<int> Authenticate(const BearerTokens& tokens,
                                 const grpc::CallbackServerContext& context);

}  // namespace plenary::services
