// bench/ingest: documents/s through IngestService (one per call, and many per
// IngestDocuments stream), each ingesting the whole corpus into an empty
// database of its own, beside the floor: the same bytes inserted raw, in
// batches, into a plain table.
//
//   ingest_bench --database=postgresql://postgres@127.0.0.1:PORT/postgres
#include <atomic>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "common/executor.h"
#include "common/sha256.h"
#include "parsing/document.h"
#include "grpcpp/create_channel.h"
#include "services/common/server.h"
#include "services/ingest/ingest_service.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/statements.h"
#include "tests/support/test_database.h"

ABSL_FLAG(int, documents, 10000, "documents in the generated corpus");
ABSL_FLAG(int, clients, 8, "concurrent callers (and database connections)");
ABSL_FLAG(int, raw_batch, 100, "rows per transaction in the raw INSERT baseline");

namespace plenary::bench {
namespace {

struct Document {
  std::string content;
  std::string media_type;
};

// Runs `work(client, index)` over documents [begin, end) split among clients;
// returns documents per second.
double Rate(int begin, int end, int clients, const std::function<void(int, int, int)>& work) {
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  const int share = (end - begin + clients - 1) / clients;
  for (int c = 0; c < clients; ++c) {
    const int from = begin + c * share;
    const int to = std::min(end, from + share);
    threads.emplace_back([&work, c, from, to] { work(c, from, to); });
  }
  for (auto& thread : threads) thread.join();
  return (end - begin) / absl::ToDoubleSeconds(absl::Now() - start);
}

// An IngestService in this process over an empty database, sized as
// plenary-ingest's main sizes it: `clients` connections and as many
// executor threads.
class LocalIngest {
 public:
  static absl::StatusOr<std::unique_ptr<LocalIngest>> Start(int clients) {
    absl::StatusOr<std::unique_ptr<testing::TestDatabase>> database =
        testing::TestDatabase::CreateMigrated();
    if (!database.ok()) return database.status();
    auto ingest = absl::WrapUnique(new LocalIngest(*std::move(database), clients));
    services::ServerConfig config;
    config.name = "bench-ingest";
    config.listen_address = "127.0.0.1:0";
    absl::StatusOr<std::unique_ptr<services::RunningServer>> server =
        services::RunningServer::Start(config, {&ingest->service_});
    if (!server.ok()) return server.status();
    ingest->server_ = *std::move(server);
    ingest->stub_ = v1::IngestService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", ingest->server_->port()),
                            grpc::InsecureChannelCredentials()));
    return ingest;
  }

  v1::IngestService::Stub& stub() { return *stub_; }
  const std::string& url() const { return database_->url(); }

  int64_t RecordsStored() const {
    pqxx::connection connection(url());
    return pqxx::nontransaction(connection)
        .exec1("SELECT count(*) FROM feed_events")[0]
        .as<int64_t>();
  }

 private:
  LocalIngest(std::unique_ptr<testing::TestDatabase> database, int clients)
      : database_(std::move(database)),
        pool_(database_->url(), clients, storage::pg::PrepareStatements),
        store_(pool_),
        ingester_(store_, 8 << 20),
        executor_(clients),
        service_(ingester_, auth_, limits_, executor_) {}

  std::unique_ptr<testing::TestDatabase> database_;
  storage::pg::ConnectionPool pool_;
  storage::pg::PgIngestStore store_;
  ingest::Ingester ingester_;
  services::BearerTokens auth_ = services::BearerTokens::AllowAll();
  ingest::RateLimiter limits_{0, 1};
  Executor executor_;
  ingest::IngestServiceImpl service_;
  std::unique_ptr<services::RunningServer> server_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

int Main() {
  const int n = absl::GetFlag(FLAGS_documents);
  const int clients = absl::GetFlag(FLAGS_clients);
  std::vector<Document> documents(n);
  size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    documents[i].content = GeneratedDocument(i, documents[i].media_type);
    bytes += documents[i].content.size();
  }
  auto request_for = [&](int i) {
    v1::IngestDocumentRequest request;
    request.set_content(documents[i].content);
    request.set_media_type(documents[i].media_type);
    request.set_source_uri(absl::StrCat("bench://", i));
    return request;
  };
  std::atomic<int> failures{0};

  // Both databases are made before anything is timed, so that no CREATE or
  // DROP DATABASE runs between the timed modes.
  absl::StatusOr<std::unique_ptr<LocalIngest>> single_ingest = LocalIngest::Start(clients);
  absl::StatusOr<std::unique_ptr<LocalIngest>> streamed_ingest = LocalIngest::Start(clients);
  for (const auto* ingest : {&single_ingest, &streamed_ingest}) {
    if (!ingest->ok()) {
      std::cerr << ingest->status() << "\n";
      return 1;
    }
  }

