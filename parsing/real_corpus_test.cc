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
#include "parsing/reported_votes.h"
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

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return "[" + joined + "]";
}

// The press symbols each statement's excerpt prints (expected.json does not
// list them): a release's symbol is its alias only where the text gives it.
const std::map<std::string, std::vector<std::string>>& PrintedPressSymbols() {
  static const auto* symbols = new std::map<std::string, std::vector<std::string>>{
      {"s03", {"ECOSOC/6866"}}, {"s04", {"ECOSOC/6134/Corr.1"}}, {"s05", {"ECOSOC/5679"}},
      {"s06", {"ECOSOC/6311"}}, {"s09", {"SG/SM/8805", "AFR/682"}}, {"s12", {"S/PV.7853"}},
      {"s13", {"SC/12680"}},    {"s16", {"SG/SM/20060"}},
  };
  return *symbols;
}

// Field scores of the statements, by field name.
struct StatementScore {
  std::map<std::string, std::pair<int, int>> fields;  // passed, total
  std::vector<std::string> misses;
  int invented = 0;
  int passed() const {
    int n = 0;
    for (const auto& [name, counts] : fields) n += counts.first;
    return n;
  }
  int total() const {
    int n = 0;
    for (const auto& [name, counts] : fields) n += counts.second;
    return n;
  }
};

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

void ScoreStatement(const json& expected, const std::vector<Statement>& found,
                    StatementScore& score) {
  const std::string source = expected["source"];
  const std::string where = source.substr(0, 3) + " ";
  auto check = [&](bool passed, const std::string& field, const std::string& detail) {
    auto& [ok, total] = score.fields[field];
    ++total;
    if (passed) {
      ++ok;
    } else {
      score.misses.push_back(where + field + ": " + detail);
    }
  };
  if (found.size() > 1) {
    score.invented += static_cast<int>(found.size()) - 1;
    score.misses.push_back(where + std::to_string(found.size()) + " statements");
  }
  const Statement none;
  const Statement& actual = found.empty() ? none : found.front();
  if (found.empty()) score.misses.push_back(where + "no statement");

  const auto printed = PrintedPressSymbols().find(source.substr(0, 3));
  const std::vector<std::string> symbols =
      printed != PrintedPressSymbols().end() ? printed->second : std::vector<std::string>{};
  const bool symbols_found =
      symbols.empty() ? actual.aliases.empty()
                      : std::all_of(symbols.begin(), symbols.end(),
                                    [&](const std::string& s) { return Contains(actual.aliases, s); });
  check(symbols_found, "press_symbol", "got " + Join(actual.aliases) + ", want " + Join(symbols));
  check(actual.headline == expected["headline"].get<std::string>(), "headline",
        "got \"" + actual.headline + "\"");
  PartialDate want_date;
  if (expected.contains("date")) {
    const json& date = expected["date"];
    want_date = {date.value("year", 0), date.value("month", 0), date.value("day", 0)};
  }
  check(actual.date == want_date, "date",
        "got " + testing::ShowDate(actual.date) + ", want " + testing::ShowDate(want_date));
  check(actual.speaker == expected["speaker"].get<std::string>(), "speaker",
        "got \"" + actual.speaker + "\"");
  std::vector<std::string> roles = {expected["speaker_role"].get<std::string>()};
  for (const std::string alt : expected.value("speaker_role_alt", json::array())) {
    roles.push_back(alt);
  }
  check(Contains(roles, actual.speaker_role), "speaker_role",
        "got \"" + actual.speaker_role + "\"");
  const size_t min_quotes = expected["min_quotes"];
  check(actual.quotes.size() >= min_quotes, "min_quotes",
        "got " + std::to_string(actual.quotes.size()));
  for (const char* field : {"places", "references"}) {
    const std::vector<std::string>& got =
        field == std::string("places") ? actual.places : actual.references;
    const std::vector<std::string> want = expected.value(field, std::vector<std::string>{});
    // Listed values must all be found; where none are listed, the text names
    // none and none may be reported.
    const bool passed =
        want.empty() ? got.empty()
                     : std::all_of(want.begin(), want.end(),
                                   [&](const std::string& w) { return Contains(got, w); });
    check(passed, field, "got " + Join(got) + ", want " + Join(want));
  }
  // A vote given in expected.json must be reported on the text as a whole;
  // where none is given, none may be.
  std::vector<std::string> votes;
  for (const ReportedAdoption& adoption : actual.adoptions) {
    if (adoption.subject == VoteSubject::kWholeText && !adoption.vote.empty()) {
      votes.push_back(VoteSummary(adoption.vote));
    }
  }
  const std::string want_vote = expected.value("vote", "");
  check(want_vote.empty() ? votes.empty() : Contains(votes, want_vote), "vote",
        "got " + Join(votes) + ", want \"" + want_vote + "\"");
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

  // Statements, field by field (press releases, coverage, messages).
  StatementScore statements;
  std::set<std::string> statement_sources;
  for (const json& statement : expected["statements"]) {
    const std::string source = statement["source"];
    statement_sources.insert(source);
    ScoreStatement(statement, extractions[source].statements, statements);
  }
  for (const auto& [name, extraction] : extractions) {
    if (name[0] == 's' && statement_sources.count(name) == 0 && !extraction.statements.empty()) {
      statements.invented += static_cast<int>(extraction.statements.size());
    }
  }
  std::cout << "real corpus s* statements: " << statements.passed() << "/" << statements.total()
            << " fields, " << statements.invented << " invented statements\n";
  for (const auto& [field, counts] : statements.fields) {
    std::cout << "  " << field << ": " << counts.first << "/" << counts.second << "\n";
  }
  for (const std::string& miss : statements.misses) std::cout << "  miss: " << miss << "\n";

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
  EXPECT_EQ(statements.invented, 0) << "statements the documents do not hold";
  EXPECT_GE(statements.passed() * 100, statements.total() * 95) << "s* fields under 95%";
}

}  // namespace
}  // namespace plenary::parsing
