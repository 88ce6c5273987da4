// Scores the parsers against the reference corpus (../shared/corpus): every
// seed document is parsed and compared, field by field, with what a careful
// human extracts from it (expected.json). Skipped when the corpus is absent.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "parsing/document.h"
#include "model/symbol.h"

namespace plenary::parsing {
namespace {

using nlohmann::json;

std::filesystem::path CorpusDir() {
  if (const char* dir = std::getenv("PLENARY_CORPUS_DIR")) return dir;
  return PLENARY_CORPUS_DIR;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string Show(const PartialDate& date) {
  return date.empty() ? "(none)"
                      : std::to_string(date.year) + "-" + std::to_string(date.month) + "-" +
                            std::to_string(date.day);
}

PartialDate DateOf(const json& value) {
  return {value.value("year", 0), value.value("month", 0), value.value("day", 0)};
}

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return "[" + joined + "]";
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// Tallies fields and keeps a line for each miss.
class Score {
 public:
  void Check(bool passed, const std::string& field, const std::string& detail) {
    ++total_;
    if (passed) {
      ++passed_;
    } else {
      misses_.push_back(field + ": " + detail);
    }
  }
  void Note(const std::string& note) { notes_.push_back(note); }

  int total() const { return total_; }
  int passed() const { return passed_; }
  const std::vector<std::string>& misses() const { return misses_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  int total_ = 0;
  int passed_ = 0;
  std::vector<std::string> misses_;
  std::vector<std::string> notes_;
};

// Whether a lookup by `cited` finds `resolution`: by canonical symbol, or by
// the key of its symbol or one of its aliases.
bool FoundBy(const Resolution& resolution, const std::string& cited) {
  if (CanonicalSymbol(cited) == resolution.symbol) return true;
  const std::string key = SymbolKey(cited);
  if (SymbolKey(resolution.symbol) == key) return true;
  return std::any_of(resolution.aliases.begin(), resolution.aliases.end(),
                     [&](const std::string& alias) { return SymbolKey(alias) == key; });
}

void ScoreResolution(const json& expected, const std::vector<Resolution>& found, Score& score) {
  const std::string symbol = expected["symbol"];
  const auto it = std::find_if(found.begin(), found.end(),
                               [&](const Resolution& r) { return r.symbol == symbol; });
  const std::string where = symbol + " ";
  score.Check(it != found.end(), where + "symbol", "not extracted");
  const Resolution none;
  const Resolution& actual = it != found.end() ? *it : none;

  for (const std::string cited : expected.value("cited_as", json::array())) {
    score.Check(FoundBy(actual, cited), where + "cited_as \"" + cited + "\"",
                "aliases " + Join(actual.aliases));
  }
  score.Check(actual.body == expected["body"].get<std::string>(), where + "body",
              "got \"" + actual.body + "\"");
  if (expected.contains("adopted")) {
    const PartialDate date = DateOf(expected["adopted"]);
    score.Check(actual.adopted == date, where + "adopted",
                "got " + Show(actual.adopted) + ", want " + Show(date));
  } else {
    // Absent means the source is silent; a note may name a date the source
    // states (wrongly) that is acceptable too.
    bool acceptable = actual.adopted.empty();
    const std::string note = expected.value("adopted_note", "");
    for (size_t at = note.find('-'); !acceptable && at != std::string::npos && at >= 4;
         at = note.find('-', at + 1)) {
      const std::string iso = note.substr(at - 4, 10);
      int year = 0, month = 0, day = 0;
      if (std::sscanf(iso.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3) {
        acceptable = actual.adopted == PartialDate{year, month, day};
      }
    }
    score.Check(acceptable, where + "adopted", "got " + Show(actual.adopted) + ", want none");
  }
  score.Check(actual.title == expected["title"].get<std::string>(), where + "title",
              "got \"" + actual.title + "\"");

  std::vector<std::string> numbers;
  for (const Paragraph& paragraph : actual.paragraphs) {
    if (!paragraph.number.empty() && std::isdigit(static_cast<unsigned char>(paragraph.number[0]))) {
      numbers.push_back(paragraph.number);
    }
  }
  const std::vector<std::string> want_numbers =
      expected.value("operative_paragraphs", std::vector<std::string>{});
  score.Check(numbers == want_numbers, where + "operative_paragraphs",
              "got " + Join(numbers) + ", want " + Join(want_numbers));

  if (expected.contains("references")) {
    const std::vector<std::string> want = expected["references"];
    const bool all = std::all_of(want.begin(), want.end(),
                                 [&](const std::string& r) { return Contains(actual.references, r); });
    score.Check(all, where + "references", "got " + Join(actual.references));
  } else if (!actual.references.empty()) {
    score.Note(where + "references not in expected.json: " + Join(actual.references));
  }
}

void ScoreStatement(const json& expected, const std::vector<Statement>& found, Score& score) {
  const std::string where = expected["source"].get<std::string>().substr(0, 3) + " ";
  const Statement none;
  const Statement& actual = found.empty() ? none : found.front();
  if (found.size() != 1) score.Note(where + std::to_string(found.size()) + " statements");
  for (const char* field : {"headline", "speaker", "speaker_role"}) {
    const std::string got = field == std::string("headline") ? actual.headline
                            : field == std::string("speaker") ? actual.speaker
                                                              : actual.speaker_role;
    score.Check(got == expected[field].get<std::string>(), where + field,
                "got \"" + got + "\"");
  }
  const PartialDate date = expected.contains("date") ? DateOf(expected["date"]) : PartialDate{};
  score.Check(actual.date == date, where + "date",
              "got " + Show(actual.date) + ", want " + Show(date));
  const size_t min_quotes = expected["min_quotes"];
  score.Check(actual.quotes.size() >= min_quotes, where + "min_quotes",
              "got " + std::to_string(actual.quotes.size()));
  for (const char* field : {"places", "references"}) {
    const std::vector<std::string>& got =
        field == std::string("places") ? actual.places : actual.references;
    const std::vector<std::string> want = expected.value(field, std::vector<std::string>{});
    // Listed values must all be found; where none are listed, the text names
    // none and none may be reported.
    const bool passed = want.empty() ? got.empty()
                                     : std::all_of(want.begin(), want.end(), [&](const auto& w) {
                                         return Contains(got, w);
                                       });
    score.Check(passed, where + field, "got " + Join(got) + ", want " + Join(want));
    if (passed && got.size() > want.size()) {
      score.Note(where + field + " beyond expected.json: " + Join(got));
    }
  }
  for (const Quote& quote : actual.quotes) {
    score.Note(where + "quote [" + quote.speaker + "] " + quote.text.substr(0, 60));
  }
}

TEST(CorpusTest, MatchesWhatACarefulReaderExtracts) {
  const std::filesystem::path dir = CorpusDir();
  if (!std::filesystem::exists(dir / "expected.json")) {
    GTEST_SKIP() << "no reference corpus at " << dir;
  }
  const json expected = json::parse(ReadFile(dir / "expected.json"));

  std::map<std::string, Extraction> extractions;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "seeds")) {
    const std::string content = ReadFile(entry.path());
    absl::StatusOr<MediaType> type = ResolveMediaType("", content);
    ASSERT_TRUE(type.ok()) << entry.path() << ": " << type.status();
    absl::StatusOr<Extraction> extraction = ParseDocument(content, *type);
    ASSERT_TRUE(extraction.ok()) << entry.path() << ": " << extraction.status();
    extractions[entry.path().filename().string()] = *std::move(extraction);
  }

  Score score;
  for (const json& resolution : expected["resolutions"]) {
    ScoreResolution(resolution, extractions[resolution["source"]].resolutions, score);
  }
  for (const json& statement : expected["statements"]) {
    ScoreStatement(statement, extractions[statement["source"]].statements, score);
  }
  for (const auto& [source, extraction] : extractions) {
    for (const std::string& warning : extraction.warnings) {
      score.Note(source.substr(0, 3) + " warning: " + warning);
    }
  }

  std::cout << "corpus score: " << score.passed() << "/" << score.total() << " fields\n";
  for (const std::string& miss : score.misses()) std::cout << "  miss: " << miss << "\n";
  for (const std::string& note : score.notes()) std::cout << "  note: " << note << "\n";
  EXPECT_EQ(score.passed(), score.total()) << "see the misses above";
}

}  // namespace
}  // namespace plenary::parsing
