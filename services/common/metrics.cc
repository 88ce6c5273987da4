#include "services/common/metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "common/status.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/grpcpp.h"
#include "prometheus/counter.h"
#include "prometheus/exposer.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/metric_family.h"

#ifndef PLENARY_VERSION
#define PLENARY_VERSION "unknown"
#endif

namespace plenary::services::metrics {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;
using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

// Sub-millisecond reads up to the slowest ingestion batch.
const Histogram::BucketBoundaries kCallBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                  0.05,   0.1,   0.25,   0.5,   1,    2.5,
                                                  5,      10};
// Feed streams live from seconds to days.
const Histogram::BucketBoundaries kStreamBuckets = {1,    10,    60,    300,   1800,
                                                    3600, 14400, 86400, 604800};

// Every family, declared here and nowhere else.
struct Families {
  explicit Families(prometheus::Registry& r)
      : grpc_started(BuildCounter()
                         .Name("grpc_server_started_total")
                         .Help("RPCs started on the server, by type, service and method")
                         .Register(r)),
        grpc_handled(BuildCounter()
                         .Name("grpc_server_handled_total")
                         .Help("RPCs completed on the server, whatever their status: by type, "
                               "service, method and status code (a call the client cancelled "
                               "counts as Canceled)")
                         .Register(r)),
        grpc_handling_seconds(BuildHistogram()
                                  .Name("grpc_server_handling_seconds")
                                  .Help("Time from a unary RPC's start to its status (streams "
                                        "are in grpc_server_stream_duration_seconds)")
                                  .Register(r)),
        grpc_stream_seconds(BuildHistogram()
                                .Name("grpc_server_stream_duration_seconds")
                                .Help("Lifetime of streaming RPCs, from start to status")
                                .Register(r)),
        grpc_msg_received(BuildCounter()
                              .Name("grpc_server_msg_received_total")
                              .Help("Messages received from clients, by type, service and method")
                              .Register(r)),
        grpc_msg_sent(BuildCounter()
                          .Name("grpc_server_msg_sent_total")
                          .Help("Messages sent to clients, by type, service and method")
                          .Register(r)),
        feed_head(BuildGauge()
                      .Name("plenary_feed_head_position")
                      .Help("Highest feed position this process has read")
                      .Register(r)),
        feed_subscribers(BuildGauge()
                             .Name("plenary_feed_subscribers")
                             .Help("Open Subscribe streams on this process")
                             .Register(r)),
        feed_lag(BuildHistogram()
                     .Name("plenary_feed_lag_seconds")
                     .Help("Time from an event's commit to this process reading it for its "
                           "subscribers")
                     .Register(r)),
        feed_events_read(BuildCounter()
                             .Name("plenary_feed_events_read_total")
                             .Help("Events handed to subscribers, by source: the in-memory "
                                   "window, or the database for subscribers behind it")
                             .Register(r)),
        feed_history_reads(BuildCounter()
                               .Name("plenary_feed_history_reads_total")
                               .Help("Database reads for subscribers behind the in-memory window")
                               .Register(r)),
        feed_delivered(BuildCounter()
                           .Name("plenary_feed_events_delivered_total")
                           .Help("Feed events (not PROGRESS) written to subscribers")
                           .Register(r)),
        ingest_documents(BuildCounter()
                             .Name("plenary_ingest_documents_total")
                             .Help("Documents received, by outcome (stored, duplicate, refused, "
                                   "throttled, abandoned by their caller, failed) and reason "
                                   "(the field at fault for a refusal, the status code "
                                   "otherwise)")
                             .Register(r)),
        ingest_parsed(BuildCounter()
                          .Name("plenary_ingest_parsed_documents_total")
                          .Help("New documents parsed, by media type (duplicates are answered "
                                "before parsing)")
                          .Register(r)),
        ingest_parse_seconds(BuildHistogram()
                                 .Name("plenary_ingest_parse_seconds")
                                 .Help("Time to parse one document, by media type")
                                 .Register(r)),
        pool_wait(BuildHistogram()
                      .Name("plenary_db_pool_wait_seconds")
                      .Help("Time a call waited for a database connection, by pool")
                      .Register(r)),
        build_info(BuildGauge()
                       .Name("plenary_build_info")
                       .Help("Always 1: the service, its version and the gRPC version it runs")
                       .Register(r)) {}

