// bench/query: RegistryService over a generated registry of 100,000 entries
// (documents in the corpus formats, parsed and stored as ingestion does).
// Beside each figure, in the same run: the same point SELECT driven straight
// at PostgreSQL, and an empty gRPC call (the health check) on the same server.
//
//   query_bench [--entries=100000]
#include <algorithm>
#include <atomic>
#include <numeric>
#include <iostream>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "common/executor.h"
#include "common/sha256.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "parsing/document.h"
#include "model/symbol.h"
#include "services/common/server.h"
#include "services/registry/registry_service.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/pg_registry_store.h"
#include "storage/pg/statements.h"
#include "tests/support/test_database.h"

ABSL_FLAG(int, entries, 100000, "resolutions and statements in the generated registry");
ABSL_FLAG(int, calls, 4000, "calls per measurement and client count");

namespace plenary::bench {
namespace {

constexpr int kConnections = 8;

struct Rate {
  double per_second = 0;
  Latencies latency;
};

// Runs `call(client, i)` `total` times split among `clients` threads.
Rate Measure(int clients, int total, const std::function<void(int, int)>& call) {
  std::vector<Latencies> latencies(clients);
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = c; i < total; i += clients) {
        const absl::Time before = absl::Now();
        call(c, i);
        latencies[c].Add(absl::Now() - before);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Rate rate;
  rate.per_second = total / absl::ToDoubleSeconds(absl::Now() - start);
  for (const Latencies& l : latencies) rate.latency.Merge(l);
  return rate;
}

// Documents per transaction while filling the registry.
constexpr int kLoadBatch = 256;

// Fills the registry with generated documents; returns the symbols stored.
std::vector<std::string> Generate(const std::string& url, int entries) {
  storage::pg::ConnectionPool pool(url, kConnections, storage::pg::PrepareStatements);
  storage::pg::PgIngestStore store(pool);
  std::atomic<int> next{0}, stored{0};
  std::vector<std::vector<std::string>> symbols(kConnections);
  std::vector<std::thread> threads;
  for (int t = 0; t < kConnections; ++t) {
    threads.emplace_back([&, t] {
      while (stored.load() < entries) {
        // Stored as ingestion stores a stream: in batches.
        std::vector<storage::NewDocument> batch;
        int records = 0;
        for (int k = 0; k < kLoadBatch; ++k) {
          const int i = next++;
          storage::NewDocument& document = batch.emplace_back();
          document.content = GeneratedDocument(i, document.media_type);
          document.sha256 = Sha256(document.content);
          auto type = parsing::ResolveMediaType(document.media_type, document.content);
          auto extraction = parsing::ParseDocument(document.content, *type);
          if (!extraction.ok()) {
            batch.pop_back();
            continue;
          }
          for (const Resolution& r : extraction->resolutions) symbols[t].push_back(r.symbol);
          document.resolutions = extraction->resolutions;
          for (Statement& statement : extraction->statements) {
            document.statements.push_back({absl::StrCat("st-bench-", i), std::move(statement)});
          }
          records += static_cast<int>(document.resolutions.size() + document.statements.size());
        }
        if (store.StoreDocuments(batch).ok()) stored += records;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<std::string> all;
  for (auto& part : symbols) all.insert(all.end(), part.begin(), part.end());
  return all;
}

std::string Row(const std::string& what, Rate& rate, double baseline) {
  return absl::StrFormat("%-46s %10.0f %10s %10s %8s\n", what, rate.per_second,
                         Micros(rate.latency.Percentile(0.5)), Micros(rate.latency.Percentile(0.99)),
                         baseline > 0 ? absl::StrFormat("%.0f%%", 100 * rate.per_second / baseline)
                                      : "");
}

int Main() {
  auto database = testing::TestDatabase::CreateMigrated();
  if (!database.ok()) {
    std::cerr << database.status() << "\n";
    return 1;
  }
  const std::string url = (*database)->url();
  const absl::Time generating = absl::Now();
  const std::vector<std::string> symbols = Generate(url, absl::GetFlag(FLAGS_entries));
  int64_t entries = 0;
  {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    entries = tx.exec1("SELECT (SELECT count(*) FROM resolutions) + (SELECT count(*) FROM statements)")[0]
                  .as<int64_t>();
    tx.exec0("ANALYZE");
  }

  storage::pg::ConnectionPool pool(url, kConnections, storage::pg::PrepareStatements);
  storage::pg::PgRegistryStore store(pool);
  Executor executor(kConnections);
  services::SignedTokenCodec tokens("bench", "secret");
  // Nothing is written while the benchmark runs, so no feed needs to evict.
  registry::ResolutionCache cache(200000);
  registry::RegistryServiceImpl service(store, executor, tokens, nullptr, &cache);
  // The same, without the cache: every call reads the database.
  registry::RegistryServiceImpl uncached_service(store, executor, tokens);
  services::ServerConfig uncached_config;
  uncached_config.name = "bench-registry-uncached";
  uncached_config.listen_address = "127.0.0.1:0";
  auto uncached_server = services::RunningServer::Start(uncached_config, {&uncached_service});
  if (!uncached_server.ok()) {
    std::cerr << uncached_server.status() << "\n";
    return 1;
  }
  services::ServerConfig config;
  config.name = "bench-registry";
  config.listen_address = "127.0.0.1:0";
  auto server = services::RunningServer::Start(config, {&service});
  if (!server.ok()) {
    std::cerr << server.status() << "\n";
    return 1;
  }
  const std::string address = absl::StrCat("127.0.0.1:", (*server)->port());
  constexpr int kChannels = 4;
  const std::string uncached_address = absl::StrCat("127.0.0.1:", (*uncached_server)->port());
  std::vector<std::unique_ptr<v1::RegistryService::Stub>> stubs, uncached_stubs;
  std::vector<std::unique_ptr<grpc::health::v1::Health::Stub>> health;
  for (int c = 0; c < kChannels; ++c) {
    grpc::ChannelArguments arguments;
    arguments.SetInt("plenary.bench.channel", c);
    auto channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
    stubs.push_back(v1::RegistryService::NewStub(channel));
    health.push_back(grpc::health::v1::Health::NewStub(channel));
    uncached_stubs.push_back(v1::RegistryService::NewStub(
        grpc::CreateCustomChannel(uncached_address, grpc::InsecureChannelCredentials(), arguments)));
  }
  const int calls = absl::GetFlag(FLAGS_calls);
  auto symbol_for = [&symbols](int i) {
    return symbols[(static_cast<uint64_t>(i) * 2654435761u) % symbols.size()];
  };
  std::atomic<int> failures{0};

  std::cout << "bench/query: " << entries << " entries (generated and stored in "
            << absl::FormatDuration(absl::Trunc(absl::Now() - generating, absl::Seconds(1)))
            << "), " << kConnections << " database connections, " << kChannels
            << " gRPC connections\n\n";
  std::cout << absl::StrFormat("%-46s %10s %10s %10s %8s\n", "what", "calls/s", "p50", "p99",
                               "vs raw");
  double raw_one_client = 0;
  for (const int clients : {1, 32}) {
    // The floor: the registry's own point lookup, straight at PostgreSQL.
    std::vector<std::unique_ptr<pqxx::connection>> connections;
    for (int c = 0; c < std::min(clients, kConnections); ++c) {
      connections.push_back(std::make_unique<pqxx::connection>(url));
      storage::pg::PrepareStatements(*connections.back());
    }
    std::vector<std::mutex> locks(connections.size());
    Rate raw = Measure(clients, calls, [&](int c, int i) {
      const size_t k = c % connections.size();
      std::lock_guard<std::mutex> lock(locks[k]);
      pqxx::nontransaction(*connections[k])
          .exec_prepared(storage::pg::kGetResolution, SymbolKey(symbol_for(i)), "", "", 0);
    });
    Rate empty = Measure(clients, calls, [&](int c, int) {
      grpc::ClientContext context;
      grpc::health::v1::HealthCheckResponse response;
      if (!health[c % kChannels]->Check(&context, {}, &response).ok()) ++failures;
    });
    auto get_from = [&](std::vector<std::unique_ptr<v1::RegistryService::Stub>>& from) {
      return Measure(clients, calls, [&](int c, int i) {
        grpc::ClientContext context;
        v1::GetResolutionRequest request;
        request.set_symbol(symbol_for(i));
        v1::Resolution response;
        if (!from[c % kChannels]->GetResolution(&context, request, &response).ok()) ++failures;
      });
    };
    if (clients == 1) raw_one_client = raw.per_second;
    Rate get = get_from(uncached_stubs);
    get_from(stubs);  // warms the cache with the same symbols
    Rate hot = get_from(stubs);
    std::cout << Row(absl::StrCat("GetResolution, ", clients, " client(s), database"), get,
                     raw.per_second);
    std::cout << Row(absl::StrCat("  raw point SELECT (same query), ", clients), raw, 0);
    std::cout << Row(absl::StrCat("GetResolution, ", clients, " client(s), cached"), hot, 0);
    std::cout << Row(absl::StrCat("  empty gRPC call (health), ", clients), empty, 0);
    std::cout << absl::StrFormat("%-46s %10.0f%%\n", "  cached GetResolution vs empty call",
                                 100 * hot.per_second / empty.per_second);
  }

  // Many symbols per call, read in one statement; "vs raw" compares the
  // symbols answered per second with one client's raw point SELECTs.
  constexpr int kSymbolsPerBatch = 100;
  Rate batch = Measure(1, std::max(20, calls / kSymbolsPerBatch), [&](int, int i) {
    grpc::ClientContext context;
    v1::BatchGetResolutionsRequest request;
    for (int k = 0; k < kSymbolsPerBatch; ++k) {
      request.add_symbols(symbol_for(i * kSymbolsPerBatch + k));
    }
    v1::BatchGetResolutionsResponse response;
    if (!uncached_stubs[0]->BatchGetResolutions(&context, request, &response).ok()) ++failures;
  });
  std::cout << "\n"
            << Row(absl::StrCat("BatchGetResolutions, ", kSymbolsPerBatch, " symbols, 1 client"),
                   batch, raw_one_client / kSymbolsPerBatch);

  const std::vector<std::string> queries = {
      "South-South cooperation", "\"Secretary-General\"", "cooperation -triangular",
      "item 4242", "Nairobi", "report OR decides", "General Assembly", "partnership",
      "best practices", "developing countries", "Geneva", "solidarity", "\"part 2\"",
      "resolution adopted", "A/RES/12/34", "64/222", "technology transfer", "Moscow",
      "forward", "Cote d'Ivoire"};
  std::vector<Latencies> by_query(queries.size());
  Rate search = Measure(1, static_cast<int>(queries.size()) * 10, [&](int, int i) {
    grpc::ClientContext context;
    v1::SearchRequest request;
    request.set_query(queries[i % queries.size()]);
    v1::SearchResponse response;
    const absl::Time start = absl::Now();
    if (!stubs[0]->Search(&context, request, &response).ok()) ++failures;
    by_query[i % queries.size()].Add(absl::Now() - start);
  });
  std::cout << "\n" << Row("Search, 20 queries x 10, 1 client", search, 0);
  // What limits the p99: the slowest queries.
  std::vector<size_t> slowest(queries.size());
  std::iota(slowest.begin(), slowest.end(), 0);
  std::sort(slowest.begin(), slowest.end(), [&](size_t a, size_t b) {
    return by_query[a].Percentile(0.5) > by_query[b].Percentile(0.5);
  });
  for (size_t k = 0; k < 3; ++k) {
    std::cout << absl::StrFormat("  slowest: %-30s p50 %s\n", queries[slowest[k]],
                                 Micros(by_query[slowest[k]].Percentile(0.5)));
  }
  std::cout << "\nfailures: " << failures << "\n";
  (*server)->Shutdown();
  (*uncached_server)->Shutdown();
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace plenary::bench

int main(int argc, char** argv) {
  plenary::bench::StartBench(argc, argv);
  return plenary::bench::Main();
}
