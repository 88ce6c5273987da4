#include "services/common/service_main.h"

#include <malloc.h>

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/flag_names.h"
#include "common/log.h"
#include "common/mutex_mode.h"
#include "services/common/metrics.h"
#include "services/common/server.h"
#include "services/common/tls.h"
#include "storage/pg/migrator.h"
#include "storage/pg/pg_database.h"

ABSL_FLAG(std::string, listen, "",
          "HOST:PORT to serve on (default 127.0.0.1:50051 for plenary-registry, "
          "127.0.0.1:50052 for plenary-ingest); port 0 picks a free port");
ABSL_FLAG(std::string, database, "",
          "PostgreSQL libpq URI, e.g. postgresql://plenary@127.0.0.1:5432/plenary; "
          "falls back to the environment variable PLENARY_DATABASE_URL");
ABSL_FLAG(std::string, database_read, "",
          "libpq URI of a read replica for queries (Get, List, Search); writes and the "
          "feed's order always use --database. Falls back to $PLENARY_DATABASE_READ_URL, "
          "then to --database");
ABSL_FLAG(int, db_pool_size, 8, "maximum number of database connections (per database)");
ABSL_FLAG(bool, migrate, false, "apply the schema migrations and exit");
ABSL_FLAG(std::string, log_format, "text", "log line format: text or json");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain: serve TLS (with --tls-key) instead of plaintext");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls-cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA certificate: require client certificates it signed (mutual TLS)");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT to serve Prometheus metrics on, at /metrics (off when empty); HOST is an "
          "IPv4 address or a name, e.g. 0.0.0.0");
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "on SIGTERM, how long in-flight calls may run before they are cancelled");

namespace plenary::services {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitBadConfig = 2;

// The URL without its password, for logs and messages.
std::string Redacted(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return absl::StrCat(url.substr(0, colon), ":****", url.substr(at));
}

}  // namespace