  Family<Counter>& grpc_started;
  Family<Counter>& grpc_handled;
  Family<Histogram>& grpc_handling_seconds;
  Family<Histogram>& grpc_stream_seconds;
  Family<Counter>& grpc_msg_received;
  Family<Counter>& grpc_msg_sent;
  Family<Gauge>& feed_head;
  Family<Gauge>& feed_subscribers;
  Family<Histogram>& feed_lag;
  Family<Counter>& feed_events_read;
  Family<Counter>& feed_history_reads;
  Family<Counter>& feed_delivered;
  Family<Counter>& ingest_documents;
  Family<Counter>& ingest_parsed;
  Family<Histogram>& ingest_parse_seconds;
  Family<Histogram>& pool_wait;
  Family<Gauge>& build_info;
};

Families& All() {
  static Families* families = new Families(*Registry());
  return *families;
}

// The spelling of go-grpc-prometheus (Go's codes.Code.String()), which the
// dashboards and alerts written for it match.
const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "Canceled";
    case grpc::StatusCode::UNKNOWN: return "Unknown";
    case grpc::StatusCode::INVALID_ARGUMENT: return "InvalidArgument";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DeadlineExceeded";
    case grpc::StatusCode::NOT_FOUND: return "NotFound";
    case grpc::StatusCode::ALREADY_EXISTS: return "AlreadyExists";
    case grpc::StatusCode::PERMISSION_DENIED: return "PermissionDenied";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "ResourceExhausted";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FailedPrecondition";
    case grpc::StatusCode::ABORTED: return "Aborted";
    case grpc::StatusCode::OUT_OF_RANGE: return "OutOfRange";
    case grpc::StatusCode::UNIMPLEMENTED: return "Unimplemented";
    case grpc::StatusCode::INTERNAL: return "Internal";
    case grpc::StatusCode::UNAVAILABLE: return "Unavailable";
    case grpc::StatusCode::DATA_LOSS: return "DataLoss";
    case grpc::StatusCode::UNAUTHENTICATED: return "Unauthenticated";
    case grpc::StatusCode::DO_NOT_USE: break;
  }
  return "Unknown";
}

const char* TypeName(GrpcType type) {
  switch (type) {
    case GrpcType::kUnary: return "unary";
    case GrpcType::kClientStream: return "client_stream";
    case GrpcType::kServerStream: return "server_stream";
    case GrpcType::kBidiStream: return "bidi_stream";
  }
  return "unary";
}

const char* OutcomeName(IngestOutcome outcome) {
  switch (outcome) {
    case IngestOutcome::kStored: return "stored";
    case IngestOutcome::kDuplicate: return "duplicate";
    case IngestOutcome::kRefused: return "refused";
    case IngestOutcome::kThrottled: return "throttled";
    case IngestOutcome::kAbandoned: return "abandoned";
    case IngestOutcome::kFailed: return "failed";
  }
  return "failed";
}

// --- read at scrape time -----------------------------------------------------

prometheus::MetricFamily GaugeFamily(std::string name, std::string help) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = prometheus::MetricType::Gauge;
  return family;
}

void AddValue(prometheus::MetricFamily& family, double value,
              std::vector<prometheus::ClientMetric::Label> labels = {}) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  if (family.type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
}

