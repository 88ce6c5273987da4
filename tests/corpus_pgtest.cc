// The whole path a document takes, scored against what a careful reader
// extracts: each document goes through IngestService into PostgreSQL, and
// every record its answer names is read back through RegistryService and
// compared field by field (each resolution also found by every other form
// the text uses), by the rules every corpus test shares
// (tests/support/corpus_score.h); records the document does not hold are
// false records. Runs on the project's own fixtures always, and on
// ../shared/corpus when present.
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "codec/record_codec.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "tests/support/corpus_score.h"
#include "tests/support/in_process_services.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Scorecard;

struct Source {
  std::string name;
  fs::path expected;  // expected.json
  fs::path documents;  // the folder its "source" names are in
};

void PrintTo(const Source& source, std::ostream* out) { *out << source.expected; }

class CorpusPgTest : public ::testing::TestWithParam<Source> {
 protected:
  void SetUp() override {
    PLENARY_ASSERT_OK_AND_ASSIGN(database_, testing::TestDatabase::CreateMigrated());
    PLENARY_ASSERT_OK_AND_ASSIGN(services_, testing::InProcessServices::Start(database_->url()));
    ingest_stub_ = v1::IngestService::NewStub(services_->channel());
    registry_stub_ = v1::RegistryService::NewStub(services_->channel());
  }

  v1::IngestDocumentResponse Ingest(const fs::path& path) {
    grpc::ClientContext context;
    v1::IngestDocumentRequest request;
    request.set_content(testing::ReadFileForTest(path));
    request.set_source_uri(path.filename().string());
    v1::IngestDocumentResponse response;
    grpc::Status status = ingest_stub_->IngestDocument(&context, request, &response);
    EXPECT_TRUE(status.ok()) << path << ": " << status.error_message();
    return response;
  }

  grpc::Status GetResolution(const std::string& symbol, v1::Resolution* out) {
    grpc::ClientContext context;
    v1::GetResolutionRequest request;
    request.set_symbol(symbol);
    return registry_stub_->GetResolution(&context, request, out);
  }

  grpc::Status GetStatement(const std::string& id, v1::Statement* out) {
    grpc::ClientContext context;
    v1::GetStatementRequest request;
    request.set_id(id);
    return registry_stub_->GetStatement(&context, request, out);
  }

  // The records `ingested` names, each as the registry serves it; one it
  // cannot serve is left out (and so not found).
  Extraction ReadBack(const v1::IngestDocumentResponse& ingested) {
    Extraction read;
    for (const v1::Entry& entry : ingested.entries()) {
      if (entry.has_resolution()) {
        v1::Resolution served;
        if (GetResolution(entry.resolution().symbol(), &served).ok()) {
          read.resolutions.push_back(codec::FromProto(served).resolution);
        }
      } else if (entry.has_statement()) {
        v1::Statement served;
        if (GetStatement(entry.statement().id(), &served).ok()) {
          read.statements.push_back(codec::FromProto(served).statement);
        }
      }
    }
    return read;
  }