  // (a) One document per call.
  std::vector<Latencies> latencies(clients);
  const double single = Rate(0, n, clients, [&](int c, int from, int to) {
    for (int i = from; i < to; ++i) {
      grpc::ClientContext context;
      v1::IngestDocumentResponse response;
      const absl::Time start = absl::Now();
      const grpc::Status status =
          (*single_ingest)->stub().IngestDocument(&context, request_for(i), &response);
      if (!status.ok() && failures++ < 5) {
        std::cerr << "document " << i << ": " << status.error_message() << "\n";
      }
      latencies[c].Add(absl::Now() - start);
    }
  });
  Latencies single_latency;
  for (const Latencies& l : latencies) single_latency.Merge(l);

  // (b) Many documents per IngestDocuments stream.
  const double batched = Rate(0, n, clients, [&](int, int from, int to) {
    grpc::ClientContext context;
    auto stream = (*streamed_ingest)->stub().IngestDocuments(&context);
    std::thread writer([&] {
      for (int i = from; i < to; ++i) stream->Write(request_for(i));
      stream->WritesDone();
    });
    v1::IngestDocumentResponse response;
    while (stream->Read(&response)) {
      if (response.has_error() && failures++ < 5) {
        std::cerr << "document: " << response.error().message() << "\n";
      }
    }
    writer.join();
    if (const grpc::Status status = stream->Finish(); !status.ok() && failures++ < 5) {
      std::cerr << "stream: " << status.error_message() << "\n";
    }
  });

  // Where the time goes: parsing alone, on every core.
  const double parse_only = Rate(0, n, clients, [&](int, int from, int to) {
    for (int i = from; i < to; ++i) {
      auto type = parsing::ResolveMediaType(documents[i].media_type, documents[i].content);
      if (!type.ok() || !parsing::ParseDocument(documents[i].content, *type).ok()) ++failures;
    }
  });

  // (c) The floor: the same bytes, raw, batched INSERTs, in the streamed
  // ingestion's database.
  const std::string url = (*streamed_ingest)->url();
  {
    pqxx::connection connection(url);
    pqxx::nontransaction(connection)
        .exec0("CREATE TABLE raw_documents (id bigserial PRIMARY KEY, sha256 bytea, content bytea)");
  }
  const int batch = absl::GetFlag(FLAGS_raw_batch);
  const double raw = Rate(0, n, clients, [&](int, int from, int to) {
    pqxx::connection connection(url);
    connection.prepare("raw", "INSERT INTO raw_documents (sha256, content) VALUES ($1, $2)");
    for (int i = from; i < to;) {
      pqxx::work tx(connection);
      for (int end = std::min(to, i + batch); i < end; ++i) {
        tx.exec_prepared0("raw", pqxx::binarystring(Sha256(documents[i].content)),
                          pqxx::binarystring(documents[i].content));
      }
      tx.commit();
    }
  });

  std::cout << "bench/ingest: " << n << " generated documents (" << bytes / n
            << " bytes on average), " << clients << " concurrent clients; records stored: "
            << (*single_ingest)->RecordsStored() << " one per call, " << (*streamed_ingest)->RecordsStored()
            << " streamed; " << failures << " failures\n\n";
  std::cout << absl::StrFormat("%-44s %12s %10s\n", "what", "docs/s", "vs raw");
  std::cout << absl::StrFormat("%-44s %12.0f %9.0f%%\n", "IngestDocument, one per call", single,
                               100 * single / raw);
  std::cout << absl::StrFormat("%-44s %12.0f %9.0f%%\n", "IngestDocuments, streamed", batched,
                               100 * batched / raw);
  std::cout << absl::StrFormat("%-44s %12.0f %9s\n",
                               absl::StrCat("raw INSERT, ", batch, " rows per transaction"), raw,
                               "100%");
  std::cout << absl::StrFormat("%-44s %12.0f %9.0f%%\n", "parsing alone, no storage", parse_only,
                               100 * parse_only / raw);
  std::cout << "\nIngestDocument latency: p50 " << Micros(single_latency.Percentile(0.5))
            << ", p99 " << Micros(single_latency.Percentile(0.99)) << "\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace plenary::bench

int main(int argc, char** argv) {
  plenary::bench::StartBench(argc, argv);
  return plenary::bench::Main();
}
