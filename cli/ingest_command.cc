#include "cli/ingest_command.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "cli/printing.h"
#include "plenary/v1/ingest_service.grpc.pb.h"

namespace plenary::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_stop{false};

std::string MediaTypeFor(const fs::path& path, const IngestOptions& options) {
  if (!options.media_type.empty()) return options.media_type;
  const std::string extension = absl::AsciiStrToLower(path.extension().string());
  if (extension == ".md" || extension == ".markdown") return "text/markdown";
  if (extension == ".html" || extension == ".htm") return "text/html";
  if (extension == ".tsv") return "text/tab-separated-values";
  if (extension == ".txt") return "text/plain";
  return "";  // let the service sniff it
}

bool ReadFile(const fs::path& path, std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  content = buffer.str();
  return true;
}

v1::IngestDocumentRequest RequestFor(const fs::path& path, std::string content,
                                     const IngestOptions& options) {
  v1::IngestDocumentRequest request;
  request.set_content(std::move(content));
  request.set_media_type(MediaTypeFor(path, options));
  request.set_source_uri(absl::StrCat("file://", fs::absolute(path).string()));
  return request;
}

void Authorize(grpc::ClientContext& context, const IngestOptions& options) {
  if (!options.token.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", options.token));
  }
}

// A progress line on stderr, rewritten in place, at most a few times a second.
class Progress {
 public:
  explicit Progress(size_t total) : total_(total), enabled_(isatty(STDERR_FILENO) && total > 1) {}
  void Update(size_t done, size_t duplicates, size_t failed) {
    if (!enabled_ || (absl::Now() - last_ < absl::Milliseconds(200) && done != total_)) return;
    last_ = absl::Now();
    std::cerr << "\r" << done << "/" << total_ << " documents (" << duplicates
              << " already stored, " << failed << " refused)" << (done == total_ ? "\n" : "")
              << std::flush;
  }

 private:
  const size_t total_;
  const bool enabled_;
  absl::Time last_ = absl::InfinitePast();
};

}  // namespace

int IngestFiles(const std::shared_ptr<grpc::Channel>& channel, const IngestOptions& options,
                const std::vector<std::string>& files) {
  auto stub = v1::IngestService::NewStub(channel);
  grpc::ClientContext context;
  Authorize(context, options);
  auto stream = stub->IngestDocuments(&context);

  // Answers are read while requests are written: a stream that only writes
  // would stall once the unread answers fill the transport's window.
  absl::Mutex mu;
  std::vector<std::string> sent;  // guarded by mu
  std::atomic<size_t> unreadable{0};
  std::thread writer([&] {
    for (const std::string& file : files) {
      std::string content;
      if (!ReadFile(file, content)) {
        std::cerr << file << ": cannot read\n";
        ++unreadable;
        continue;
      }
      {
        absl::MutexLock lock(&mu);
        sent.push_back(file);
      }
      if (!stream->Write(RequestFor(file, std::move(content), options))) break;
    }
    stream->WritesDone();
  });

  Progress progress(files.size());
  size_t answered = 0, duplicates = 0, refused = 0;
  v1::IngestDocumentResponse response;
  while (stream->Read(&response)) {
    // Answers come in request order; `sent` is appended before each write.
    std::string file;
    {
      absl::MutexLock lock(&mu);
      file = sent[answered];
    }
    ++answered;
    if (response.has_error()) {
      ++refused;
      std::cerr << file << ": " << StatusCodeName(static_cast<grpc::StatusCode>(response.error().code()))
                << ": " << response.error().message() << "\n";
    } else {
      duplicates += response.duplicate() ? 1 : 0;
      std::cout << (options.json ? ToJsonLine(response) : Describe(file, response));
    }
    progress.Update(answered + unreadable, duplicates, refused);
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  if (!status.ok()) {
    std::cerr << "plenary: " << StatusCodeName(status.error_code()) << ": "
              << status.error_message() << "\n";
    return 1;
  }
  return refused == 0 && unreadable == 0 && answered == sent.size() ? 0 : 1;  // writer joined
}

int WatchFolder(const std::shared_ptr<grpc::Channel>& channel, const IngestOptions& options,
                const std::string& folder, bool once) {
  const fs::path root(folder);
  std::error_code error;
  fs::create_directories(root / "done", error);
  fs::create_directories(root / "failed", error);
  if (error) {
    std::cerr << "plenary: cannot use " << folder << ": " << error.message() << "\n";
    return 1;
  }
  signal(SIGINT, [](int) { g_stop = true; });
  signal(SIGTERM, [](int) { g_stop = true; });
  auto stub = v1::IngestService::NewStub(channel);

  // A file is taken once its size has not changed since the previous scan:
  // a writer still copying it is left alone.
  std::map<fs::path, uintmax_t> seen_sizes;
  int failures = 0;
  while (!g_stop) {
    bool pending = false;
    std::map<fs::path, uintmax_t> sizes;
    for (const fs::directory_entry& entry : fs::directory_iterator(root, error)) {
      const fs::path path = entry.path();
      if (!entry.is_regular_file() || path.filename().string().rfind('.', 0) == 0) continue;
      sizes[path] = entry.file_size();
      auto it = seen_sizes.find(path);
      if (!once && (it == seen_sizes.end() || it->second != entry.file_size())) {
        pending = true;
        continue;
      }
      std::string content;
      if (!ReadFile(path, content)) continue;
      grpc::ClientContext context;
      Authorize(context, options);
      context.set_deadline(std::chrono::system_clock::now() +
                           absl::ToChronoMilliseconds(options.deadline));
      v1::IngestDocumentResponse response;
      const grpc::Status status =
          stub->IngestDocument(&context, RequestFor(path, std::move(content), options), &response);
      const grpc::StatusCode code = status.error_code();
      if (code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
          code == grpc::StatusCode::ABORTED || code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        // Not the file's fault: it stays where it is, for the next round.
        std::cerr << path.filename().string() << ": " << status.error_message()
                  << (once ? " (left in place)\n" : " (will retry)\n");
        if (once) {
          ++failures;
        } else {
          pending = true;
        }
        continue;
      }
      const fs::path target = (status.ok() ? root / "done" : root / "failed") / path.filename();
      fs::rename(path, target, error);
      sizes.erase(path);
      if (status.ok()) {
        std::cout << (options.json ? ToJsonLine(response)
                                   : Describe(path.filename().string(), response))
                  << std::flush;
      } else {
        ++failures;
        const std::string reason = absl::StrCat(StatusCodeName(code), ": ", status.error_message());
        std::ofstream(target.string() + ".reason") << reason << "\n";
        std::cerr << path.filename().string() << ": " << reason << " (moved to failed/)\n";
      }
    }
    seen_sizes = std::move(sizes);
    if (once && !pending) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(pending ? 200 : 500));
  }
  return once && failures > 0 ? 1 : 0;
}

}  // namespace plenary::cli
