// Opaque tokens handed to clients (feed cursors, page tokens): a payload,
// bound to this deployment and to one purpose, with an HMAC so that a token
// from another deployment or an edited one is refused, not misread.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace plenary::services {

class SignedTokenCodec {
 public:
  // `deployment_id` and `secret` come from the database (table deployment),
  // so every replica of one deployment reads the others' tokens.
  SignedTokenCodec(std::string deployment_id, absl::string_view secret);

  // A URL-safe token carrying `payload` for `purpose` (e.g. "cursor").
  std::string Encode(absl::string_view purpose, absl::string_view payload) const;

  // The payload of a token Encode made for `purpose` in this deployment.
  // INVALID_ARGUMENT when the token is malformed, altered, made for another
  // purpose or by another deployment.
  absl::StatusOr<std::string> Decode(absl::string_view purpose, absl::string_view token) const;

 private:
  std::string Mac(absl::string_view purpose, absl::string_view body) const;

  struct FreeMac {
    void operator()(EVP_MAC_CTX* context) const;
  };
  using MacContext = std::unique_ptr<EVP_MAC_CTX, FreeMac>;

  std::string deployment_id_;
  // HMAC-SHA256 keyed once with the secret; each MAC starts from a copy.
  // Keying anew for each token (OpenSSL 3 looks the algorithms up again)
  // cost 15-40 us of CPU on a cold cache: on every feed event's way to its
  // subscribers. A copy costs about a third of that.
  MacContext keyed_;
};

}  // namespace plenary::services
