#include "tests/support/in_process_services.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "storage/pg/statements.h"

namespace plenary::testing {

InProcessServices::InProcessServices(const std::string& database_url)
    : pool_(database_url, 4, storage::pg::PrepareStatements),
      ingest_store_(pool_),
      registry_store_(pool_),
      feed_store_(pool_),
      watcher_(database_url),
      hub_(feed_store_, watcher_, executor_, registry::FeedOptions{}),
      ingester_(ingest_store_, 8 << 20),
      ingest_service_(ingester_, publishers_, limits_, executor_),
      registry_service_(registry_store_, executor_, tokens_),
      feed_service_(hub_) {}

absl::StatusOr<std::unique_ptr<InProcessServices>> InProcessServices::Start(
    const std::string& database_url) {
  std::unique_ptr<InProcessServices> services(new InProcessServices(database_url));
  if (absl::Status started = services->hub_.Start(); !started.ok()) return started;
  services::ServerConfig config;
  config.name = "in-process";
  config.listen_address = "127.0.0.1:0";
  config.before_shutdown = [hub = &services->hub_] { hub->Shutdown(); };
  absl::StatusOr<std::unique_ptr<services::RunningServer>> server = services::RunningServer::Start(
      config,
      {&services->ingest_service_, &services->registry_service_, &services->feed_service_});
  if (!server.ok()) return server.status();
  services->server_ = *std::move(server);
  services->channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", services->server_->port()),
                                           grpc::InsecureChannelCredentials());
  return services;
}

InProcessServices::~InProcessServices() {
  if (server_ != nullptr) server_->Shutdown();
  hub_.Shutdown();
}

}  // namespace plenary::testing
