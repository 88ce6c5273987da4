// plenary-ingest: serves IngestService.
#include "absl/flags/flag.h"
#include "services/common/service_main.h"
#include "services/ingest/ingest_root.h"

ABSL_FLAG(std::string, publisher_tokens, "",
          "file of publisher tokens, one per line ('#' starts a comment); clients send "
          "'authorization: Bearer <token>'. Falls back to $PLENARY_PUBLISHER_TOKENS");
ABSL_FLAG(bool, insecure_no_auth, false,
          "accept documents from anyone: only for trusted networks and tests");
ABSL_FLAG(int64_t, max_document_bytes, 8 << 20, "largest document accepted, in bytes");
ABSL_FLAG(double, publisher_rate, 0,
          "documents per second each publisher may send on average (0: no limit); more is "
          "refused with RESOURCE_EXHAUSTED");
ABSL_FLAG(double, publisher_burst, 100, "documents a publisher may send at once, above the rate");
ABSL_FLAG(int64_t, max_bytes_in_flight, 64 << 20,
          "bytes of documents received and not yet answered, all publishers together; past it "
          "streams pause reading and single calls get RESOURCE_EXHAUSTED");
ABSL_FLAG(int, max_streams, 64, "open IngestDocuments streams, all publishers together");
ABSL_FLAG(int, max_streams_per_publisher, 16,
          "open IngestDocuments streams per publisher token (per client address without "
          "tokens)");

namespace plenary::ingest {
namespace {

absl::StatusOr<std::shared_ptr<services::BearerTokens>> AuthFromFlags() {
  absl::StatusOr<std::shared_ptr<services::BearerTokens>> tokens = services::TokensFromFileOrEnv(
      absl::GetFlag(FLAGS_publisher_tokens), "PLENARY_PUBLISHER_TOKENS");
  if (!tokens.ok() || *tokens != nullptr) return tokens;
  if (absl::GetFlag(FLAGS_insecure_no_auth)) {
    return std::make_shared<services::BearerTokens>(services::BearerTokens::AllowAll());
  }
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
  spec.make_root = [](services::ServiceContext context)
      -> absl::StatusOr<std::unique_ptr<services::ServiceRoot>> {
    absl::StatusOr<std::shared_ptr<services::BearerTokens>> auth = ingest::AuthFromFlags();
    if (!auth.ok()) return auth.status();
    if (absl::GetFlag(FLAGS_max_document_bytes) < 1) {
      return absl::InvalidArgumentError("--max-document-bytes must be positive");
    }
    if (absl::GetFlag(FLAGS_publisher_rate) < 0 || absl::GetFlag(FLAGS_publisher_burst) < 1) {
      return absl::InvalidArgumentError(
          "--publisher-rate must not be negative, --publisher-burst at least 1");
    }
    const ingest::IngestBounds bounds{
        .max_bytes_in_flight = static_cast<size_t>(absl::GetFlag(FLAGS_max_bytes_in_flight)),
        .max_streams = absl::GetFlag(FLAGS_max_streams),
        .max_streams_per_publisher = absl::GetFlag(FLAGS_max_streams_per_publisher)};
    if (absl::GetFlag(FLAGS_max_bytes_in_flight) < absl::GetFlag(FLAGS_max_document_bytes) ||
        bounds.max_streams < 1 || bounds.max_streams_per_publisher < 1) {
      return absl::InvalidArgumentError(
          "--max-bytes-in-flight must be at least --max-document-bytes, --max-streams and "
          "--max-streams-per-publisher at least 1");
    }
    return std::make_unique<ingest::IngestRoot>(
        ingest::IngestConfig{
            .publishers = *std::move(auth),
            .publisher_rate = absl::GetFlag(FLAGS_publisher_rate),
            .publisher_burst = absl::GetFlag(FLAGS_publisher_burst),
            .max_document_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_document_bytes)),
            .bounds = bounds},
        context.database, context.executor);
  };
  return services::RunService(spec, argc, argv);
}
