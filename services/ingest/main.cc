// plenary-ingest: serves IngestService.
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "services/common/service_main.h"

int main(int argc, char** argv) {
  plenary::services::ServiceSpec spec;
  spec.name = "plenary-ingest";
  spec.usage =
      "plenary-ingest serves Plenary's IngestService: publishers send documents, "
      "it stores them with the records read out of them.\n"
      "Usage: plenary-ingest --database=postgresql://... [--listen=127.0.0.1:50052]";
  spec.default_listen_address = "127.0.0.1:50052";
  spec.service_names = {"plenary.v1.IngestService"};
  spec.make_services = [](plenary::storage::pg::ConnectionPool&) {
    std::vector<std::unique_ptr<grpc::Service>> services;
    services.push_back(std::make_unique<plenary::v1::IngestService::CallbackService>());
    return services;
  };
  return plenary::services::RunService(spec, argc, argv);
}
