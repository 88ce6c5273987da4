// `plenary ingest`: sends files, or watches a drop folder, to plenary-ingest.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace plenary::cli {

struct IngestOptions {
  std::string token;       // publisher token; empty sends none
  std::string media_type;  // empty: guessed from each file's extension
  bool json = false;       // one JSON answer per line instead of text
  absl::Duration deadline = absl::Seconds(30);  // per document
};

// Sends `files` on one IngestDocuments stream, printing each answer and, on
// a terminal, a progress line. Returns 0 when every file was stored (or
// already was), 1 otherwise.
int IngestFiles(const std::shared_ptr<grpc::Channel>& channel, const IngestOptions& options,
                const std::vector<std::string>& files);

// Watches `folder`: each regular file that appears (and has stopped
// growing) is ingested once, then moved to folder/done/, or to
// folder/failed/ beside a NAME.reason file when refused. Files are retried
// while the service is unreachable. Runs until SIGINT or SIGTERM, or, with
// `once`, until the folder has been worked through. Returns 0, or 1 when
// `once` left failures.
int WatchFolder(const std::shared_ptr<grpc::Channel>& channel, const IngestOptions& options,
                const std::string& folder, bool once);

}  // namespace plenary::cli