  // Whether the registry finds `record` when asked for `form`.
  bool FoundAs(const Resolution& record, const std::string& form) {
    v1::Resolution served;
    return GetResolution(form, &served).ok() && served.symbol() == record.symbol;
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<testing::InProcessServices> services_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<v1::RegistryService::Stub> registry_stub_;
};

TEST_P(CorpusPgTest, ReadsWhatACarefulReaderReads) {
  const Source& source = GetParam();
  if (!fs::exists(source.expected)) GTEST_SKIP() << source.expected << " is not here";
  const json expected = json::parse(testing::ReadFileForTest(source.expected));

  std::map<std::string, v1::IngestDocumentResponse> ingested;  // by file name
  for (const fs::directory_entry& file : fs::directory_iterator(source.documents)) {
    ingested[file.path().filename().string()] = Ingest(file.path());
  }
  // Everything again: duplicates, nothing new.
  for (const auto& [name, first] : ingested) {
    const v1::IngestDocumentResponse again = Ingest(source.documents / name);
    EXPECT_TRUE(again.duplicate()) << name;
    EXPECT_EQ(again.entries_size(), first.entries_size()) << name;
  }

  testing::ReadDocuments read;
  for (const auto& [name, response] : ingested) read[name] = ReadBack(response);
  Scorecard score;
  testing::ScoreResolutions(
      expected, read,
      [&](const Resolution& record, const std::string& form) { return FoundAs(record, form); },
      score);
  testing::ScoreStatements(expected, read, score);
  const Scorecard::Tally overall = score.Overall();
  std::cout << source.name << " score through PostgreSQL: " << overall.passed << "/"
            << overall.total << " fields\n  by field: " << score.FieldsLine() << "\n";
  for (const std::string& miss : score.misses()) std::cout << "  miss: " << miss << "\n";
  EXPECT_EQ(overall.passed, overall.total);
  EXPECT_EQ(overall.false_records, 0) << "records the documents do not hold";
}

// A story published again with a paragraph added: the same statement, next
// revision, when it comes from the same address (or, without one, under the
// same headline, speaker and date); another address is another statement.
TEST(RepublicationPgTest, ACorrectedStoryIsTheNextRevisionOfTheSameStatement) {
  PLENARY_ASSERT_OK_AND_ASSIGN(auto database, testing::TestDatabase::CreateMigrated());
  PLENARY_ASSERT_OK_AND_ASSIGN(auto services, testing::InProcessServices::Start(database->url()));
  auto ingest = v1::IngestService::NewStub(services->channel());
  auto registry = v1::RegistryService::NewStub(services->channel());
  const std::string story =
      testing::ReadFileForTest(fs::path(PLENARY_FIXTURES_DIR) / "documents/news_story.md");
  // The added paragraph goes before the page's "News Tracker" trailer:
  // what follows it is page chrome, not the story.
  const size_t trailer = story.find("News Tracker");
  ASSERT_NE(trailer, std::string::npos);
  const std::string corrected =
      absl::StrCat(story.substr(0, trailer),
                   "The forum closes on Friday with a joint declaration.\n\n",
                   story.substr(trailer));
  auto statement_of = [&](const std::string& content, const std::string& uri) {
    grpc::ClientContext context;
    v1::IngestDocumentRequest request;
    request.set_content(content);
    request.set_media_type("text/markdown");
    request.set_source_uri(uri);
    v1::IngestDocumentResponse response;
    EXPECT_TRUE(ingest->IngestDocument(&context, request, &response).ok());
    for (const v1::Entry& entry : response.entries()) {
      if (entry.has_statement()) return entry.statement();
    }
    ADD_FAILURE() << "no statement in " << uri;
    return v1::Statement();
  };

  const v1::Statement first = statement_of(story, "https://news.un.org/story/1");
  const v1::Statement second = statement_of(corrected, "https://news.un.org/story/1");
  EXPECT_EQ(second.id(), first.id());
  EXPECT_EQ(first.revision(), 1);
  EXPECT_EQ(second.revision(), 2);
  EXPECT_NE(second.text(), first.text());
  grpc::ClientContext context;
  v1::GetStatementRequest get;
  get.set_id(first.id());
  v1::Statement latest;
  ASSERT_TRUE(registry->GetStatement(&context, get, &latest).ok());
  EXPECT_EQ(latest.revision(), 2);
  EXPECT_NE(latest.text().find("joint declaration"), std::string::npos);

  // Other bytes each time below: the same bytes again are a duplicate.
  const v1::Statement elsewhere = statement_of(corrected + "\n", "https://mirror.example/story");
  EXPECT_NE(elsewhere.id(), first.id());
  EXPECT_EQ(elsewhere.revision(), 1);

  const v1::Statement unaddressed = statement_of(story + "\n\n", "");
  const v1::Statement unaddressed_corrected = statement_of(corrected + "\n\n", "");
  EXPECT_EQ(unaddressed_corrected.id(), unaddressed.id());
  EXPECT_EQ(unaddressed_corrected.revision(), 2);
}

INSTANTIATE_TEST_SUITE_P(
    Sources, CorpusPgTest,
    ::testing::Values(Source{"fixtures", PLENARY_FIXTURES_DIR "/expected.json",
                             PLENARY_FIXTURES_DIR "/documents"},
                      Source{"corpus", PLENARY_CORPUS_DIR "/expected.json",
                             PLENARY_CORPUS_DIR "/seeds"}),
    [](const ::testing::TestParamInfo<Source>& info) { return info.param.name; });

}  // namespace
}  // namespace plenary
