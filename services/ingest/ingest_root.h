// plenary-ingest's composition root: IngestService with the ingester and
// the per-publisher rate limits, over a Database.
#pragma once

#include <memory>

#include "common/executor.h"
#include "services/common/bearer_tokens.h"
#include "services/common/service_root.h"
#include "services/ingest/ingest_service.h"
#include "services/ingest/ingester.h"
#include "services/ingest/rate_limiter.h"
#include "storage/database.h"

namespace plenary::ingest {

struct IngestConfig {
  // The bearer tokens publishers must present (BearerTokens::AllowAll to
  // accept anyone).
  std::shared_ptr<const services::BearerTokens> publishers;
  // Documents per second each publisher may send on average (0: no limit),
  // and at once above it.
  double publisher_rate = 0;
  double publisher_burst = 100;
  size_t max_document_bytes = 8 << 20;
  IngestBounds bounds;
};

class IngestRoot final : public services::ServiceRoot {
 public:
  // `database` and `executor` must outlive it.
  IngestRoot(IngestConfig config, storage::Database& database, Executor& executor);

  std::vector<grpc::Service*> services() override { return {&service_}; }

 private:
  const IngestConfig config_;
  RateLimiter limits_;
  Ingester ingester_;
  IngestServiceImpl service_;
};

}  // namespace plenary::ingest
