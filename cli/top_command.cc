#include "cli/top_command.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

namespace plenary::cli {
namespace {

// The metrics the screen reads, as the services export them
// (services/common/metrics.cc).
constexpr char kHead[] = "plenary_feed_head_position";
constexpr char kSubscribers[] = "plenary_feed_subscribers";
constexpr char kDelivered[] = "plenary_feed_events_delivered_total";
constexpr char kEventsRead[] = "plenary_feed_events_read_total";
constexpr char kLagSum[] = "plenary_feed_lag_seconds_sum";
constexpr char kLagCount[] = "plenary_feed_lag_seconds_count";
constexpr char kHandled[] = "grpc_server_handled_total";
constexpr char kDocuments[] = "plenary_ingest_documents_total";
constexpr char kPoolInUse[] = "plenary_db_pool_connections_in_use";
constexpr char kPoolMax[] = "plenary_db_pool_connections_max";
constexpr char kBuildInfo[] = "plenary_build_info";

// Codes that are the server's fault, as the alert rules count them.
constexpr const char* kServerErrorCodes[] = {"Unknown",  "Internal",         "Unavailable",
                                             "DataLoss", "DeadlineExceeded", "Unimplemented"};

// "name{a="x",b="y"} 12" -> name, labels, value.
bool ParseLine(const std::string& line, std::string& name, Scrape::Series& series) {
  size_t i = 0;
  while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
  name = line.substr(0, i);
  if (name.empty()) return false;
  if (i < line.size() && line[i] == '{') {
    ++i;
    while (i < line.size() && line[i] != '}') {
      const size_t equals = line.find('=', i);
      if (equals == std::string::npos || equals + 1 >= line.size() || line[equals + 1] != '"') {
        return false;
      }
      std::string key = line.substr(i, equals - i);
      std::string value;
      size_t j = equals + 2;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\' && j + 1 < line.size()) {
          ++j;
          value += line[j] == 'n' ? '\n' : line[j];
        } else {
          value += line[j];
        }
      }
      series.labels[std::move(key)] = std::move(value);
      i = j + 1;
      if (i < line.size() && line[i] == ',') ++i;
    }
    ++i;  // '}'
  }
  std::vector<std::string> rest = absl::StrSplit(line.substr(std::min(i, line.size())), ' ',
                                                 absl::SkipEmpty());
  if (rest.empty()) return false;
  if (rest[0] == "+Inf" || rest[0] == "-Inf" || rest[0] == "NaN") {
    series.value = rest[0] == "NaN" ? 0 : (rest[0][0] == '+' ? 1e308 : -1e308);
    return true;
  }
  return absl::SimpleAtod(rest[0], &series.value);
}

std::string Rate(double delta, absl::Duration elapsed) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return absl::StrFormat("%.1f/s", seconds > 0 ? std::max(0.0, delta) / seconds : 0.0);
}

// A counter's increase between the scrapes (a restart in between reads as 0).
double Increase(const Scrape& before, const Scrape& after, const std::string& name,
                const std::map<std::string, std::string>& match = {}) {
  return std::max(0.0, after.Sum(name, match) - before.Sum(name, match));
}

std::string Version(const Scrape& scrape) {
  auto it = scrape.series.find(kBuildInfo);
  if (it == scrape.series.end()) return "";
  auto version = it->second.labels.find("version");
  return version == it->second.labels.end() ? "" : absl::StrCat("  version ", version->second);
}

std::string Pools(const Scrape& scrape) {
  std::string out;
  auto [first, last] = scrape.series.equal_range(kPoolMax);
  for (auto it = first; it != last; ++it) {
    const std::string pool = it->second.labels.count("pool") ? it->second.labels.at("pool") : "";
    absl::StrAppend(&out, out.empty() ? "" : "   ", pool, " ",
                    scrape.Sum(kPoolInUse, {{"pool", pool}}), "/", it->second.value, " in use");
  }
  return out;
}

std::string Calls(const Scrape& before, const Scrape& after, absl::Duration elapsed) {
  double errors = 0;
  for (const char* code : kServerErrorCodes) {
    errors += Increase(before, after, kHandled, {{"grpc_code", code}});
  }
  const double client = std::max(0.0, after.SumExcept(kHandled, "grpc_code", "OK") -
                                          before.SumExcept(kHandled, "grpc_code", "OK")) -
                        errors;
  return absl::StrCat("calls ", Rate(Increase(before, after, kHandled), elapsed),
                      "   server errors ", Rate(errors, elapsed), "   other non-OK ",
                      Rate(client, elapsed));
}

}  // namespace

double Scrape::Sum(const std::string& name, const std::map<std::string, std::string>& match) const {
  double sum = 0;
  auto [first, last] = series.equal_range(name);
  for (auto it = first; it != last; ++it) {
    bool matches = true;
    for (const auto& [key, value] : match) {
      auto label = it->second.labels.find(key);
      if (label == it->second.labels.end() || label->second != value) matches = false;
    }
    if (matches) sum += it->second.value;
  }
  return sum;
}

double Scrape::SumExcept(const std::string& name, const std::string& label,
                         const std::string& value) const {
  double sum = 0;
  auto [first, last] = series.equal_range(name);
  for (auto it = first; it != last; ++it) {
    auto found = it->second.labels.find(label);
    if (found == it->second.labels.end() || found->second != value) sum += it->second.value;
  }
  return sum;
}

