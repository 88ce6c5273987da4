#include "services/common/server.h"

#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "plenary/v1/registry_service.grpc.pb.h"

namespace plenary::services {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class SwitchableProbe final : public storage::DatabaseProbe {
 public:
  absl::Status Ping() override {
    return up_.load() ? absl::OkStatus() : absl::UnavailableError("down");
  }
  std::atomic<bool> up_{true};
};

HealthCheckResponse::ServingStatus Check(int port, const std::string& service) {
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                     grpc::InsecureChannelCredentials());
  auto stub = Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.status();
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.name = "test";
    config.listen_address = "127.0.0.1:0";
    config.service_names = {"plenary.v1.RegistryService"};
    config.database = &probe_;
    config.health_interval = absl::Milliseconds(20);
    auto server = RunningServer::Start(config, {&registry_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  // Follows the health service's Watch stream until it reports `want` for
  // `service`; false when the stream ends first or 5 s pass.
  bool Eventually(const std::string& service, HealthCheckResponse::ServingStatus want) {
    auto stub = Health::NewStub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                                    grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckRequest request;
    request.set_service(service);
    auto watch = stub->Watch(&context, request);
    HealthCheckResponse response;
    bool reported = false;
    while (!reported && watch->Read(&response)) reported = response.status() == want;
    context.TryCancel();
    watch->Finish();
    return reported;
  }

  SwitchableProbe probe_;
  plenary::v1::RegistryService::CallbackService registry_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(ServerTest, HealthFollowsTheDatabase) {
  EXPECT_EQ(Check(server_->port(), ""), HealthCheckResponse::SERVING);
  EXPECT_EQ(Check(server_->port(), "plenary.v1.RegistryService"), HealthCheckResponse::SERVING);
  probe_.up_ = false;
  EXPECT_TRUE(Eventually("plenary.v1.RegistryService", HealthCheckResponse::NOT_SERVING));
  EXPECT_TRUE(Eventually("", HealthCheckResponse::NOT_SERVING));
  probe_.up_ = true;
  EXPECT_TRUE(Eventually("plenary.v1.RegistryService", HealthCheckResponse::SERVING));
}

TEST_F(ServerTest, UnimplementedMethodsSaySo) {
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                     grpc::InsecureChannelCredentials());
  auto stub = plenary::v1::RegistryService::NewStub(channel);
  grpc::ClientContext context;
  plenary::v1::GetResolutionRequest request;
  plenary::v1::Resolution response;
  EXPECT_EQ(stub->GetResolution(&context, request, &response).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(ServerTest, ShutdownStopsServing) {
  const int port = server_->port();
  server_->Shutdown();
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                     grpc::InsecureChannelCredentials());
  auto stub = Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
  HealthCheckResponse response;
  EXPECT_EQ(stub->Check(&context, HealthCheckRequest(), &response).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(ServerStartTest, TakenPortIsUnavailable) {
  plenary::v1::RegistryService::CallbackService registry;
  ServerConfig config;
  config.name = "first";
  config.listen_address = "127.0.0.1:0";
  auto first = RunningServer::Start(config, {&registry});
  ASSERT_TRUE(first.ok());
  plenary::v1::RegistryService::CallbackService other;
  config.listen_address = absl::StrCat("127.0.0.1:", (*first)->port());
  auto second = RunningServer::Start(config, {&other});
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace plenary::services
