// plenary-ingest: serves IngestService.
#include <cstdlib>

#include "absl/flags/flag.h"
#include "services/common/service_main.h"
#include "services/ingest/ingest_service.h"
#include "storage/pg/pg_ingest_store.h"

ABSL_FLAG(std::string, publisher_tokens, "",
          "file of publisher tokens, one per line ('#' starts a comment); clients send "
          "'authorization: Bearer <token>'. Falls back to $PLENARY_PUBLISHER_TOKENS");
ABSL_FLAG(bool, insecure_no_auth, false,
          "accept documents from anyone: only for trusted networks and tests");
ABSL_FLAG(int64_t, max_document_bytes, 8 << 20, "largest document accepted, in bytes");

namespace plenary::ingest {
namespace {

absl::StatusOr<PublisherAuth> AuthFromFlags() {
  std::string path = absl::GetFlag(FLAGS_publisher_tokens);
  if (path.empty() && std::getenv("PLENARY_PUBLISHER_TOKENS") != nullptr) {
    path = std::getenv("PLENARY_PUBLISHER_TOKENS");
  }
  if (!path.empty()) return PublisherAuth::FromFile(path);
  if (absl::GetFlag(FLAGS_insecure_no_auth)) return PublisherAuth::AllowAll();
  return absl::InvalidArgumentError(
      "publishers must authenticate: pass --publisher-tokens=FILE (or set "
      "PLENARY_PUBLISHER_TOKENS), or --insecure-no-auth to accept anyone");
}

}  // namespace
}  // namespace plenary::ingest

int main(int argc, char** argv) {
  using namespace plenary;
  services::ServiceSpec spec;
  spec.name = "plenary-ingest";
  spec.usage =
      "plenary-ingest serves Plenary's IngestService: publishers send documents, "
      "it stores them with the records read out of them.\n"
      "Usage: plenary-ingest --database=postgresql://... --publisher-tokens=FILE "
      "[--listen=127.0.0.1:50052]";
  spec.default_listen_address = "127.0.0.1:50052";
  spec.service_names = {"plenary.v1.IngestService"};
  spec.make_services = [](services::ServiceContext context) -> absl::StatusOr<services::BuiltServices> {
    absl::StatusOr<ingest::PublisherAuth> auth = ingest::AuthFromFlags();
    if (!auth.ok()) return auth.status();
    if (absl::GetFlag(FLAGS_max_document_bytes) < 1) {
      return absl::InvalidArgumentError("--max-document-bytes must be positive");
    }
    auto shared_auth = std::make_shared<ingest::PublisherAuth>(*std::move(auth));
    auto store = std::make_shared<storage::pg::PgIngestStore>(context.pool);
    auto ingester = std::make_shared<ingest::Ingester>(
        *store, static_cast<size_t>(absl::GetFlag(FLAGS_max_document_bytes)));
    services::BuiltServices built;
    built.owned = {shared_auth, store, ingester};
    built.services.push_back(
        std::make_unique<ingest::IngestServiceImpl>(*ingester, *shared_auth, context.executor));
    return built;
  };
  return services::RunService(spec, argc, argv);
}
