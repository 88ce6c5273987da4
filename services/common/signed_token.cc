#include "services/common/signed_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace plenary::services {
namespace {

constexpr char kVersion = '\x01';
// 16 bytes of HMAC-SHA256: forging one is as hard as guessing 128 bits.
constexpr size_t kMacBytes = 16;

}  // namespace

std::string SignedTokenCodec::Mac(absl::string_view purpose, absl::string_view body) const {
  // The purpose and deployment are signed, not sent: a token is valid only
  // where both match.
  const std::string message = absl::StrCat(purpose, "\n", deployment_id_, "\n", body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), kMacBytes);
}

std::string SignedTokenCodec::Encode(absl::string_view purpose, absl::string_view payload) const {
  std::string body = absl::StrCat(absl::string_view(&kVersion, 1), payload);
  std::string token;
  absl::WebSafeBase64Escape(absl::StrCat(body, Mac(purpose, body)), &token);
  return token;
}

absl::StatusOr<std::string> SignedTokenCodec::Decode(absl::string_view purpose,
                                                     absl::string_view token) const {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() < 1 + kMacBytes ||
      raw[0] != kVersion) {
    return absl::InvalidArgumentError(absl::StrCat("malformed ", purpose));
  }
  const absl::string_view body(raw.data(), raw.size() - kMacBytes);
  const std::string expected = Mac(purpose, body);
  if (CRYPTO_memcmp(expected.data(), raw.data() + body.size(), kMacBytes) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("this ", purpose, " was not issued by this deployment, or was altered"));
  }
  return std::string(body.substr(1));
}

}  // namespace plenary::services
