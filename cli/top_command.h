// `plenary top`: the running services at a glance (feed head, subscribers,
// ingest rate, errors), read from their Prometheus /metrics endpoints and
// refreshed until interrupted. Rates are the difference between two scrapes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace plenary::cli {

// One scrape: every series, by name, with its labels.
struct Scrape {
  struct Series {
    std::map<std::string, std::string> labels;
    double value = 0;
  };
  std::multimap<std::string, Series> series;

  // The sum of the series of `name` whose labels include `match` (all of
  // them when empty); 0 when there are none.
  double Sum(const std::string& name, const std::map<std::string, std::string>& match = {}) const;
  // Like Sum, for labels that must differ from the value given.
  double SumExcept(const std::string& name, const std::string& label,
                   const std::string& value) const;
  bool Has(const std::string& name) const { return series.count(name) > 0; }
};

// Parses the Prometheus text exposition format (comments are skipped).
Scrape ParseExposition(const std::string& text);

// GET http://HOST:PORT/metrics. UNAVAILABLE when it cannot connect or the
// answer is not 200.
absl::StatusOr<std::string> FetchMetrics(const std::string& host_port, absl::Duration timeout);

// A service's endpoint and its last two scrapes.
struct Observed {
  std::string name;     // "registry", "ingest"
  std::string address;  // HOST:PORT of /metrics
  absl::StatusOr<Scrape> before = absl::UnavailableError("not scraped");
  absl::StatusOr<Scrape> after = absl::UnavailableError("not scraped");
};

// The screen: one block per service, rates over `elapsed`.
std::string RenderTop(const std::vector<Observed>& services, absl::Duration elapsed,
                      absl::Time now);

struct TopOptions {
  std::string registry_metrics;  // HOST:PORT
  std::string ingest_metrics;
  absl::Duration interval = absl::Seconds(2);
  bool once = false;  // one screen (two scrapes `interval` apart), no clearing
};

// Runs until interrupted (or once); returns 0, or 1 when `once` and no
// service answered.
int Top(const TopOptions& options);

}  // namespace plenary::cli
