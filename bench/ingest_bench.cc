// bench/ingest: documents/s through IngestService (one per call, and many per
// IngestDocuments stream), each ingesting the whole corpus into an empty
// database of its own, beside the floor: the same bytes inserted raw, in
// batches, into a plain table. Then real documents: the PDFs and resolution
// texts of ../shared/corpus/real and a generated many-page resolution PDF,
// in pages/s and docs/s, beside the `pdftotext` command (poppler-utils) run
// on the same PDFs in the same run, the floor for text extraction.
//
//   PLENARY_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/postgres ingest_bench
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "common/executor.h"
#include "common/sha256.h"
#include "grpcpp/create_channel.h"
#include "parsing/document.h"
#include "parsing/pdf_for_test.h"
#include "parsing/pdf_text.h"
#include "services/common/server.h"
#include "services/ingest/ingest_service.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/statements.h"
#include "tests/support/test_database.h"

ABSL_FLAG(int, documents, 10000, "documents in the generated corpus");
ABSL_FLAG(int, clients, 8, "concurrent callers (and database connections)");
ABSL_FLAG(int, raw_batch, 100, "rows per transaction in the raw INSERT baseline");
ABSL_FLAG(std::string, real_corpus, PLENARY_REAL_CORPUS_DIR,
          "the corpus of real documents (p*.pdf, r*.txt); its rows are skipped when absent");
ABSL_FLAG(int, real_rounds, 30,
          "times each real document is ingested, each time as other bytes (a trailing comment)");
ABSL_FLAG(int, pdf_pages, 50, "pages of each generated resolution PDF");
ABSL_FLAG(int, pdfs, 40, "generated resolution PDFs, each its own resolution");

extern char** environ;

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

// Ingests `requests` over `clients` IngestDocuments streams, each sending
// an equal share; returns documents per second. Counts the documents
// answered with an error in `refused`.
double IngestStreamed(v1::IngestService::Stub& stub,
                      const std::vector<v1::IngestDocumentRequest>& requests, int clients,
                      std::atomic<int>& refused, std::atomic<int>& failures) {
  return Rate(0, static_cast<int>(requests.size()), clients, [&](int, int from, int to) {
    grpc::ClientContext context;
    auto stream = stub.IngestDocuments(&context);
    std::thread writer([&] {
      for (int i = from; i < to; ++i) stream->Write(requests[i]);
      stream->WritesDone();
    });
    v1::IngestDocumentResponse response;
    while (stream->Read(&response)) {
      if (response.has_error()) ++refused;
    }
    writer.join();
    if (const grpc::Status status = stream->Finish(); !status.ok() && failures++ < 5) {
      std::cerr << "stream: " << status.error_message() << "\n";
    }
  });
}

// A PDF of the corpus, or generated, as bytes and as a file for pdftotext.
struct Pdf {
  std::string name;
  std::string path;
  std::string content;
  int pages = 0;
};

// Runs `pdftotext -q PATH -` with its output to /dev/null, as a user would
// run the command; false when it cannot be run or fails.
bool RunPdftotext(const std::string& path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::string program = "pdftotext", quiet = "-q", file = path, to_stdout = "-";
  char* argv[] = {program.data(), quiet.data(), file.data(), to_stdout.data(), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "pdftotext", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return false;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Pages per second of `pdftotext` over `pdfs`, each `rounds` times, from
// `clients` threads that each run one command at a time (as many at once as
// the ingestion has callers); 0 when the command fails.
double PdftotextPagesPerSecond(const std::vector<Pdf>& pdfs, int rounds, int clients) {
  std::vector<const Pdf*> runs;
  int pages = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const Pdf& pdf : pdfs) {
      runs.push_back(&pdf);
      pages += pdf.pages;
    }
  }
  std::atomic<bool> failed{false};
  const double runs_per_second =
      Rate(0, static_cast<int>(runs.size()), clients, [&](int, int from, int to) {
        for (int i = from; i < to && !failed; ++i) {
          if (!RunPdftotext(runs[i]->path)) failed = true;
        }
      });
  return failed ? 0 : runs_per_second * pages / runs.size();
}

// Pages of `text` as pdftotext prints them: each ends with a form feed (the
// last one may not).
int TextPages(const std::string& text) {
  const int feeds = static_cast<int>(std::count(text.begin(), text.end(), '\f'));
  return feeds + (text.empty() || text.back() == '\f' ? 0 : 1);
}

