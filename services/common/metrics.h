// Every metric Plenary exports, declared once (metrics.cc) on prometheus-cpp,
// and the HTTP endpoint that serves them. Call sites get typed handles from
// the functions below and never spell a metric or label name, so a typo is a
// compile error rather than a silently missing series.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "storage/database.h"

namespace prometheus {
class Exposer;
}

namespace plenary::services::metrics {

// The process-wide registry that holds the families below.
std::shared_ptr<prometheus::Registry> Registry();

// --- gRPC server: the names and labels of go-grpc-prometheus ----------------

enum class GrpcType { kUnary, kClientStream, kServerStream, kBidiStream };

// The series of one method. Unary calls go to grpc_server_handling_seconds;
// streams, which may last for days, to a stream-lifetime histogram of their
// own so they do not spoil the unary quantiles.
class GrpcMethod {
 public:
  void Started() const;
  void Handled(grpc::StatusCode code, absl::Duration elapsed) const;
  void MessageReceived() const;
  void MessageSent() const;

 private:
  friend const GrpcMethod& GrpcServerMethod(absl::string_view full_method, GrpcType type);
  GrpcMethod() = default;

  GrpcType type_ = GrpcType::kUnary;
  prometheus::Labels labels_;  // grpc_type, grpc_service, grpc_method
  prometheus::Counter* started_ = nullptr;
  prometheus::Counter* received_ = nullptr;
  prometheus::Counter* sent_ = nullptr;
  prometheus::Histogram* duration_ = nullptr;  // handling or stream lifetime
};

// The handles of `full_method` ("/package.Service/Method"), made on first use
// (its series then exist, at zero) and kept for the life of the process. A
// method no linked .proto declares is counted as grpc_service="unknown",
// grpc_method="unknown", so callers cannot add series at will.
const GrpcMethod& GrpcServerMethod(absl::string_view full_method, GrpcType type);

// --- the feed (plenary-registry) ----------------------------------------------

prometheus::Gauge& FeedHeadPosition();
prometheus::Gauge& FeedSubscribers();
prometheus::Histogram& FeedLagSeconds();
// Events handed to subscribers, by where they were found.
enum class FeedSource { kWindow, kHistory };
prometheus::Counter& FeedEventsRead(FeedSource source);
prometheus::Counter& FeedHistoryReads();
// Events (not PROGRESS) written to subscribers.
prometheus::Counter& FeedEventsDelivered();
// Makes every feed series above, at zero until used: rate() and the alerts
// need a series to exist before its first increment. Call where the feed
// runs (only the registry exports them).
void ExportFeedSeries();

// --- ingestion (plenary-ingest) -------------------------------------------------

// kAbandoned: the caller cancelled, or its deadline passed, before the
// document was read.
enum class IngestOutcome { kStored, kDuplicate, kRefused, kThrottled, kAbandoned, kFailed };
// `status` says why a document was refused, abandoned or failed: the request
// field at fault for a refusal, the status code otherwise. Ignored for
// kStored and kDuplicate.
void CountIngested(IngestOutcome outcome, const absl::Status& status = absl::OkStatus());
// A document parsed as `media_type` ("text/html") in `elapsed`.
void CountParsed(absl::string_view media_type, absl::Duration elapsed);

// --- the database connection pools --------------------------------------------

// How long a call waited for a connection of pool `pool` ("primary",
// "replica").
prometheus::Histogram& DatabasePoolWaitSeconds(absl::string_view pool);

// Pool occupancy, read at each scrape. Nothing keeps the pools alive: stop the
// endpoint that serves this before the pools go.
std::shared_ptr<prometheus::Collectable> DatabasePoolGauges(std::vector<storage::PoolUse> pools);

// --- the process ----------------------------------------------------------------

// process_* series read from /proc/self at each scrape, as the Go and Python
// clients name them.
std::shared_ptr<prometheus::Collectable> ProcessCollector();

// Sets plenary_build_info{service,version,grpc_version} to 1.
void SetBuildInfo(absl::string_view service);

// --- the endpoint -------------------------------------------------------------------

// Serves Registry(), the process collector and `extra` at
// http://ADDRESS/metrics on threads of its own.
class Endpoint {
 public:
  // INVALID_ARGUMENT when `address` is not HOST:PORT with HOST an IPv4
  // address or a name (no IPv6: Debian's civetweb lacks it); UNAVAILABLE
  // when it cannot be bound. Port 0 picks a free port.
  static absl::StatusOr<std::unique_ptr<Endpoint>> Start(
      const std::string& address, std::vector<std::shared_ptr<prometheus::Collectable>> extra = {});
  ~Endpoint();
  int port() const { return port_; }

 private:
  Endpoint() = default;
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
};

}  // namespace plenary::services::metrics
