// Scoring what Plenary reads from a corpus of real documents against the
// corpus's expected.json, field by field and per kind of document. Shared by
// the scorer of the parsers (parsing/real_corpus_test.cc) and the scorer
// through PostgreSQL and the registry (tests/real_corpus_pgtest.cc), so that
// both count a field the same way. Plain model records in: each caller maps
// what it has (parser output, or the registry's protobuf answers) to them.
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

  Tally Overall() const;
  // A kind with nothing counted has an empty tally.
  Tally Kind(char kind) const;
  const std::map<char, Tally>& kinds() const { return kinds_; }
  const std::map<std::string, Tally>& fields() const { return fields_; }
  // Each miss and false record as "r01 S/RES/1325 (2000) title: got ...".
  const std::vector<std::string>& misses() const { return misses_; }

  // "symbol 149/149, body 149/149, ..." in the order fields were first met.
  std::string FieldsLine() const;

 private:
  std::map<char, Tally> kinds_;
  std::map<std::string, Tally> fields_;
  std::vector<std::string> field_order_;
  std::vector<std::string> misses_;
};

// Scores `got`, the record found under `want`'s symbol (nullptr when none
// was), against one of expected.json's `resolutions`, by the conventions of
// its `about`: symbol, cited_as (each form must find the record:
// `found_by(form)` says whether it does), body, adopted, title,
// operative_paragraphs, references, vote and meeting. Where the document
// states no adoption date, or a resolution text no title, none may be
// reported. Vote and meeting count on every table row (a row without a
// meeting record must give none) and elsewhere where expected.json notes
// them; either may be written another way than the key ("396th meeting" is
// S/PV.396, "by 8 votes to none, with 3 abstentions" is "8-0-3"). A record
// not found misses all its fields.
void ScoreResolution(const nlohmann::json& want, const Resolution* got,
                     const std::function<bool(const std::string&)>& found_by, Scorecard& score);

// Scores `got` (nullptr when no statement was read from the document)
// against one of expected.json's `statements`: headline, speaker,
// speaker_role, date, min_quotes, places, references, must_not_contain.
void ScoreStatement(const nlohmann::json& want, const Statement* got, Scorecard& score);

}  // namespace plenary::testing