// Resolution `number` of the 90th session in the UN's layout over `pages`
// pages: masthead, adoption line, number and title, preamble, then numbered
// operative paragraphs on every page under the running head, a page
// number "i/N" and a job number at each foot, the meeting line at the end.
std::string GeneratedResolutionPdf(int number, int pages) {
  const std::string symbol = absl::StrCat("A/RES/90/", number);
  const std::string title = absl::StrCat("Cooperation on item ", number, " of the agenda");
  std::vector<std::vector<std::string>> text(pages);
  int paragraph = 0;
  for (int page = 0; page < pages; ++page) {
    std::vector<std::string>& lines = text[page];
    if (page == 0) {
      lines = {"United Nations",
               symbol,
               "General Assembly",
               "Distr.: General",
               "15 December 2025",
               "Ninetieth session",
               "Agenda item 20",
               "Resolution adopted by the General Assembly on",
               "10 December 2025",
               "[on the report of the Second Committee (A/90/420)]",
               absl::StrCat("90/", number, ". ", title),
               "The General Assembly,",
               "Recalling its resolutions 70/1 of 25 September 2015 and 72/279 of 31 May 2018,",
               "Noting with appreciation the report of the Secretary-General,"};
    } else {
      lines = {symbol, title};
    }
    while (lines.size() < 44) {
      ++paragraph;
      lines.push_back(absl::StrCat(
          paragraph, ". Requests the Secretary-General to continue to support Member States in"));
      lines.push_back(
          "the implementation of the present resolution, including through the regional");
      lines.push_back(
          "commissions and the United Nations development system, and to report on it;");
    }
    if (page == pages - 1) {
      lines.push_back("50th plenary meeting");
      lines.push_back("10 December 2025");
    }
    lines.push_back(absl::StrCat("25-", 20000 + number, " (E)"));
    lines.push_back(absl::StrCat(page + 1, "/", pages));
  }
  return parsing::MinimalPdfForTest(text);
}

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// CPU seconds spent so far by this process, by its children that have
// ended (pdftotext) and by the processes of the PostgreSQL server at `url`
// as /proc shows them (bench/run.sh runs it on this machine; a server
// elsewhere adds nothing). The difference over a phase is its CPU cost.
double CpuSeconds(const std::string& url) {
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  double total = seconds(self.ru_utime) + seconds(self.ru_stime) + seconds(children.ru_utime) +
                 seconds(children.ru_stime);
  try {
    pqxx::connection connection(url);
    const pqxx::result pids = pqxx::nontransaction(connection).exec(
        "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()");
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    for (const pqxx::row& row : pids) {
      std::ifstream stat("/proc/" + row[0].as<std::string>() + "/stat");
      std::string line;
      if (!std::getline(stat, line)) continue;
      // After the command's closing parenthesis: field 3 (state) onwards;
      // utime and stime are fields 14 and 15.
      const size_t close = line.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream fields(line.substr(close + 1));
      std::string field;
      for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i >= 14) total += std::stod(field) / ticks;
      }
    }
  } catch (const std::exception&) {
    // No server to ask: this process's CPU only.
  }
  return total;
}

