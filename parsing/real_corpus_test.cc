// Scores the readers against the corpus of real UN documents
// (../shared/corpus/real): each document is read as a publisher would send
// it and its resolution records are compared, field by field, with what a
// careful reader takes from it (expected.json). Records the documents do not
// hold (a statement out of a resolution text, a resolution out of a draft,
// a veto list or a press release) are counted as false records. Skipped
// when the corpus is absent.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "model/symbol.h"
#include "parsing/document.h"
#include "tests/support/corpus_score.h"

namespace plenary::parsing {
namespace {

using nlohmann::json;
using testing::ReadFileForTest;
using testing::Scorecard;

// Whether a lookup by `cited` finds `resolution`: by canonical symbol, or by
// the key of its symbol or one of its aliases.
bool FoundBy(const Resolution& resolution, const std::string& cited) {
  if (CanonicalSymbol(cited) == resolution.symbol) return true;
  const std::string key = SymbolKey(cited);
  if (SymbolKey(resolution.symbol) == key) return true;
  return std::any_of(resolution.aliases.begin(), resolution.aliases.end(),
                     [&](const std::string& alias) { return SymbolKey(alias) == key; });
}

TEST(RealCorpusTest, ReadsTheUnsOwnDocuments) {
  const std::filesystem::path dir =
      testing::CorpusDirForTest("PLENARY_REAL_CORPUS_DIR", PLENARY_REAL_CORPUS_DIR);
  if (!std::filesystem::exists(dir / "expected.json")) {
    GTEST_SKIP() << "no corpus of real documents at " << dir;
  }
  const json expected = json::parse(ReadFileForTest(dir / "expected.json"));

  std::map<std::string, Extraction> extractions;
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
  std::map<std::string, std::set<std::string>> expected_symbols;
  for (const json& resolution : expected["resolutions"]) {
    const std::string source = resolution["source"];
    const std::string symbol = resolution["symbol"];
    expected_symbols[source].insert(symbol);
    const std::vector<Resolution>& found = extractions[source].resolutions;
    const auto it = std::find_if(found.begin(), found.end(),
                                 [&](const Resolution& r) { return r.symbol == symbol; });
    const Resolution* got = it != found.end() ? &*it : nullptr;
    testing::ScoreResolution(
        resolution, got,
        [&](const std::string& cited) { return got != nullptr && FoundBy(*got, cited); }, score);
  }
  for (const auto& [name, extraction] : extractions) {
    for (const Resolution& resolution : extraction.resolutions) {
      if (expected_symbols[name].count(resolution.symbol) == 0) {
        score.FalseRecord(name, "resolution " + resolution.symbol);
      }
    }
    if (name[0] != 's' && !extraction.statements.empty()) {
      for (const Statement& statement : extraction.statements) {
        score.FalseRecord(name, "statement \"" + statement.headline + "\"");
      }
    }
  }

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
}

}  // namespace
}  // namespace plenary::parsing
