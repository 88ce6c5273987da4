#include "services/common/metrics.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace plenary::services {
namespace {

std::string Escaped(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string LabelText(const std::vector<std::string>& names, const LabelValues& values,
                      const std::string& extra = "") {
  std::vector<std::string> pairs;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    pairs.push_back(absl::StrCat(names[i], "=\"", Escaped(values[i]), "\""));
  }
  if (!extra.empty()) pairs.push_back(extra);
  return pairs.empty() ? "" : absl::StrCat("{", absl::StrJoin(pairs, ","), "}");
}

}  // namespace

Metrics& Metrics::Global() {
  static Metrics* metrics = new Metrics();
  return *metrics;
}

void Metrics::DeclareCounter(const std::string& name, const std::string& help,
                             std::vector<std::string> labels) {
  absl::MutexLock lock(&mu_);
  Family& family = families_[name];
  family.help = help;
  family.type = "counter";
  family.labels = std::move(labels);
}

void Metrics::DeclareHistogram(const std::string& name, const std::string& help,
                               std::vector<std::string> labels, std::vector<double> bounds) {
  absl::MutexLock lock(&mu_);
  Family& family = families_[name];
  family.help = help;
  family.type = "histogram";
  family.labels = std::move(labels);
  family.bounds = std::move(bounds);
}

void Metrics::DeclareGauge(const std::string& name, const std::string& help,
                           std::function<double()> read) {
  absl::MutexLock lock(&mu_);
  Family& family = families_[name];
  family.help = help;
  family.type = "gauge";
  family.read = std::move(read);
}

void Metrics::Forget(const std::string& name) {
  absl::MutexLock lock(&mu_);
  families_.erase(name);
}

void Metrics::Increment(const std::string& name, const LabelValues& labels, double by) {
  absl::MutexLock lock(&mu_);
  auto it = families_.find(name);
  if (it == families_.end()) return;
  it->second.series[labels].value += by;
}

void Metrics::Observe(const std::string& name, const LabelValues& labels, double value) {
  absl::MutexLock lock(&mu_);
  auto it = families_.find(name);
  if (it == families_.end()) return;
  Family& family = it->second;
  Series& series = family.series[labels];
  if (series.counts.empty()) series.counts.assign(family.bounds.size() + 1, 0);
  size_t bucket = 0;
  while (bucket < family.bounds.size() && value > family.bounds[bucket]) ++bucket;
  ++series.counts[bucket];
  series.sum += value;
}

std::string Metrics::Render() const {
  std::vector<std::pair<std::string, std::function<double()>>> gauges;
  std::string out;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [name, family] : families_) {
      if (family.type == "gauge") {
        gauges.push_back({name, family.read});
        continue;
      }
      absl::StrAppend(&out, "# HELP ", name, " ", family.help, "\n# TYPE ", name, " ",
                      family.type, "\n");
      for (const auto& [labels, series] : family.series) {
        if (family.type == "counter") {
          absl::StrAppend(&out, name, LabelText(family.labels, labels), " ", series.value, "\n");
          continue;
        }
        uint64_t cumulative = 0;
        for (size_t i = 0; i <= family.bounds.size(); ++i) {
          cumulative += series.counts[i];
          const std::string le =
              i < family.bounds.size() ? absl::StrCat(family.bounds[i]) : "+Inf";
          absl::StrAppend(&out, name, "_bucket",
                          LabelText(family.labels, labels, absl::StrCat("le=\"", le, "\"")), " ",
                          cumulative, "\n");
        }
        absl::StrAppend(&out, name, "_sum", LabelText(family.labels, labels), " ", series.sum,
                        "\n", name, "_count", LabelText(family.labels, labels), " ", cumulative,
                        "\n");
      }
    }
  }
  // Read outside the lock: a gauge may take other locks.
  for (const auto& [name, read] : gauges) {
    absl::StrAppend(&out, "# TYPE ", name, " gauge\n", name, " ", read(), "\n");
  }
  return out;
}

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(const std::string& address) {
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("--metrics-listen: not HOST:PORT: ", address));
  }
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  endpoint->server_ = std::make_unique<httplib::Server>();
  endpoint->server_->Get("/metrics", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(Metrics::Global().Render(), "text/plain; version=0.0.4");
  });
  const std::string host = address.substr(0, colon);
  endpoint->port_ = port == 0 ? endpoint->server_->bind_to_any_port(host)
                              : (endpoint->server_->bind_to_port(host, port) ? port : -1);
  if (endpoint->port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", address));
  }
  endpoint->thread_ = std::thread([server = endpoint->server_.get()] { server->listen_after_bind(); });
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace plenary::services