// The real-document rows: the corpus's PDFs and resolution texts (when
// ../shared/corpus/real is here) and generated many-page PDFs, streamed into
// `ingest`'s database, beside pdftotext on the same PDFs.
int RealDocumentRows(LocalIngest& ingest, int clients) {
  namespace fs = std::filesystem;
  const fs::path corpus = absl::GetFlag(FLAGS_real_corpus);
  const int rounds = absl::GetFlag(FLAGS_real_rounds);
  std::atomic<int> failures{0};
  char temp_template[] = "/tmp/plenary-ingest-bench.XXXXXX";
  const char* temp = mkdtemp(temp_template);
  if (temp == nullptr) {
    std::cerr << "cannot make a temporary folder\n";
    return 1;
  }

  // The PDFs, each with its pages as Poppler counts them.
  auto add_pdf = [&](std::vector<Pdf>& pdfs, std::string name, std::string path,
                     std::string content) {
    absl::StatusOr<std::string> text = parsing::ExtractPdfText(content);
    if (!text.ok()) return std::string(text.status().message());
    pdfs.push_back({std::move(name), std::move(path), std::move(content), TextPages(*text)});
    return std::string();
  };
  std::vector<Pdf> real_pdfs, generated_pdfs;
  std::vector<std::string> left_out;
  std::vector<std::pair<std::string, std::string>> texts;  // name, content
  const bool have_corpus = fs::exists(corpus / "expected.json");
  if (have_corpus) {
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(corpus)) {
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      const std::string name = file.filename().string();
      if (name[0] == 'p' && file.extension() == ".pdf") {
        const std::string refused = add_pdf(real_pdfs, name, file.string(), ReadWholeFile(file));
        if (!refused.empty()) {
          left_out.push_back(
              absl::StrCat(name.substr(0, 3), " (", refused.substr(0, refused.find(':')), ")"));
        }
      } else if (name[0] == 'r' && file.extension() == ".txt") {
        texts.emplace_back(name, ReadWholeFile(file));
      }
    }
  }
  const int pdf_pages = absl::GetFlag(FLAGS_pdf_pages);
  for (int i = 0; i < absl::GetFlag(FLAGS_pdfs); ++i) {
    const std::string path = absl::StrCat(temp, "/generated-", i + 1, ".pdf");
    std::string content = GeneratedResolutionPdf(i + 1, pdf_pages);
    std::ofstream(path, std::ios::binary) << content;
    add_pdf(generated_pdfs, absl::StrCat("generated-", i + 1), path, std::move(content));
  }

  // Every copy of a real document is other bytes, so that none is answered
  // as a duplicate: a PDF comment after the end of the file, spaces at the
  // end of a text. A copy restates its records unchanged.
  auto pdf_requests = [&](const std::vector<Pdf>& pdfs, int copies, int& pages) {
    std::vector<v1::IngestDocumentRequest> requests;
    pages = 0;
    for (int copy = 0; copy < copies; ++copy) {
      for (const Pdf& pdf : pdfs) {
        v1::IngestDocumentRequest& request = requests.emplace_back();
        request.set_content(copy == 0 ? pdf.content
                                      : absl::StrCat(pdf.content, "%copy ", copy, "\n"));
        request.set_media_type("application/pdf");
        request.set_source_uri(absl::StrCat("bench://", pdf.name, "/", copy));
        pages += pdf.pages;
      }
    }
    return requests;
  };
  int real_pdf_pages = 0, generated_pages = 0, text_pages = 0;
  const std::vector<v1::IngestDocumentRequest> real_pdf_requests =
      pdf_requests(real_pdfs, rounds, real_pdf_pages);
  const std::vector<v1::IngestDocumentRequest> generated_requests =
      pdf_requests(generated_pdfs, 1, generated_pages);
  std::vector<v1::IngestDocumentRequest> text_requests;
  for (int copy = 0; copy < rounds; ++copy) {
    for (const auto& [name, content] : texts) {
      v1::IngestDocumentRequest& request = text_requests.emplace_back();
      request.set_content(absl::StrCat(content, std::string(copy, ' ')));
      request.set_media_type("text/plain");
      request.set_source_uri(absl::StrCat("bench://", name, "/", copy));
      text_pages += TextPages(content);
    }
  }

  // The readers alone, in this process on every core: Poppler's text, then
  // the whole reading of a PDF (text and parsing), no service, no storage.
  auto pages_per_second = [&](const std::vector<v1::IngestDocumentRequest>& requests, int pages,
                              bool parse) {
    const double docs =
        Rate(0, static_cast<int>(requests.size()), clients, [&](int, int from, int to) {
          for (int i = from; i < to; ++i) {
            if (parse) {
              (void)parsing::ParseDocument(requests[i].content(), parsing::MediaType::kPdf);
            } else if (!parsing::ExtractPdfText(requests[i].content()).ok()) {
              ++failures;
            }
          }
        });
    return docs * pages / requests.size();
  };

  std::atomic<int> refused_real{0}, refused_generated{0}, refused_texts{0};
  struct Row {
    std::string what;
    double docs_per_second = 0;
    double pages_per_second = 0;
    double pages_per_cpu_second = 0;
    int floor = -1;  // the row of pdftotext on the same PDFs
  };
  std::vector<Row> rows;
  // Runs `phase`, which returns pages/s, and adds its row: wall-clock rates
  // and pages per CPU-second (the CPU of this process, of its pdftotext
  // children and of the database server), which hold better than rates
  // when other work shares the machine. Returns the row's index.
  auto measure = [&](std::string what, int pages, size_t docs,
                     const std::function<double()>& phase) {
    const double cpu = CpuSeconds(ingest.url());
    const double rate = phase();
    const double spent = CpuSeconds(ingest.url()) - cpu;
    Row& row = rows.emplace_back();
    row.what = std::move(what);
    row.pages_per_second = rate;
    row.docs_per_second = pages > 0 ? rate * docs / pages : 0;
    row.pages_per_cpu_second = spent > 0 ? pages / spent : 0;
    return static_cast<int>(rows.size() - 1);
  };
  // A set of PDFs: ingested, pdftotext on the same files, the readers alone.
  auto pdf_rows = [&](const std::string& what, const std::vector<Pdf>& pdfs, int copies,
                      const std::vector<v1::IngestDocumentRequest>& requests, int pages,
                      std::atomic<int>& refused) {
    const int ingested = measure(what, pages, requests.size(), [&] {
      return IngestStreamed(ingest.stub(), requests, clients, refused, failures) * pages /
             requests.size();
    });
    rows[ingested].floor =
        measure("  pdftotext, same PDFs, as many at once", pages, requests.size(),
                [&] { return PdftotextPagesPerSecond(pdfs, copies, clients); });
    measure("  text extraction alone (Poppler)", pages, requests.size(),
            [&] { return pages_per_second(requests, pages, false); });
    measure("  reading alone (text + parsing)", pages, requests.size(),
            [&] { return pages_per_second(requests, pages, true); });
  };
  if (!real_pdfs.empty()) {
    std::vector<std::string> names;
    for (const Pdf& pdf : real_pdfs) names.push_back(pdf.name.substr(0, 3));
    pdf_rows(absl::StrCat("corpus PDFs (", absl::StrJoin(names, ", "), ": ",
                          real_pdf_pages / rounds, " pages) x", rounds),
             real_pdfs, rounds, real_pdf_requests, real_pdf_pages, refused_real);
  }
  if (!generated_pdfs.empty()) {
    pdf_rows(absl::StrCat("generated PDFs, ", pdf_pages, " pages each, x", generated_pdfs.size()),
             generated_pdfs, 1, generated_requests, generated_pages, refused_generated);
  }
  if (!texts.empty()) {
    measure(absl::StrCat("corpus resolution texts (r01-r", texts.size(), ": ",
                         text_pages / rounds, " pages) x", rounds),
            text_pages, text_requests.size(), [&] {
              return IngestStreamed(ingest.stub(), text_requests, clients, refused_texts,
                                    failures) *
                     text_pages / text_requests.size();
            });
  }
  std::error_code ignored;
  fs::remove_all(temp, ignored);

  std::cout << "\nbench/ingest, real documents: IngestDocuments streamed by " << clients
            << " clients into an empty database; pdftotext (poppler-utils) run as a command, "
            << clients << " at a time; CPU: this process, its pdftotext children and the "
            << "database server's processes\n";
  if (!have_corpus) {
    std::cout << "no corpus of real documents at " << corpus
              << " (--real_corpus): its rows are skipped; the generated PDFs still run\n";
  }
  std::cout << "\n"
            << absl::StrFormat("%-48s %8s %9s %9s %12s %9s\n", "what", "docs/s", "pages/s",
                               "vs floor", "pages/CPU-s", "vs floor");
  auto versus = [](double value, double floor) {
    return floor > 0 ? absl::StrFormat("%.0f%%", 100 * value / floor) : std::string();
  };
  for (const Row& row : rows) {
    const Row* floor = row.floor >= 0 ? &rows[row.floor] : nullptr;
    std::cout << absl::StrFormat(
        "%-48s %8.1f %9.0f %9s %12.0f %9s\n", row.what, row.docs_per_second,
        row.pages_per_second, floor ? versus(row.pages_per_second, floor->pages_per_second) : "",
        row.pages_per_cpu_second,
        floor ? versus(row.pages_per_cpu_second, floor->pages_per_cpu_second) : "");
  }
  if (std::any_of(rows.begin(), rows.end(), [](const Row& row) {
        return row.what.starts_with("  pdftotext") && row.pages_per_second == 0;
      })) {
    std::cout << "pdftotext could not be run: install poppler-utils (bench/run.sh does)\n";
  }
  if (!real_pdfs.empty() || !texts.empty()) {
    std::cout << "\nrefused: " << refused_real << " of " << real_pdf_requests.size()
              << " corpus PDFs (each copy of p01, a draft: read, then refused as one), "
              << refused_texts << " of " << text_requests.size() << " texts\n";
  }
  if (!left_out.empty()) {
    std::cout << "left out of the rates, refused as image-only: " << absl::StrJoin(left_out, "; ")
              << "\n";
  }
  if (refused_generated > 0) {
    std::cout << refused_generated << " generated PDFs refused\n";
    ++failures;
  }
  return failures == 0 ? 0 : 1;
}

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
  absl::StatusOr<std::unique_ptr<LocalIngest>> real_ingest = LocalIngest::Start(clients);
  for (const auto* ingest : {&single_ingest, &streamed_ingest, &real_ingest}) {
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
  const int real = RealDocumentRows(**real_ingest, clients);
  return failures == 0 && real == 0 ? 0 : 1;
}

}  // namespace
}  // namespace plenary::bench

int main(int argc, char** argv) {
  plenary::bench::StartBench(argc, argv);
  return plenary::bench::Main();
}
