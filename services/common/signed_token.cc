#include "services/common/signed_token.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace plenary::services {
namespace {

constexpr char kVersion = '\x01';
// 16 bytes of HMAC-SHA256: forging one is as hard as guessing 128 bits.
constexpr size_t kMacBytes = 16;

// OpenSSL fails here only without its default provider or memory: no token
// could then be made or checked, so the process cannot serve.
void CheckOpenSsl(bool ok, const char* what) {
  if (ok) return;
  Log(LogLevel::kError, "OpenSSL HMAC-SHA256 failed", {{"step", what}});
  std::abort();
}

}  // namespace

void SignedTokenCodec::FreeMac::operator()(EVP_MAC_CTX* context) const {
  EVP_MAC_CTX_free(context);
}

SignedTokenCodec::SignedTokenCodec(std::string deployment_id, absl::string_view secret)
    : deployment_id_(std::move(deployment_id)) {
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  CheckOpenSsl(hmac != nullptr, "fetch");
  keyed_.reset(EVP_MAC_CTX_new(hmac));
  EVP_MAC_free(hmac);  // the context holds its own reference
  CheckOpenSsl(keyed_ != nullptr, "new");
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};
  CheckOpenSsl(EVP_MAC_init(keyed_.get(),
                            reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                            params) == 1,
               "init");
}

std::string SignedTokenCodec::Mac(absl::string_view purpose, absl::string_view body) const {
  // Many threads may copy the keyed context at once: a copy only reads it.
  MacContext context(EVP_MAC_CTX_dup(keyed_.get()));
  CheckOpenSsl(context != nullptr, "dup");
  // The purpose and deployment are signed, not sent: a token is valid only
  // where both match.
  for (absl::string_view part : {purpose, absl::string_view("\n"),
                                 absl::string_view(deployment_id_), absl::string_view("\n"),
                                 body}) {
    CheckOpenSsl(EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(part.data()),
                                part.size()) == 1,
                 "update");
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  size_t length = 0;
  CheckOpenSsl(EVP_MAC_final(context.get(), mac, &length, sizeof(mac)) == 1, "final");
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
