// Scores the parsers against the reference corpus (../shared/corpus): every
// seed document is parsed and compared, field by field, with what a careful
// human extracts from it (expected.json), by the rules every corpus test
// shares (tests/support/corpus_score.h). Skipped when the corpus is absent.
#include <filesystem>
#include <iostream>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "parsing/document.h"
#include "tests/support/corpus_score.h"

namespace plenary::parsing {
namespace {

using nlohmann::json;
using testing::ReadFileForTest;
using testing::Scorecard;

TEST(CorpusTest, MatchesWhatACarefulReaderExtracts) {
  const std::filesystem::path dir =
      testing::CorpusDirForTest("PLENARY_CORPUS_DIR", PLENARY_CORPUS_DIR);
  if (!std::filesystem::exists(dir / "expected.json")) {
    GTEST_SKIP() << "no reference corpus at " << dir;
  }
  const json expected = json::parse(ReadFileForTest(dir / "expected.json"));

  testing::ReadDocuments extractions;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "seeds")) {
    const std::string content = ReadFileForTest(entry.path());
    absl::StatusOr<MediaType> type = ResolveMediaType("", content);
    ASSERT_TRUE(type.ok()) << entry.path() << ": " << type.status();
    absl::StatusOr<Extraction> extraction = ParseDocument(content, *type);
    ASSERT_TRUE(extraction.ok()) << entry.path() << ": " << extraction.status();
    extractions[entry.path().filename().string()] = *std::move(extraction);
  }

  Scorecard score;
  testing::ScoreResolutions(expected, extractions, testing::FoundBy, score);
  testing::ScoreStatements(expected, extractions, score);

  const Scorecard::Tally overall = score.Overall();
  std::cout << "corpus score: " << overall.passed << "/" << overall.total << " fields\n";
  std::cout << "  by field: " << score.FieldsLine() << "\n";
  for (const std::string& miss : score.misses()) std::cout << "  miss: " << miss << "\n";
  for (const std::string& note : score.notes()) std::cout << "  note: " << note << "\n";
  for (const auto& [source, extraction] : extractions) {
    for (const Statement& statement : extraction.statements) {
      for (const Quote& quote : statement.quotes) {
        std::cout << "  note: " << source.substr(0, 3) << " quote [" << quote.speaker << "] "
                  << quote.text.substr(0, 60) << "\n";
      }
    }
    for (const std::string& warning : extraction.warnings) {
      std::cout << "  note: " << source.substr(0, 3) << " warning: " << warning << "\n";
    }
  }
  EXPECT_EQ(overall.passed, overall.total) << "see the misses above";
  EXPECT_EQ(overall.false_records, 0) << "records the seeds do not hold; see the misses above";
}

}  // namespace
}  // namespace plenary::parsing
