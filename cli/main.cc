// plenary: the command-line client for Plenary's services.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "cli/ingest_command.h"
#include "common/retry.h"
#include "common/flag_names.h"
#include "common/mutex_mode.h"
#include "cli/printing.h"
#include "cli/top_command.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "plenary/v1/feed_service.grpc.pb.h"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "plenary/v1/registry_service.grpc.pb.h"

ABSL_FLAG(std::string, registry, "",
          "plenary-registry address (default: $PLENARY_REGISTRY or 127.0.0.1:50051)");
ABSL_FLAG(std::string, ingest, "",
          "plenary-ingest address (default: $PLENARY_INGEST or 127.0.0.1:50052)");
ABSL_FLAG(std::string, token, "",
          "bearer token: the publisher token for ingest (default: $PLENARY_PUBLISHER_TOKEN), "
          "the reader token for the other commands (default: $PLENARY_READER_TOKEN)");
ABSL_FLAG(std::string, media_type, "", "media type for ingest; sniffed when empty");
ABSL_FLAG(bool, json, false, "print one JSON object per line");
ABSL_FLAG(bool, from_beginning, false, "watch: replay the whole feed first");
ABSL_FLAG(std::string, after, "", "watch: resume after this cursor");
ABSL_FLAG(int, deadline_seconds, 10, "deadline of each unary call");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM CA certificate: connect with TLS, trusting servers it signed");
ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate, for servers that require one");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls-cert");
ABSL_FLAG(std::string, watch, "", "ingest: watch this drop folder instead of sending files");
ABSL_FLAG(bool, once, false,
          "ingest --watch: work through the folder once, then exit; top: print one screen "
          "(two scrapes --interval-seconds apart), then exit");
ABSL_FLAG(std::string, registry_metrics, "",
          "top: plenary-registry's --metrics-listen address (default: $PLENARY_REGISTRY_METRICS "
          "or 127.0.0.1:9091)");
ABSL_FLAG(std::string, ingest_metrics, "",
          "top: plenary-ingest's --metrics-listen address (default: $PLENARY_INGEST_METRICS or "
          "127.0.0.1:9092)");
ABSL_FLAG(int, interval_seconds, 2, "top: seconds between refreshes");
ABSL_FLAG(bool, all, false,
          "reparse: read every stored document again, not only those read by older readers");
ABSL_FLAG(int64_t, after_document, 0, "reparse: start after this document id (to resume)");
ABSL_FLAG(int64_t, max_documents, 0, "reparse: stop after this many documents (0: all)");
ABSL_FLAG(std::string, body, "", "list: only resolutions adopted by this organ");
ABSL_FLAG(std::string, voted, "",
          "list, watch: only resolutions whose vote names this Member State, as "
          "STATE[:POSITION]: an ISO 3166-1 alpha-3 code or a name, and in_favour, against, "
          "abstaining or absent (e.g. \"USA:against\")");

