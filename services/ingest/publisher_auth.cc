#include "services/ingest/publisher_auth.h"

#include <openssl/crypto.h>

#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace plenary::ingest {

absl::StatusOr<PublisherAuth> PublisherAuth::FromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read token file ", path));
  std::vector<std::string> tokens;
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view token = absl::StripAsciiWhitespace(line);
    if (token.empty() || absl::StartsWith(token, "#")) continue;
    tokens.emplace_back(token);
  }
  if (tokens.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("token file ", path, " holds no token"));
  }
  return PublisherAuth(std::move(tokens), /*allow_all=*/false);
}

absl::Status PublisherAuth::Check(absl::string_view authorization) const {
  if (allow_all_) return absl::OkStatus();
  constexpr absl::string_view kScheme = "Bearer ";
  if (!absl::StartsWith(authorization, kScheme)) {
    return absl::UnauthenticatedError(
        "send a publisher token as metadata \"authorization: Bearer <token>\"");
  }
  const absl::string_view presented = authorization.substr(kScheme.size());
  bool known = false;
  // Every token is compared, each in time independent of where the bytes
  // differ, so timing reveals no token's content (only, as usual, lengths).
  for (const std::string& token : tokens_) {
    known |= token.size() == presented.size() &&
             CRYPTO_memcmp(token.data(), presented.data(), token.size()) == 0;
  }
  if (!known) return absl::UnauthenticatedError("unknown publisher token");
  return absl::OkStatus();
}

}  // namespace plenary::ingest
