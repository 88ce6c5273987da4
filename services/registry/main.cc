// plenary-registry: serves RegistryService and FeedService.
#include "plenary/v1/feed_service.grpc.pb.h"
#include "services/common/service_main.h"
#include "services/registry/registry_service.h"
#include "storage/pg/pg_registry_store.h"

int main(int argc, char** argv) {
  using namespace plenary;
  services::ServiceSpec spec;
  spec.name = "plenary-registry";
  spec.usage =
      "plenary-registry serves Plenary's RegistryService (queries) and FeedService "
      "(the update stream).\nUsage: plenary-registry --database=postgresql://... "
      "[--listen=127.0.0.1:50051]";
  spec.default_listen_address = "127.0.0.1:50051";
  spec.service_names = {"plenary.v1.RegistryService", "plenary.v1.FeedService"};
  spec.make_services = [](services::ServiceContext context) -> absl::StatusOr<services::BuiltServices> {
    auto store = std::make_shared<storage::pg::PgRegistryStore>(context.pool);
    services::BuiltServices built;
    built.owned.push_back(store);
    built.services.push_back(
        std::make_unique<registry::RegistryServiceImpl>(*store, context.executor));
    // The feed is filled in by its own issue; until then Subscribe answers
    // UNIMPLEMENTED.
    built.services.push_back(std::make_unique<v1::FeedService::CallbackService>());
    return built;
  };
  return services::RunService(spec, argc, argv);
}