class PoolGauges final : public prometheus::Collectable {
 public:
  explicit PoolGauges(std::vector<storage::PoolUse> pools) : pools_(std::move(pools)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    prometheus::MetricFamily max = GaugeFamily("plenary_db_pool_connections_max",
                                               "Database connections a pool may open (--db-pool-size)");
    prometheus::MetricFamily open =
        GaugeFamily("plenary_db_pool_connections_open", "Database connections open, by pool");
    prometheus::MetricFamily in_use = GaugeFamily("plenary_db_pool_connections_in_use",
                                                  "Database connections lent out to calls, by pool");
    for (const storage::PoolUse& pool : pools_) {
      AddValue(max, pool.size, {{"pool", pool.pool}});
      AddValue(open, pool.open(), {{"pool", pool.pool}});
      AddValue(in_use, pool.in_use(), {{"pool", pool.pool}});
    }
    return {std::move(max), std::move(open), std::move(in_use)};
  }

 private:
  const std::vector<storage::PoolUse> pools_;
};

// What the Go and Python clients' process collectors export, from /proc.
class Process final : public prometheus::Collectable {
 public:
  Process() : ticks_(sysconf(_SC_CLK_TCK)), page_bytes_(sysconf(_SC_PAGESIZE)) {
    std::ifstream stat("/proc/stat");
    std::string line;
    while (std::getline(stat, line)) {
      if (absl::StartsWith(line, "btime ")) {
        (void)absl::SimpleAtod(absl::StripPrefix(line, "btime "), &boot_time_);
      }
    }
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> out;
    // /proc/self/stat: the fields after the command name, which is in
    // parentheses and may contain spaces.
    std::ifstream file("/proc/self/stat");
    std::stringstream text;
    text << file.rdbuf();
    const std::string stat = text.str();
    const size_t paren = stat.rfind(')');
    if (paren != std::string::npos && ticks_ > 0) {
      // fields[0] is field 3 (state) of proc(5).
      std::vector<std::string> fields =
          absl::StrSplit(stat.substr(paren + 2), ' ', absl::SkipEmpty());
      auto field = [&fields](size_t number) {
        double value = 0;
        if (number >= 3 && number - 3 < fields.size()) {
          (void)absl::SimpleAtod(fields[number - 3], &value);
        }
        return value;
      };
      prometheus::MetricFamily cpu = GaugeFamily(
          "process_cpu_seconds_total", "Total user and system CPU time spent in seconds");
      cpu.type = prometheus::MetricType::Counter;
      AddValue(cpu, (field(14) + field(15)) / ticks_);
      out.push_back(std::move(cpu));
      prometheus::MetricFamily start = GaugeFamily(
          "process_start_time_seconds", "Start time of the process since unix epoch in seconds");
      AddValue(start, boot_time_ + field(22) / ticks_);
      out.push_back(std::move(start));
      prometheus::MetricFamily virtual_bytes =
          GaugeFamily("process_virtual_memory_bytes", "Virtual memory size in bytes");
      AddValue(virtual_bytes, field(23));
      out.push_back(std::move(virtual_bytes));
      prometheus::MetricFamily resident =
          GaugeFamily("process_resident_memory_bytes", "Resident memory size in bytes");
      AddValue(resident, field(24) * page_bytes_);
      out.push_back(std::move(resident));
      prometheus::MetricFamily threads =
          GaugeFamily("process_threads", "Number of OS threads in the process");
      AddValue(threads, field(20));
      out.push_back(std::move(threads));
    }
    if (DIR* fds = opendir("/proc/self/fd"); fds != nullptr) {
      int count = 0;
      while (const dirent* entry = readdir(fds)) {
        if (entry->d_name[0] != '.') ++count;
      }
      closedir(fds);
      prometheus::MetricFamily open = GaugeFamily("process_open_fds", "Number of open file descriptors");
      AddValue(open, count - 1);  // not the one reading the directory
      out.push_back(std::move(open));
    }
    if (rlimit limit; getrlimit(RLIMIT_NOFILE, &limit) == 0) {
      prometheus::MetricFamily max =
          GaugeFamily("process_max_fds", "Maximum number of open file descriptors");
      AddValue(max, limit.rlim_cur == RLIM_INFINITY ? -1 : static_cast<double>(limit.rlim_cur));
      out.push_back(std::move(max));
    }
    return out;
  }

