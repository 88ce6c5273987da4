// plenary-registry: serves RegistryService and FeedService.
#include "plenary/v1/feed_service.grpc.pb.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "services/common/service_main.h"

int main(int argc, char** argv) {
  plenary::services::ServiceSpec spec;
  spec.name = "plenary-registry";
  spec.usage =
      "plenary-registry serves Plenary's RegistryService (queries) and FeedService "
      "(the update stream).\nUsage: plenary-registry --database=postgresql://... "
      "[--listen=127.0.0.1:50051]";
  spec.default_listen_address = "127.0.0.1:50051";
  spec.service_names = {"plenary.v1.RegistryService", "plenary.v1.FeedService"};
  spec.make_services = [](plenary::storage::pg::ConnectionPool&) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    // Queries and the feed are filled in by their own issues; until then the
    // methods answer UNIMPLEMENTED.
    services.push_back(std::make_unique<plenary::v1::RegistryService::CallbackService>());
    services.push_back(std::make_unique<plenary::v1::FeedService::CallbackService>());
    return services;
  };
  return plenary::services::RunService(spec, argc, argv);
}