namespace plenary::cli {
namespace {

constexpr char kUsage[] =
    "plenary: talk to Plenary's services.\n"
    "Usage:\n"
    "  plenary status                 health of plenary-registry and plenary-ingest\n"
    "  plenary get SYMBOL             a resolution by any form of its symbol\n"
    "  plenary statement ID           a statement by id\n"
    "  plenary search WORDS...        full-text search\n"
    "  plenary list                   resolutions, by symbol (--body, --voted)\n"
    "  plenary ingest FILE...         send documents to plenary-ingest\n"
    "  plenary ingest --watch DIR     ingest files dropped into DIR (done/, failed/)\n"
    "  plenary reparse                read stored documents again with the current readers\n"
    "                                 (--all, --after-document, --max-documents)\n"
    "  plenary watch                  follow the feed (--from_beginning, --after, --voted,\n"
    "                                 --json)\n"
    "  plenary top                    feed head, subscribers, ingest rate and errors, live,\n"
    "                                 from the services' metrics (--registry-metrics,\n"
    "                                 --ingest-metrics, --interval-seconds, --once)\n";

std::string Address(const std::string& flag, const char* env, const char* fallback) {
  if (!flag.empty()) return flag;
  const char* from_env = std::getenv(env);
  return from_env != nullptr && *from_env != '\0' ? from_env : fallback;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "plenary: cannot read " << path << "\n";
    std::exit(2);
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Plaintext unless --tls-ca is given.
std::shared_ptr<grpc::ChannelCredentials> Credentials() {
  if (absl::GetFlag(FLAGS_tls_ca).empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFileOrDie(absl::GetFlag(FLAGS_tls_ca));
  if (!absl::GetFlag(FLAGS_tls_cert).empty()) {
    options.pem_cert_chain = ReadFileOrDie(absl::GetFlag(FLAGS_tls_cert));
    options.pem_private_key = ReadFileOrDie(absl::GetFlag(FLAGS_tls_key));
  }
  return grpc::SslCredentials(options);
}

std::shared_ptr<grpc::Channel> RegistryChannel() {
  return grpc::CreateChannel(
      Address(absl::GetFlag(FLAGS_registry), "PLENARY_REGISTRY", "127.0.0.1:50051"),
      Credentials());
}

std::shared_ptr<grpc::Channel> IngestChannel() {
  return grpc::CreateChannel(
      Address(absl::GetFlag(FLAGS_ingest), "PLENARY_INGEST", "127.0.0.1:50052"), Credentials());
}

// The reader token, for registries started with --reader-tokens.
void AuthorizeReader(grpc::ClientContext& context) {
  const std::string token = Address(absl::GetFlag(FLAGS_token), "PLENARY_READER_TOKEN", "");
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
}

// A registry call's deadline and token.
void PrepareReaderCall(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(absl::GetFlag(FLAGS_deadline_seconds)));
  AuthorizeReader(context);
}

int Fail(const grpc::Status& status) {
  std::cerr << "plenary: " << StatusCodeName(status.error_code()) << ": "
            << status.error_message() << "\n";
  return 1;
}

int Status() {
  struct Target {
    std::string name;
    std::shared_ptr<grpc::Channel> channel;
  };
  int exit_code = 0;
  for (const Target& target : {Target{"plenary-registry", RegistryChannel()},
                               Target{"plenary-ingest", IngestChannel()}}) {
    auto stub = grpc::health::v1::Health::NewStub(target.channel);
    grpc::ClientContext context;
    PrepareReaderCall(context);
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, {}, &response);
    std::string state =
        status.ok() ? grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status())
                    : absl::StrCat("UNREACHABLE (", status.error_message(), ")");
    if (!status.ok() || response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
      exit_code = 1;
    }
    std::cout << target.name << "\t" << state << "\n";
  }
  return exit_code;
}

int Get(const std::string& symbol) {
  auto stub = v1::RegistryService::NewStub(RegistryChannel());
  grpc::ClientContext context;
  PrepareReaderCall(context);
  v1::GetResolutionRequest request;
  request.set_symbol(symbol);
  v1::Resolution resolution;
  grpc::Status status = stub->GetResolution(&context, request, &resolution);
  if (!status.ok()) return Fail(status);
  std::cout << (absl::GetFlag(FLAGS_json) ? ToJsonLine(resolution) : Describe(resolution));
  return 0;
}

int GetStatement(const std::string& id) {
  auto stub = v1::RegistryService::NewStub(RegistryChannel());
  grpc::ClientContext context;
  PrepareReaderCall(context);
  v1::GetStatementRequest request;
  request.set_id(id);
  v1::Statement statement;
  grpc::Status status = stub->GetStatement(&context, request, &statement);
  if (!status.ok()) return Fail(status);
  std::cout << (absl::GetFlag(FLAGS_json) ? ToJsonLine(statement) : Describe(statement));
  return 0;
}

int Search(const std::string& query) {
  auto stub = v1::RegistryService::NewStub(RegistryChannel());
  grpc::ClientContext context;
  PrepareReaderCall(context);
  v1::SearchRequest request;
  request.set_query(query);
  v1::SearchResponse response;
  grpc::Status status = stub->Search(&context, request, &response);
  if (!status.ok()) return Fail(status);
  for (const v1::SearchResult& result : response.results()) {
    std::cout << (absl::GetFlag(FLAGS_json) ? ToJsonLine(result) : Describe(result));
  }
  return 0;
}

// --voted, read: exits with a usage error when it names no position.
std::optional<v1::MemberStateVoteFilter> VotedFilter() {
  const std::string voted = absl::GetFlag(FLAGS_voted);
  if (voted.empty()) return std::nullopt;
  v1::MemberStateVoteFilter filter;
  const size_t colon = voted.rfind(':');
  filter.set_member_state(voted.substr(0, colon));
  if (colon != std::string::npos) {
    const std::string position = absl::AsciiStrToUpper(voted.substr(colon + 1));
    v1::VotePosition parsed;
    if (!v1::VotePosition_Parse(absl::StrCat("VOTE_POSITION_", position), &parsed) ||
        parsed == v1::VOTE_POSITION_UNSPECIFIED) {
      std::cerr << "plenary: --voted: the position after ':' is one of in_favour, against, "
                   "abstaining, absent\n";
      std::exit(2);
    }
    filter.set_position(parsed);
  }
  return filter;
}

// Every resolution the filters select, page after page.
int List() {
  auto stub = v1::RegistryService::NewStub(RegistryChannel());
  v1::ListResolutionsRequest request;
  request.set_body(absl::GetFlag(FLAGS_body));
  if (std::optional<v1::MemberStateVoteFilter> voted = VotedFilter()) {
    *request.mutable_member_state_vote() = *std::move(voted);
  }
  do {
    grpc::ClientContext context;
    PrepareReaderCall(context);
    v1::ListResolutionsResponse response;
    grpc::Status status = stub->ListResolutions(&context, request, &response);
    if (!status.ok()) return Fail(status);
    for (const v1::Resolution& resolution : response.resolutions()) {
      std::cout << (absl::GetFlag(FLAGS_json) ? ToJsonLine(resolution)
                                              : DescribeListed(resolution));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return 0;
}

std::string PublisherToken() {
  std::string token = absl::GetFlag(FLAGS_token);
  if (token.empty() && std::getenv("PLENARY_PUBLISHER_TOKEN") != nullptr) {
    token = std::getenv("PLENARY_PUBLISHER_TOKEN");
  }
  return token;
}

int Ingest(const std::vector<std::string>& files) {
  IngestOptions options;
  options.token = PublisherToken();
  options.media_type = absl::GetFlag(FLAGS_media_type);
  options.json = absl::GetFlag(FLAGS_json);
  options.deadline = absl::Seconds(absl::GetFlag(FLAGS_deadline_seconds));
  const std::string folder = absl::GetFlag(FLAGS_watch);
  if (!folder.empty()) return WatchFolder(IngestChannel(), options, folder, absl::GetFlag(FLAGS_once));
  return IngestFiles(IngestChannel(), options, files);
}

// Reads stored documents again and prints the progress after each batch.
int Reparse() {
  auto stub = v1::IngestService::NewStub(IngestChannel());
  grpc::ClientContext context;
  if (const std::string token = PublisherToken(); !token.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
  v1::ReparseDocumentsRequest request;
  request.set_after_document_id(absl::GetFlag(FLAGS_after_document));
  request.set_only_outdated(!absl::GetFlag(FLAGS_all));
  request.set_max_documents(absl::GetFlag(FLAGS_max_documents));
  auto reader = stub->ReparseDocuments(&context, request);
  v1::ReparseDocumentsResponse progress;
  while (reader->Read(&progress)) {
    if (absl::GetFlag(FLAGS_json)) {
      std::cout << ToJsonLine(progress) << std::flush;
    } else {
      std::cout << Describe(progress) << std::flush;
    }
  }
  const grpc::Status status = reader->Finish();
  if (!status.ok()) {
    std::cerr << "plenary: resume with --after-document=" << progress.last_document_id() << "\n";
    return Fail(status);
  }
  return 0;
}

// Follows the feed until interrupted. A stream that ends for a reason worth
// retrying (a replica stopping, a network blip, the database restarting, a
// too-slow read, a cancellation this command did not ask for, as a replica
// that is draining gives) is resumed after the last cursor received, with
// jittered backoff.
int Watch() {
  auto stub = v1::FeedService::NewStub(RegistryChannel());
  std::string cursor = absl::GetFlag(FLAGS_after);
  bool from_beginning = absl::GetFlag(FLAGS_from_beginning);
  const bool json = absl::GetFlag(FLAGS_json);
  // Jittered, so that the subscribers of a replica that stopped do not all
  // come back at once.
  RetryPolicy resume({.initial = absl::Milliseconds(100), .max = absl::Seconds(10), .jitter = 0.5});
  while (true) {
    grpc::ClientContext context;
    AuthorizeReader(context);
    v1::SubscribeRequest request;
    request.set_after_cursor(cursor);
    request.set_from_beginning(cursor.empty() && from_beginning);
    if (std::optional<v1::MemberStateVoteFilter> voted = VotedFilter()) {
      *request.add_member_state_votes() = *std::move(voted);
    }
    auto reader = stub->Subscribe(&context, request);
    v1::FeedEvent event;
    while (reader->Read(&event)) {
      cursor = event.cursor();
      resume.Reset();
      if (json) {
        std::cout << ToJsonLine(event) << std::flush;
      } else if (event.type() != v1::FEED_EVENT_TYPE_PROGRESS) {
        std::cout << Describe(event) << std::flush;
      }
    }
    const grpc::Status status = reader->Finish();
    switch (status.error_code()) {
      case grpc::StatusCode::UNAVAILABLE:
      case grpc::StatusCode::CANCELLED:
      case grpc::StatusCode::RESOURCE_EXHAUSTED:
      case grpc::StatusCode::ABORTED:
      case grpc::StatusCode::INTERNAL:
      case grpc::StatusCode::DEADLINE_EXCEEDED:
      case grpc::StatusCode::OK:  // a proxy closed the stream
        std::cerr << "plenary: feed interrupted (" << StatusCodeName(status.error_code())
                  << "); resuming in " << absl::FormatDuration(resume.upcoming()) << "\n";
        resume.Wait();
        break;
      default:
        return Fail(status);
    }
  }
}

// Each command's flags, for `plenary COMMAND --help`.
const std::map<std::string, std::vector<std::string>>& CommandFlags() {
  static const auto* flags = new std::map<std::string, std::vector<std::string>>{
      {"status", {"registry", "ingest", "deadline_seconds", "tls_ca", "tls_cert", "tls_key"}},
      {"get", {"registry", "token", "json", "deadline_seconds", "tls_ca", "tls_cert", "tls_key"}},
      {"statement",
       {"registry", "token", "json", "deadline_seconds", "tls_ca", "tls_cert", "tls_key"}},
      {"search", {"registry", "token", "json", "deadline_seconds", "tls_ca", "tls_cert", "tls_key"}},
      {"list",
       {"registry", "token", "body", "voted", "json", "deadline_seconds", "tls_ca", "tls_cert",
        "tls_key"}},
      {"ingest",
       {"ingest", "token", "media_type", "json", "watch", "once", "deadline_seconds", "tls_ca",
        "tls_cert", "tls_key"}},
      {"watch",
       {"registry", "token", "from_beginning", "after", "voted", "json", "tls_ca", "tls_cert",
        "tls_key"}},
      {"top", {"registry_metrics", "ingest_metrics", "interval_seconds", "once"}},
      {"reparse",
       {"ingest", "token", "all", "after_document", "max_documents", "json", "tls_ca",
        "tls_cert", "tls_key"}},
  };
  return *flags;
}

// Prints COMMAND's line of the usage and its flags; false for an unknown one.
bool PrintCommandHelp(const std::string& command) {
  auto it = CommandFlags().find(command);
  if (it == CommandFlags().end()) return false;
  for (absl::string_view line : absl::StrSplit(kUsage, '\n')) {
    if (absl::StartsWith(line, absl::StrCat("  plenary ", command, " "))) {
      std::cout << "Usage:\n" << line << "\n";
    }
  }
  std::cout << "Flags (dashes and underscores are the same):\n";
  for (const std::string& name : it->second) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::cout << "  --" << absl::StrReplaceAll(name, {{"_", "-"}}) << "  " << flag->Help()
              << " (default: \"" << flag->DefaultValue() << "\")\n";
  }
  return true;
}

int Run(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "status" && rest.empty()) return Status();
  if (command == "get" && rest.size() == 1) return Get(rest[0]);
  if (command == "statement" && rest.size() == 1) return GetStatement(rest[0]);
  if (command == "search" && !rest.empty()) return Search(absl::StrJoin(rest, " "));
  if (command == "list" && rest.empty()) return List();
  if (command == "ingest" && (!rest.empty() || !absl::GetFlag(FLAGS_watch).empty())) {
    return Ingest(rest);
  }
  if (command == "watch" && rest.empty()) return Watch();
  if (command == "reparse" && rest.empty()) return Reparse();
  if (command == "top" && rest.empty()) {
    TopOptions options;
    options.registry_metrics = Address(absl::GetFlag(FLAGS_registry_metrics),
                                       "PLENARY_REGISTRY_METRICS", "127.0.0.1:9091");
    options.ingest_metrics = Address(absl::GetFlag(FLAGS_ingest_metrics),
                                     "PLENARY_INGEST_METRICS", "127.0.0.1:9092");
    options.interval = absl::Seconds(std::max(1, absl::GetFlag(FLAGS_interval_seconds)));
    options.once = absl::GetFlag(FLAGS_once);
    return Top(options);
  }
  std::cerr << kUsage;
  return 2;
}

}  // namespace
}  // namespace plenary::cli

int main(int argc, char** argv) {
  plenary::TurnOffMutexDeadlockDetection();
  // `plenary COMMAND --help`: that command's flags.
  if (argc >= 3 && (std::string_view(argv[2]) == "--help" || std::string_view(argv[2]) == "-h") &&
      plenary::cli::PrintCommandHelp(argv[1])) {
    return 0;
  }
  absl::SetProgramUsageMessage(plenary::cli::kUsage);
  // --help lists the flags defined here; absl matches on the program's name otherwise.
  absl::SetFlagsUsageConfig({.contains_help_flags = [](absl::string_view file) {
    return absl::StrContains(file, "cli/");
  }});
  std::vector<std::string> arg_storage;
  std::vector<char*> args = plenary::WithUnderscoredFlagNames(argc, argv, arg_storage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, args.data());
  return plenary::cli::Run(std::vector<std::string>(positional.begin() + 1, positional.end()));
}
