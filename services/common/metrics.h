// Metrics in the Prometheus text format: counters and histograms with
// labels, gauges read when scraped, and the HTTP endpoint that serves them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace httplib {
class Server;
}

namespace plenary::services {

// Label values in the order of the metric's label names.
using LabelValues = std::vector<std::string>;

class Metrics {
 public:
  // The process-wide registry.
  static Metrics& Global();

  // Declares a metric; calling again with the same name is harmless.
  void DeclareCounter(const std::string& name, const std::string& help,
                      std::vector<std::string> labels);
  void DeclareHistogram(const std::string& name, const std::string& help,
                        std::vector<std::string> labels, std::vector<double> bounds);
  // A gauge whose value is read from `read` at each scrape.
  void DeclareGauge(const std::string& name, const std::string& help, std::function<double()> read);

  // Drops a metric, e.g. a gauge whose source is going away.
  void Forget(const std::string& name);

  void Increment(const std::string& name, const LabelValues& labels, double by = 1);
  void Observe(const std::string& name, const LabelValues& labels, double value);

  // Everything, in the Prometheus text exposition format 0.0.4.
  std::string Render() const;

 private:
  struct Series {
    double value = 0;              // counters
    std::vector<uint64_t> counts;  // histograms: per bucket, then +Inf
    double sum = 0;
  };
  struct Family {
    std::string help;
    std::string type;  // "counter", "histogram", "gauge"
    std::vector<std::string> labels;
    std::vector<double> bounds;
    std::function<double()> read;
    std::map<LabelValues, Series> series;
  };

  mutable absl::Mutex mu_;
  std::map<std::string, Family> families_ ABSL_GUARDED_BY(mu_);
};

// Serves Metrics::Global() at http://ADDRESS/metrics on a thread of its own.
class MetricsEndpoint {
 public:
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(const std::string& address);
  ~MetricsEndpoint();
  int port() const { return port_; }

 private:
  MetricsEndpoint() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace plenary::services
