#include "services/common/bearer_tokens.h"

#include <openssl/crypto.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace plenary::services {

absl::StatusOr<BearerTokens> BearerTokens::FromFile(const std::string& path) {
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
  return BearerTokens(std::move(tokens), /*allow_all=*/false);
}

absl::StatusOr<int> BearerTokens::Check(absl::string_view authorization) const {
  if (allow_all_) return -1;
  constexpr absl::string_view kScheme = "Bearer ";
  if (!absl::StartsWith(authorization, kScheme)) {
    return absl::UnauthenticatedError(
        "send a token as metadata \"authorization: Bearer <token>\"");
  }
  const absl::string_view presented = authorization.substr(kScheme.size());
  int known = -1;
  // Every token is compared, each in time independent of where the bytes
  // differ, so timing reveals no token's content (only, as usual, lengths).
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const std::string& token = tokens_[i];
    if (token.size() == presented.size() &&
        CRYPTO_memcmp(token.data(), presented.data(), token.size()) == 0) {
      known = static_cast<int>(i);
    }
  }
  if (known < 0) return absl::UnauthenticatedError("unknown token");
  return known;
}

absl::StatusOr<std::shared_ptr<BearerTokens>> TokensFromFileOrEnv(std::string path,
                                                                  const char* env_name) {
  if (path.empty() && std::getenv(env_name) != nullptr) path = std::getenv(env_name);
  if (path.empty()) return nullptr;
  absl::StatusOr<BearerTokens> tokens = BearerTokens::FromFile(path);
  if (!tokens.ok()) return tokens.status();
  return std::make_shared<BearerTokens>(*std::move(tokens));
}

absl::StatusOr<int> Authenticate(const BearerTokens& tokens,
                                 const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  return tokens.Check(it == metadata.end()
                          ? absl::string_view()
                          : absl::string_view(it->second.data(), it->second.size()));
}

}  // namespace plenary::services
