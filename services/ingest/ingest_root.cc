#include "services/ingest/ingest_root.h"

namespace plenary::ingest {

IngestRoot::IngestRoot(IngestConfig config, storage::Database& database, Executor& executor)
    : config_(std::move(config)),
      limits_(config_.publisher_rate, config_.publisher_burst),
      ingester_(database.ingest_store(), config_.max_document_bytes),
      service_(ingester_, *config_.publishers, limits_, executor, config_.bounds) {}

}  // namespace plenary::ingest
