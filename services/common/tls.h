// Transport security for the servers: TLS, optionally with client
// certificates (mutual TLS), from PEM files.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"

namespace plenary::services {

struct TlsFiles {
  std::string certificate;  // PEM chain; empty: plaintext
  std::string private_key;  // PEM
  std::string client_ca;    // PEM; when set, clients must present a certificate it signed
};

// Insecure credentials when no certificate is given, else TLS. INVALID_ARGUMENT
// when only one of certificate and key is given, or a file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFrom(
    const TlsFiles& files);

// Reads a whole file; INVALID_ARGUMENT naming it when it cannot be read.
absl::StatusOr<std::string> ReadPemFile(const std::string& path);

}  // namespace plenary::services
