#include "tests/support/in_process_services.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"

namespace plenary::testing {

InProcessServices::InProcessServices(const std::string& database_url)
    : database_({.url = database_url, .pool_size = 4}),
      executor_(database_.max_connections()),
      ingest_({.publishers = std::make_shared<services::BearerTokens>(
                   services::BearerTokens::AllowAll())},
              database_, executor_) {}

absl::StatusOr<std::unique_ptr<InProcessServices>> InProcessServices::Start(
    const std::string& database_url) {
  std::unique_ptr<InProcessServices> services(new InProcessServices(database_url));
  absl::StatusOr<std::unique_ptr<registry::RegistryRoot>> registry =
      registry::RegistryRoot::Start({}, services->database_, services->executor_);
  if (!registry.ok()) return registry.status();
  services->registry_ = *std::move(registry);
  std::vector<grpc::Service*> served = services->ingest_.services();
  for (grpc::Service* service : services->registry_->services()) served.push_back(service);
  services::ServerConfig config;
  config.name = "in-process";
  config.listen_address = "127.0.0.1:0";
  config.before_shutdown = [registry = services->registry_.get()] { registry->BeforeShutdown(); };
  absl::StatusOr<std::unique_ptr<services::RunningServer>> server =
      services::RunningServer::Start(config, served);
  if (!server.ok()) return server.status();
  services->server_ = *std::move(server);
  services->channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", services->server_->port()),
                                           grpc::InsecureChannelCredentials());
  return services;
}

InProcessServices::~InProcessServices() {
  if (server_ != nullptr) server_->Shutdown();
  if (registry_ != nullptr) registry_->BeforeShutdown();
}

}  // namespace plenary::testing