 private:
  const double ticks_;
  const double page_bytes_;
  double boot_time_ = 0;
};

}  // namespace

std::shared_ptr<prometheus::Registry> Registry() {
  static auto* registry = new std::shared_ptr<prometheus::Registry>(
      std::make_shared<prometheus::Registry>());
  return *registry;
}

// --- gRPC ------------------------------------------------------------------------

void GrpcMethod::Started() const { started_->Increment(); }

void GrpcMethod::Handled(grpc::StatusCode code, absl::Duration elapsed) const {
  prometheus::Labels labels = labels_;
  labels["grpc_code"] = CodeName(code);
  // Family::Add returns the existing series for labels it has seen.
  All().grpc_handled.Add(labels).Increment();
  duration_->Observe(absl::ToDoubleSeconds(elapsed));
}

void GrpcMethod::MessageReceived() const { received_->Increment(); }

void GrpcMethod::MessageSent() const { sent_->Increment(); }

const GrpcMethod& GrpcServerMethod(absl::string_view full_method, GrpcType type) {
  static absl::Mutex mu;
  static auto* methods ABSL_GUARDED_BY(mu) =
      new absl::flat_hash_map<std::string, std::unique_ptr<GrpcMethod>>();
  // "/package.Service/Method"
  absl::string_view name = absl::StripPrefix(full_method, "/");
  const size_t slash = name.rfind('/');
  std::string service(slash == absl::string_view::npos ? "" : name.substr(0, slash));
  std::string rpc(slash == absl::string_view::npos ? name : name.substr(slash + 1));
  absl::MutexLock lock(&mu);
  if (auto it = methods->find(full_method); it != methods->end()) return *it->second;
  // Clients choose the method names they send: those no .proto of this
  // process declares share one series, or a client could make series
  // without end.
  if (google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          absl::StrCat(service, ".", rpc)) == nullptr) {
    service = rpc = "unknown";
  }
  const std::string key = service == "unknown" ? "unknown" : std::string(full_method);
  std::unique_ptr<GrpcMethod>& method = (*methods)[key];
  if (method != nullptr) return *method;
  method.reset(new GrpcMethod());
  method->type_ = type;
  method->labels_ = {{"grpc_type", TypeName(type)}, {"grpc_service", service}, {"grpc_method", rpc}};
  Families& all = All();
  method->started_ = &all.grpc_started.Add(method->labels_);
  prometheus::Labels ok = method->labels_;
  ok["grpc_code"] = CodeName(grpc::StatusCode::OK);
  all.grpc_handled.Add(ok);  // at zero: ratios over OK have a denominator
  method->received_ = &all.grpc_msg_received.Add(method->labels_);
  method->sent_ = &all.grpc_msg_sent.Add(method->labels_);
  method->duration_ = type == GrpcType::kUnary
                          ? &all.grpc_handling_seconds.Add(method->labels_, kCallBuckets)
                          : &all.grpc_stream_seconds.Add(method->labels_, kStreamBuckets);
  return *method;
}

// --- feed ----------------------------------------------------------------------------

prometheus::Gauge& FeedHeadPosition() {
  static Gauge& gauge = All().feed_head.Add({});
  return gauge;
}

prometheus::Gauge& FeedSubscribers() {
  static Gauge& gauge = All().feed_subscribers.Add({});
  return gauge;
}

prometheus::Histogram& FeedLagSeconds() {
  static Histogram& histogram =
      All().feed_lag.Add({}, Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                         0.025, 0.1, 1, 10, 60});
  return histogram;
}

prometheus::Counter& FeedEventsRead(FeedSource source) {
  static Counter& window = All().feed_events_read.Add({{"source", "window"}});
  static Counter& history = All().feed_events_read.Add({{"source", "history"}});
  return source == FeedSource::kWindow ? window : history;
}

prometheus::Counter& FeedHistoryReads() {
  static Counter& counter = All().feed_history_reads.Add({});
  return counter;
}

prometheus::Counter& FeedEventsDelivered() {
  static Counter& counter = All().feed_delivered.Add({});
  return counter;
}