Scrape ParseExposition(const std::string& text) {
  Scrape scrape;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    if (line.front() == '#') continue;
    std::string name;
    Scrape::Series series;
    if (ParseLine(std::string(line), name, series)) scrape.series.emplace(name, std::move(series));
  }
  return scrape;
}

absl::StatusOr<std::string> FetchMetrics(const std::string& host_port, absl::Duration timeout) {
  const size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("not HOST:PORT: ", host_port));
  }
  std::string host = host_port.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = host_port.substr(colon + 1);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &addresses) != 0 || addresses == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot resolve ", host_port));
  }
  int fd = -1;
  for (addrinfo* address = addresses; address != nullptr; address = address->ai_next) {
    fd = socket(address->ai_family, address->ai_socktype, address->ai_protocol);
    if (fd < 0) continue;
    timeval limit{};
    limit.tv_sec = absl::ToInt64Seconds(timeout);
    limit.tv_usec = absl::ToInt64Microseconds(timeout) % 1000000;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
    if (connect(fd, address->ai_addr, address->ai_addrlen) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(addresses);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot connect to ", host_port));
  const std::string request =
      absl::StrCat("GET /metrics HTTP/1.0\r\nHost: ", host_port, "\r\n\r\n");
  std::string response;
  if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
    char buffer[16384];
    for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, n);
  }
  close(fd);
  const size_t body = response.find("\r\n\r\n");
  if (!absl::StartsWith(response, "HTTP/1.") || body == std::string::npos ||
      response.substr(9, 3) != "200") {
    return absl::UnavailableError(
        absl::StrCat(host_port, " did not answer /metrics with 200 OK"));
  }
  return response.substr(body + 4);
}

std::string RenderTop(const std::vector<Observed>& services, absl::Duration elapsed,
                      absl::Time now) {
  std::string out = absl::StrCat(
      "plenary top   ", absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", now, absl::UTCTimeZone()),
      "   rates over ", absl::FormatDuration(elapsed), "\n");
  for (const Observed& service : services) {
    absl::StrAppend(&out, "\n", service.name, "  ", service.address);
    if (!service.after.ok()) {
      absl::StrAppend(&out, "  unreachable: ", service.after.status().message(), "\n");
      continue;
    }
    const Scrape& after = *service.after;
    // Without an earlier scrape, rates start from this one.
    const Scrape before = service.before.ok() ? *service.before : after;
    absl::StrAppend(&out, Version(after), "\n");
    if (after.Has(kHead)) {
      const double head = after.Sum(kHead);
      const double lag_count = Increase(before, after, kLagCount);
      absl::StrAppend(
          &out, absl::StrFormat("  feed head      %.0f (+%s)\n", head,
                                Rate(head - before.Sum(kHead), elapsed)),
          absl::StrFormat("  subscribers    %.0f   delivering %s   from window %s, history %s\n",
                          after.Sum(kSubscribers),
                          Rate(Increase(before, after, kDelivered), elapsed),
                          Rate(Increase(before, after, kEventsRead, {{"source", "window"}}), elapsed),
                          Rate(Increase(before, after, kEventsRead, {{"source", "history"}}),
                               elapsed)),
          lag_count > 0 ? absl::StrFormat("  feed lag       %.1f ms on average\n",
                                          1000 * Increase(before, after, kLagSum) / lag_count)
                        : "  feed lag       (no new events)\n");
    }
    if (after.Has(kDocuments)) {
      std::string outcomes;
      for (const char* outcome :
           {"stored", "duplicate", "refused", "throttled", "abandoned", "failed"}) {
        absl::StrAppend(&outcomes, "   ", outcome, " ",
                        Rate(Increase(before, after, kDocuments, {{"outcome", outcome}}), elapsed));
      }
      absl::StrAppend(&out, "  ingest         ", Rate(Increase(before, after, kDocuments), elapsed),
                      outcomes, "\n");
    }
    absl::StrAppend(&out, "  ", Calls(before, after, elapsed), "\n");
    if (const std::string pools = Pools(after); !pools.empty()) {
      absl::StrAppend(&out, "  database pool  ", pools, "\n");
    }
  }
  return out;
}

int Top(const TopOptions& options) {
  std::vector<Observed> services = {{"registry", options.registry_metrics},
                                    {"ingest", options.ingest_metrics}};
  const absl::Duration timeout = absl::Seconds(2);
  auto scrape_all = [&services, timeout] {
    for (Observed& service : services) {
      service.before = std::move(service.after);
      absl::StatusOr<std::string> text = FetchMetrics(service.address, timeout);
      service.after = text.ok() ? absl::StatusOr<Scrape>(ParseExposition(*text))
                                : absl::StatusOr<Scrape>(text.status());
    }
  };
  scrape_all();
  absl::Time last = absl::Now();
  while (true) {
    absl::SleepFor(options.interval);
    scrape_all();
    const absl::Time now = absl::Now();
    const std::string screen = RenderTop(services, now - last, now);
    last = now;
    if (options.once) {
      std::cout << screen << std::flush;
      for (const Observed& service : services) {
        if (service.after.ok()) return 0;
      }
      return 1;
    }
    // Home and clear, then the screen: a terminal shows one screen at a time.
    std::cout << "\033[H\033[2J" << screen << std::flush;
  }
}

}  // namespace plenary::cli
