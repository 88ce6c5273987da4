// The whole path a document takes, scored against what a careful reader
// extracts: each document goes through IngestService into PostgreSQL, and
// every expected record is read back through RegistryService (by its symbol
// and by every other form the text uses) and compared field by field. Runs
// on the project's own fixtures always, and on ../shared/corpus when present.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "tests/support/in_process_services.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Source {
  std::string name;
  fs::path expected;  // expected.json
  fs::path documents;  // the folder its "source" names are in
};

void PrintTo(const Source& source, std::ostream* out) { *out << source.expected; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string DateText(const v1::PartialDate& date) {
  return absl::StrCat(date.year(), "-", date.month(), "-", date.day());
}

std::string DateText(const json& date) {
  return absl::StrCat(date.value("year", 0), "-", date.value("month", 0), "-",
                      date.value("day", 0));
}

template <typename Strings>
bool ContainsAll(const Strings& have, const json& want) {
  for (const json& item : want) {
    if (std::find(have.begin(), have.end(), item.get<std::string>()) == have.end()) return false;
  }
  return true;
}

// Tallies fields and remembers what missed.
class Score {
 public:
  void Check(bool passed, const std::string& what) {
    ++total_;
    if (passed) {
      ++passed_;
    } else {
      misses_.push_back(what);
    }
  }
  int total() const { return total_; }
  int passed() const { return passed_; }
  const std::vector<std::string>& misses() const { return misses_; }

 private:
  int total_ = 0;
  int passed_ = 0;
  std::vector<std::string> misses_;
};

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
    request.set_content(ReadFile(path));
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

  void ScoreResolution(const json& want, Score& score) {
    const std::string symbol = want["symbol"];
    v1::Resolution got;
    const bool found = GetResolution(symbol, &got).ok() && got.symbol() == symbol;
    score.Check(found, absl::StrCat(symbol, ": not found by its symbol"));
    if (!found) return;
    for (const json& alias : want.value("cited_as", json::array())) {
      v1::Resolution by_alias;
      score.Check(GetResolution(alias, &by_alias).ok() && by_alias.symbol() == symbol,
                  absl::StrCat(symbol, ": not found as \"", alias.get<std::string>(), "\""));
    }
    score.Check(got.body() == want.value("body", ""),
                absl::StrCat(symbol, " body: ", got.body()));
    if (want.contains("adopted")) {
      score.Check(DateText(got.adopted()) == DateText(want["adopted"]),
                  absl::StrCat(symbol, " adopted: ", DateText(got.adopted())));
    } else if (!want.contains("adopted_note")) {
      score.Check(!got.has_adopted(), absl::StrCat(symbol, " adopted: invented ",
                                                   DateText(got.adopted())));
    }
    score.Check(got.title() == want.value("title", ""),
                absl::StrCat(symbol, " title: ", got.title()));
    std::vector<std::string> numbers;
    for (const v1::Paragraph& paragraph : got.paragraphs()) numbers.push_back(paragraph.number());
    if (want.contains("operative_paragraphs")) {
      score.Check(ContainsAll(numbers, want["operative_paragraphs"]),
                  absl::StrCat(symbol, " paragraphs: ", absl::StrJoin(numbers, " ")));
    }
    if (want.contains("references")) {
      score.Check(ContainsAll(got.references(), want["references"]),
                  absl::StrCat(symbol, " references: ", absl::StrJoin(got.references(), " ")));
    }
  }

  void ScoreStatement(const json& want, const v1::IngestDocumentResponse& ingested,
                      Score& score) {
    const std::string source = want["source"];
    std::string id;
    for (const v1::Entry& entry : ingested.entries()) {
      if (entry.has_statement()) id = entry.statement().id();
    }
    v1::Statement got;
    const bool found = !id.empty() && GetStatement(id, &got).ok();
    score.Check(found, absl::StrCat(source, ": no statement stored"));
    if (!found) return;
    score.Check(got.headline() == want.value("headline", ""),
                absl::StrCat(source, " headline: ", got.headline()));
    score.Check(got.speaker() == want.value("speaker", ""),
                absl::StrCat(source, " speaker: ", got.speaker()));
    score.Check(got.speaker_role() == want.value("speaker_role", ""),
                absl::StrCat(source, " role: ", got.speaker_role()));
    if (want.contains("date")) {
      score.Check(DateText(got.date()) == DateText(want["date"]),
                  absl::StrCat(source, " date: ", DateText(got.date())));
    } else {
      score.Check(!got.has_date(), absl::StrCat(source, " date: invented ", DateText(got.date())));
    }
    score.Check(got.quotes_size() >= want.value("min_quotes", 0),
                absl::StrCat(source, " quotes: ", got.quotes_size()));
    if (want.contains("places")) {
      score.Check(ContainsAll(got.places(), want["places"]),
                  absl::StrCat(source, " places: ", absl::StrJoin(got.places(), ", ")));
    }
    if (want.contains("references")) {
      score.Check(ContainsAll(got.references(), want["references"]),
                  absl::StrCat(source, " references: ", absl::StrJoin(got.references(), " ")));
    }
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<testing::InProcessServices> services_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
  std::unique_ptr<v1::RegistryService::Stub> registry_stub_;
};

TEST_P(CorpusPgTest, ReadsWhatACarefulReaderReads) {
  const Source& source = GetParam();
  if (!fs::exists(source.expected)) GTEST_SKIP() << source.expected << " is not here";
  const json expected = json::parse(ReadFile(source.expected));

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

  Score score;
  for (const json& resolution : expected["resolutions"]) ScoreResolution(resolution, score);
  for (const json& statement : expected["statements"]) {
    ScoreStatement(statement, ingested[statement["source"].get<std::string>()], score);
  }
  std::cout << source.name << " score through PostgreSQL: " << score.passed() << "/"
            << score.total() << " fields\n";
  for (const std::string& miss : score.misses()) std::cout << "  miss: " << miss << "\n";
  EXPECT_EQ(score.passed(), score.total());
}

// A story published again with a paragraph added: the same statement, next
// revision, when it comes from the same address (or, without one, under the
// same headline, speaker and date); another address is another statement.
TEST(RepublicationPgTest, ACorrectedStoryIsTheNextRevisionOfTheSameStatement) {
  PLENARY_ASSERT_OK_AND_ASSIGN(auto database, testing::TestDatabase::CreateMigrated());
  PLENARY_ASSERT_OK_AND_ASSIGN(auto services, testing::InProcessServices::Start(database->url()));
  auto ingest = v1::IngestService::NewStub(services->channel());
  auto registry = v1::RegistryService::NewStub(services->channel());
  const std::string story = ReadFile(fs::path(PLENARY_FIXTURES_DIR) / "documents/news_story.md");
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
