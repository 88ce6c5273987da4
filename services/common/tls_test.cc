// TLS and mutual TLS over real connections, with certificates made by the
// openssl command for the test.
#include "services/common/tls.h"

#include <unistd.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "services/common/server.h"

namespace plenary::services {
namespace {

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs each test as its own process, in parallel: a folder of its own.
    dir_ = new std::string(absl::StrCat(::testing::TempDir(), "/plenary-tls-", getpid()));
    const std::string d = *dir_;
    // A CA, a server certificate for 127.0.0.1 and a client certificate.
    const std::string script = absl::StrCat(
        "set -e; rm -rf ", d, "; mkdir -p ", d, "; cd ", d, ";",
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca "
        "-keyout ca.key -out ca.pem 2>/dev/null;",
        "openssl req -newkey rsa:2048 -nodes -subj /CN=server -keyout server.key "
        "-out server.csr 2>/dev/null;",
        "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost' > san.ext;",
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
        "-extfile san.ext -out server.pem 2>/dev/null;",
        "openssl req -newkey rsa:2048 -nodes -subj /CN=client -keyout client.key "
        "-out client.csr 2>/dev/null;",
        "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
        "-out client.pem 2>/dev/null");
    ASSERT_EQ(std::system(script.c_str()), 0);
  }

  std::string File(const std::string& name) { return *dir_ + "/" + name; }
  std::string Pem(const std::string& name) { return *ReadPemFile(File(name)); }

  std::unique_ptr<RunningServer> Start(const TlsFiles& files) {
    auto credentials = ServerCredentialsFrom(files);
    EXPECT_TRUE(credentials.ok()) << credentials.status();
    ServerConfig config;
    config.name = "tls";
    config.listen_address = "127.0.0.1:0";
    config.credentials = *credentials;
    auto server = RunningServer::Start(config, {&registry_});
    EXPECT_TRUE(server.ok()) << server.status();
    return std::move(*server);
  }

  static grpc::StatusCode Check(int port, std::shared_ptr<grpc::ChannelCredentials> credentials) {
    auto stub = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), credentials));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::health::v1::HealthCheckResponse response;
    return stub->Check(&context, {}, &response).error_code();
  }

  static std::string* dir_;
  plenary::v1::RegistryService::CallbackService registry_;
};

std::string* TlsTest::dir_ = nullptr;

TEST_F(TlsTest, ServesTlsToClientsThatTrustTheCa) {
  auto server = Start({File("server.pem"), File("server.key"), ""});
  grpc::SslCredentialsOptions trusting;
  trusting.pem_root_certs = Pem("ca.pem");
  EXPECT_EQ(Check(server->port(), grpc::SslCredentials(trusting)), grpc::StatusCode::OK);
  EXPECT_EQ(Check(server->port(), grpc::InsecureChannelCredentials()),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, MutualTlsRequiresAClientCertificate) {
  auto server = Start({File("server.pem"), File("server.key"), File("ca.pem")});
  grpc::SslCredentialsOptions anonymous;
  anonymous.pem_root_certs = Pem("ca.pem");
  EXPECT_EQ(Check(server->port(), grpc::SslCredentials(anonymous)), grpc::StatusCode::UNAVAILABLE);
  grpc::SslCredentialsOptions identified = anonymous;
  identified.pem_cert_chain = Pem("client.pem");
  identified.pem_private_key = Pem("client.key");
  EXPECT_EQ(Check(server->port(), grpc::SslCredentials(identified)), grpc::StatusCode::OK);
}

TEST_F(TlsTest, RefusesHalfAConfiguration) {
  EXPECT_EQ(ServerCredentialsFrom({File("server.pem"), "", ""}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ServerCredentialsFrom({"", "", File("ca.pem")}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ServerCredentialsFrom({"/nonexistent.pem", File("server.key"), ""}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace plenary::services