void ExportFeedSeries() {
  FeedHeadPosition();
  FeedSubscribers();
  FeedLagSeconds();
  FeedEventsRead(FeedSource::kWindow);
  FeedEventsRead(FeedSource::kHistory);
  FeedHistoryReads();
  FeedEventsDelivered();
}

// --- ingest -----------------------------------------------------------------------------

void CountIngested(IngestOutcome outcome, const absl::Status& status) {
  std::string reason;
  if (outcome == IngestOutcome::kRefused) {
    reason = FieldOf(status).value_or("other");
  } else if (outcome == IngestOutcome::kThrottled) {
    reason = "rate_limit";
  } else if (outcome == IngestOutcome::kFailed || outcome == IngestOutcome::kAbandoned) {
    reason = absl::StatusCodeToString(status.code());
  }
  All().ingest_documents.Add({{"outcome", OutcomeName(outcome)}, {"reason", reason}}).Increment();
}

void CountParsed(absl::string_view media_type, absl::Duration elapsed) {
  const prometheus::Labels labels = {{"media_type", std::string(media_type)}};
  All().ingest_parsed.Add(labels).Increment();
  All()
      .ingest_parse_seconds
      .Add(labels, Histogram::BucketBoundaries{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                               0.01, 0.025, 0.05, 0.1, 0.25, 1})
      .Observe(absl::ToDoubleSeconds(elapsed));
}

// --- database -------------------------------------------------------------------------------

prometheus::Histogram& DatabasePoolWaitSeconds(absl::string_view pool) {
  return All().pool_wait.Add({{"pool", std::string(pool)}},
                             Histogram::BucketBoundaries{0.00001, 0.0001, 0.001, 0.005, 0.01, 0.05,
                                                         0.1, 0.5, 1, 5});
}

std::shared_ptr<prometheus::Collectable> DatabasePoolGauges(std::vector<storage::PoolUse> pools) {
  return std::make_shared<PoolGauges>(std::move(pools));
}

// --- process ----------------------------------------------------------------------------------

std::shared_ptr<prometheus::Collectable> ProcessCollector() { return std::make_shared<Process>(); }

void SetBuildInfo(absl::string_view service) {
  All()
      .build_info
      .Add({{"service", std::string(service)},
            {"version", PLENARY_VERSION},
            {"grpc_version", grpc::Version()}})
      .Set(1);
}

// --- endpoint ------------------------------------------------------------------------------------

absl::StatusOr<std::unique_ptr<Endpoint>> Endpoint::Start(
    const std::string& address, std::vector<std::shared_ptr<prometheus::Collectable>> extra) {
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("--metrics-listen: not HOST:PORT: ", address));
  }
  // Debian 12 builds civetweb, prometheus-cpp's HTTP server, without IPv6:
  // say so rather than fail to bind.
  if (address.front() == '[') {
    return absl::InvalidArgumentError(absl::StrCat(
        "--metrics-listen: ", address,
        ": the metrics server has no IPv6 support; use an IPv4 address such as 0.0.0.0:PORT"));
  }
  std::unique_ptr<Endpoint> endpoint(new Endpoint());
  endpoint->collectables_ = std::move(extra);
  endpoint->collectables_.push_back(ProcessCollector());
  endpoint->collectables_.push_back(Registry());
  try {
    // One thread is plenty for a scrape every few seconds.
    endpoint->exposer_ = std::make_unique<prometheus::Exposer>(address, 1);
  } catch (const std::exception& error) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", address, ": ", error.what()));
  }
  for (const auto& collectable : endpoint->collectables_) {
    endpoint->exposer_->RegisterCollectable(collectable);
  }
  const std::vector<int> ports = endpoint->exposer_->GetListeningPorts();
  if (ports.empty() || ports.front() <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", address));
  }
  endpoint->port_ = ports.front();
  return endpoint;
}

Endpoint::~Endpoint() = default;

}  // namespace plenary::services::metrics
