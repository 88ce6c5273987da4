// Scores the readers against the corpus of real UN documents
// (../shared/corpus/real): each document is read as a publisher would send
// it and its resolution records are compared, field by field, with what a
// careful reader takes from it (expected.json), by the rules every corpus
// test shares (tests/support/corpus_score.h). Records the documents do not
// hold (a statement out of a resolution text, a resolution out of a draft,
// a veto list or a press release) are counted as false records. Skipped
// when the corpus is absent.
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "parsing/document.h"
#include "tests/support/corpus_score.h"

namespace plenary::parsing {
namespace {

using nlohmann::json;
using testing::ReadFileForTest;
using testing::Scorecard;

TEST(RealCorpusTest, ReadsTheUnsOwnDocuments) {
  const std::filesystem::path dir =
      testing::CorpusDirForTest("PLENARY_REAL_CORPUS_DIR", PLENARY_REAL_CORPUS_DIR);
  if (!std::filesystem::exists(dir / "expected.json")) {
    GTEST_SKIP() << "no corpus of real documents at " << dir;
  }
  const json expected = json::parse(ReadFileForTest(dir / "expected.json"));

  testing::ReadDocuments extractions;
  std::map<std::string, std::string> refusals;
  for (const std::string name : expected["ingest_in_order"]) {
    const std::string content = ReadFileForTest(dir / name);
    absl::StatusOr<MediaType> type = ResolveMediaType(testing::PublisherMediaType(name), content);
    ASSERT_TRUE(type.ok()) << name << ": " << type.status();
    absl::StatusOr<Extraction> extraction = ParseDocument(content, *type);
    if (extraction.ok()) {
      extractions[name] = *std::move(extraction);
    } else {
      refusals[name] = std::string(extraction.status().message());
      extractions[name] = {};
    }
  }

  Scorecard score;
  testing::ScoreResolutions(expected, extractions, testing::FoundBy, score);
  // Statements, field by field (press releases, coverage, messages); those
  // the documents do not hold are false records, here called invented.
  Scorecard statements;
  testing::ScoreStatements(expected, extractions, statements);
  const Scorecard::Tally statement_tally = statements.Overall();
  std::cout << "real corpus s* statements: " << statement_tally.passed << "/"
            << statement_tally.total << " fields, " << statement_tally.false_records
            << " invented statements\n";
  for (const auto& [field, tally] : statements.fields()) {
    std::cout << "  " << field << ": " << tally.passed << "/" << tally.total << "\n";
  }
  for (const std::string& miss : statements.misses()) std::cout << "  miss: " << miss << "\n";

  for (const char kind : {'p', 'r', 's', 't'}) {
    const Scorecard::Tally tally = score.Kind(kind);
    std::cout << "real corpus " << kind << "*: " << tally.passed << "/" << tally.total
              << " resolution fields, " << tally.false_records << " false records\n";
  }
  std::cout << "by field: " << score.FieldsLine() << "\n";
  for (const std::string& miss : score.misses()) std::cout << "  miss: " << miss << "\n";
  for (const auto& [name, reason] : refusals) {
    std::cout << "  refused " << name.substr(0, 3) << ": " << reason << "\n";
  }
  // Content over declared type: tables and PDFs sent as publishers mislabel
  // them read as what they are.
  int mislabelled = 0, mislabelled_read = 0;
  for (const std::string name : expected["ingest_in_order"]) {
    const bool pdf = name.ends_with(".pdf");
    if (!pdf && !name.ends_with(".html")) continue;
    const std::string content = ReadFileForTest(dir / name);
    absl::StatusOr<MediaType> type =
        ResolveMediaType(pdf ? "application/octet-stream" : "text/plain", content);
    ++mislabelled;
    if (!type.ok()) continue;
    absl::StatusOr<Extraction> extraction = ParseDocument(content, *type);
    std::vector<std::string> got, want;
    if (extraction.ok()) {
      for (const Resolution& r : extraction->resolutions) got.push_back(r.symbol);
    }
    for (const Resolution& r : extractions[name].resolutions) want.push_back(r.symbol);
    if (got == want) {
      ++mislabelled_read;
    } else {
      std::cout << "  mislabelled " << name.substr(0, 3) << " read differently\n";
    }
  }
  std::cout << "mislabelled documents read as what they are: " << mislabelled_read << "/"
            << mislabelled << "\n";
  EXPECT_EQ(mislabelled_read, mislabelled);

  for (const char kind : {'r', 'p', 't'}) {
    const Scorecard::Tally tally = score.Kind(kind);
    EXPECT_EQ(tally.false_records, 0) << kind << "* documents gave records they do not hold";
    EXPECT_GE(tally.passed * 100, tally.total * 95) << kind << "* fields under 95%";
  }
  EXPECT_EQ(score.Kind('s').false_records, 0) << "press releases gave resolution records";
  EXPECT_EQ(statement_tally.false_records, 0) << "statements the documents do not hold";
  EXPECT_GE(statement_tally.passed * 100, statement_tally.total * 95) << "s* fields under 95%";
}

}  // namespace
}  // namespace plenary::parsing