int RunService(const ServiceSpec& spec, int argc, char** argv) {
  // Documents and messages are often megabytes: glibc would otherwise raise
  // its mmap threshold after the first such buffer is freed and serve the
  // next ones from heap arenas, which keep the memory (peak RSS under a burst
  // of 1 MB documents: 580 MiB with this, 1 GiB without).
  mallopt(M_MMAP_THRESHOLD, 256 << 10);
  TurnOffMutexDeadlockDetection();
  BlockTerminationSignals();
  absl::SetProgramUsageMessage(spec.usage);
  // --help lists Plenary's flags (absl matches on the program's name
  // otherwise, and found none: the flags live in main.cc and here).
  absl::SetFlagsUsageConfig({.contains_help_flags = [](absl::string_view file) {
    return absl::StrContains(file, "services/");
  }});
  std::vector<std::string> arg_storage;
  std::vector<char*> args = WithUnderscoredFlagNames(argc, argv, arg_storage);
  absl::ParseCommandLine(argc, args.data());

  const std::string log_format = absl::GetFlag(FLAGS_log_format);
  if (log_format != "text" && log_format != "json") {
    Log(LogLevel::kError, "--log_format must be text or json", {{"got", log_format}});
    return kExitBadConfig;
  }
  SetLogFormat(log_format == "json" ? LogFormat::kJson : LogFormat::kText);

  std::string database_url = absl::GetFlag(FLAGS_database);
  if (database_url.empty()) {
    const char* from_env = std::getenv("PLENARY_DATABASE_URL");
    database_url = from_env != nullptr ? from_env : "";
  }
  if (database_url.empty()) {
    Log(LogLevel::kError,
        "no database: pass --database=postgresql://... or set PLENARY_DATABASE_URL");
    return kExitBadConfig;
  }
  if (absl::GetFlag(FLAGS_db_pool_size) < 1) {
    Log(LogLevel::kError, "--db_pool_size must be at least 1");
    return kExitBadConfig;
  }

  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = ServerCredentialsFrom(
      {absl::GetFlag(FLAGS_tls_cert), absl::GetFlag(FLAGS_tls_key),
       absl::GetFlag(FLAGS_tls_client_ca)});
  if (!credentials.ok()) {
    Log(LogLevel::kError, "bad TLS configuration", {{"status", credentials.status().ToString()}});
    return kExitBadConfig;
  }

  absl::StatusOr<int> version = storage::pg::ApplyMigrations(database_url);
  if (!version.ok()) {
    Log(LogLevel::kError, "cannot migrate the database",
        {{"database", Redacted(database_url)}, {"status", version.status().ToString()}});
    return version.status().code() == absl::StatusCode::kFailedPrecondition ? kExitBadConfig
                                                                            : kExitFailure;
  }
  Log(LogLevel::kInfo, "database schema ready",
      {{"database", Redacted(database_url)}, {"version", absl::StrCat(*version)}});
  if (absl::GetFlag(FLAGS_migrate)) return 0;

  std::string replica_url = absl::GetFlag(FLAGS_database_read);
  if (replica_url.empty() && std::getenv("PLENARY_DATABASE_READ_URL") != nullptr) {
    replica_url = std::getenv("PLENARY_DATABASE_READ_URL");
  }
  // Declared in the order they are used by one another, so that each is
  // destroyed after everything using it: the database, the executor whose
  // threads use it, the root whose services use both, the metrics endpoint
  // that reads the pools, the server that runs the calls.
  storage::pg::PgDatabase database(
      {database_url, replica_url, absl::GetFlag(FLAGS_db_pool_size)});
  database.ObserveWaits([](const std::string& pool, absl::Duration waited) {
    metrics::DatabasePoolWaitSeconds(pool).Observe(absl::ToDoubleSeconds(waited));
  });
  metrics::SetBuildInfo(spec.name);
  Executor executor(database.max_connections());
  absl::StatusOr<std::unique_ptr<ServiceRoot>> root = spec.make_root({database, executor});
  if (!root.ok()) {
    Log(LogLevel::kError, "cannot start", {{"status", root.status().ToString()}});
    return root.status().code() == absl::StatusCode::kInvalidArgument ? kExitBadConfig
                                                                      : kExitFailure;
  }
  std::unique_ptr<metrics::Endpoint> metrics_endpoint;
  if (!absl::GetFlag(FLAGS_metrics_listen).empty()) {
    absl::StatusOr<std::unique_ptr<metrics::Endpoint>> started = metrics::Endpoint::Start(
        absl::GetFlag(FLAGS_metrics_listen), {metrics::DatabasePoolGauges(database.pools())});
    if (!started.ok()) {
      Log(LogLevel::kError, "cannot start", {{"status", started.status().ToString()}});
      return started.status().code() == absl::StatusCode::kInvalidArgument ? kExitBadConfig
                                                                            : kExitFailure;
    }
    metrics_endpoint = *std::move(started);
    Log(LogLevel::kInfo, "serving metrics", {{"port", absl::StrCat(metrics_endpoint->port())}});
  }
  ServerConfig config;
  config.name = spec.name;
  config.listen_address = absl::GetFlag(FLAGS_listen).empty() ? spec.default_listen_address
                                                               : absl::GetFlag(FLAGS_listen);
  config.service_names = spec.service_names;
  config.credentials = *credentials;
  config.database = &database.probe();
  config.shutdown_grace = absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  config.before_shutdown = [root = root->get()] { root->BeforeShutdown(); };
  absl::StatusOr<std::unique_ptr<RunningServer>> server =
      RunningServer::Start(config, (*root)->services());
  if (!server.ok()) {
    Log(LogLevel::kError, "cannot start", {{"status", server.status().ToString()}});
    return kExitFailure;
  }
  const std::string signal = WaitForTerminationSignal();
  Log(LogLevel::kInfo, "received signal", {{"signal", signal}});
  (*server)->Shutdown();
  return 0;
}

}  // namespace plenary::services
