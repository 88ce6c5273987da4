// Scoring what Plenary reads against a corpus's expected.json, field by
// field and per kind of document: the seed corpus, the corpus of real
// documents and the project's own fixtures, all in one format. Shared by the
// scorers of the parsers (parsing/corpus_test.cc, parsing/real_corpus_test.cc)
// and those through PostgreSQL and the registry (tests/corpus_pgtest.cc,
// tests/real_corpus_pgtest.cc), so that all count a field the same way.
// Plain model records in: each caller maps what it has (parser output, or
// the registry's protobuf answers) to them.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.h"
#include "nlohmann/json.hpp"

namespace plenary::testing {

// The content of `path`; empty when it cannot be read.
std::string ReadFileForTest(const std::filesystem::path& path);

// The corpus folder: the environment variable `variable` when set, else
// `built_in` (a path the build passes in).
std::filesystem::path CorpusDirForTest(const char* variable, const char* built_in);

// The media type a publisher declares for corpus file `name`: PDF, HTML or
// plain text, by its extension (the readers look at the content anyway).
std::string PublisherMediaType(std::string_view name);

// "2009-12-21", or "(none)" for an empty date.
std::string ShowDate(const PartialDate& date);

// The date of expected.json's {"year", "month", "day"} (missing parts are 0).
PartialDate ExpectedDate(const nlohmann::json& date);

// Tallies fields passed and false records, by kind of document (the first
// letter of the source file's name: r, p, s, t) and by field.
class Scorecard {
 public:
  struct Tally {
    int passed = 0;
    int total = 0;
    int false_records = 0;
    double percent() const { return total == 0 ? 100.0 : 100.0 * passed / total; }
  };

  // Counts field `field` of a record read from `source`; `detail` is the
  // line that says what was read instead when it missed (none when empty).
  void Check(const std::string& source, const std::string& field, bool passed,
             const std::string& detail);
  // Counts a record stored from `source` that expected.json does not list.
  void FalseRecord(const std::string& source, const std::string& what);
  // Keeps a line on something read that no field scores ("references not in
  // expected.json: ..."), for a person to judge.
  void Note(const std::string& note) { notes_.push_back(note); }

  Tally Overall() const;
  // A kind with nothing counted has an empty tally.
  Tally Kind(char kind) const;
  const std::map<char, Tally>& kinds() const { return kinds_; }
  const std::map<std::string, Tally>& fields() const { return fields_; }
  // Each miss and false record as "r01 S/RES/1325 (2000) title: got ...".
  const std::vector<std::string>& misses() const { return misses_; }
  const std::vector<std::string>& notes() const { return notes_; }

  // "symbol 149/149, body 149/149, ..." in the order fields were first met.
  std::string FieldsLine() const;

 private:
  std::map<char, Tally> kinds_;
  std::map<std::string, Tally> fields_;
  std::vector<std::string> field_order_;
  std::vector<std::string> misses_;
  std::vector<std::string> notes_;
};

// Whether a lookup by `cited` finds `resolution` as a parser gave it: by
// canonical symbol, or by the key (SymbolKey) of its symbol or of one of its
// aliases.
bool FoundBy(const Resolution& resolution, const std::string& cited);

// Scores `got`, the record found under `want`'s symbol (nullptr when none
// was), against one of expected.json's `resolutions`, by the conventions of
// its `about`: symbol, cited_as (each form must find the record:
// `found_by(form)` says whether it does), body, adopted, title,
// operative_paragraphs, references, vote and meeting. Where the document
// states no adoption date, or a resolution text no title, none may be
// reported, but for a date `adopted_note` names as one the source states
// (wrongly: "2005-12-22"). Operative paragraphs are the numbers of the
// operative (or, from tables and stories, unspecified) paragraphs that start
// with a digit, and also those of their subparagraphs ("(a)") where
// expected.json lists any; where it lists none, none may be read. Vote and
// meeting count on every table row (a row without a meeting record must give
// none) and elsewhere where expected.json notes them; either may be written
// another way than the key ("396th meeting" is S/PV.396, "by 8 votes to
// none, with 3 abstentions" is "8-0-3"). A record not found misses all its
// fields.
void ScoreResolution(const nlohmann::json& want, const Resolution* got,
                     const std::function<bool(const std::string&)>& found_by, Scorecard& score);

// Scores `got` (nullptr when no statement was read from the document)
// against one of expected.json's `statements`: headline, speaker,
// speaker_role (or one of `speaker_role_alt`), date, min_quotes, places,
// references, press_symbol (the press symbols a real s* document prints,
// which expected.json does not list, must all be its aliases; a document
// that prints none gives none), vote (the text as a whole must be reported
// adopted by `vote`; without one, no such vote may be reported) and
// must_not_contain.
void ScoreStatement(const nlohmann::json& want, const Statement* got, Scorecard& score);

// What was read from each document, by its file name as expected.json's
// `source` gives it.
using ReadDocuments = std::map<std::string, Extraction>;

// Scores each of `expected`'s resolutions against the record of its symbol
// read from its source (ScoreResolution; a form finds the record where
// `found_by(record, form)`). A resolution read from a document for which
// expected.json lists no resolution of that symbol is a false record.
void ScoreResolutions(const nlohmann::json& expected, const ReadDocuments& read,
                      const std::function<bool(const Resolution&, const std::string&)>& found_by,
                      Scorecard& score);

// Scores each of `expected`'s statements against the first statement read
// from its source (ScoreStatement). Any other statement read, a second one
// from the same document or one from a document for which expected.json
// lists none, is a false record.
void ScoreStatements(const nlohmann::json& expected, const ReadDocuments& read, Scorecard& score);

}  // namespace plenary::testing
