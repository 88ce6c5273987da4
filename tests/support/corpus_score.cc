#include "tests/support/corpus_score.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/symbol.h"

namespace plenary::testing {
namespace {

using nlohmann::json;

std::string Join(const std::vector<std::string>& items) {
  return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// Whether all of `listed` are in `got`; where none are listed, the text
// states none and none may be reported.
bool AllListedFound(const std::vector<std::string>& listed, const std::vector<std::string>& got) {
  if (listed.empty()) return got.empty();
  return std::all_of(listed.begin(), listed.end(),
                     [&](const std::string& item) { return Contains(got, item); });
}

bool StartsWithDigit(const std::string& text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text[0]));
}

// Whether `note` names `date`, a whole date, as "2005-12-22".
bool NamesDate(const std::string& note, const PartialDate& date) {
  return date.year != 0 && date.month != 0 && date.day != 0 &&
         absl::StrContains(note,
                           absl::StrFormat("%04d-%02d-%02d", date.year, date.month, date.day));
}

// The press symbols each real s* document prints (expected.json does not
// list them): a release's symbol is its alias only where the text gives it.
const std::map<std::string, std::vector<std::string>>& PrintedPressSymbols() {
  static const auto* symbols = new std::map<std::string, std::vector<std::string>>{
      {"s03", {"ECOSOC/6866"}}, {"s04", {"ECOSOC/6134/Corr.1"}}, {"s05", {"ECOSOC/5679"}},
      {"s06", {"ECOSOC/6311"}}, {"s09", {"SG/SM/8805", "AFR/682"}}, {"s12", {"S/PV.7853"}},
      {"s13", {"SC/12680"}},    {"s16", {"SG/SM/20060"}},
  };
  return *symbols;
}

// The figures of "9-0-2" into `counts`; false for words.
bool VoteFigures(const std::string& text, int counts[3]) {
  char tail = 0;
  return std::sscanf(text.c_str(), "%d-%d-%d%c", &counts[0], &counts[1], &counts[2], &tail) == 3;
}

// Whether `got` is the vote expected.json writes as `want` (Y-N-A figures,
// or the words printed: "adopted unanimously", "Without vote"): the same
// words, or the same figures or method however the source put them ("by 8
// votes to none, with 3 abstentions" is "8-0-3"). Empty: no vote stated.
bool SameVote(const std::string& want, const Vote& got) {
  if (want.empty()) return got.empty();
  if (absl::EqualsIgnoreCase(got.as_written, want)) return true;
  int counts[3];
  if (VoteFigures(want, counts)) {
    return got.in_favour == counts[0] && got.against.value_or(0) == counts[1] &&
           got.abstaining.value_or(0) == counts[2];
  }
  const std::string words = absl::AsciiStrToLower(want);
  if (absl::StrContains(words, "unanimous")) return got.method == VoteMethod::kUnanimous;
  if (absl::StrContains(words, "without vote")) return got.method == VoteMethod::kWithoutVote;
  if (absl::StrContains(words, "consensus")) return got.method == VoteMethod::kConsensus;
  return false;
}

// The meeting's number in "S/PV.396", "A/70/PV.81", "396th meeting"; 0 when
// there is none.
int MeetingNumber(std::string_view text) {
  size_t at = text.find("PV.");
  at = at == std::string_view::npos ? 0 : at + 3;
  while (at < text.size() && !std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  int number = 0;
  for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at) {
    number = number * 10 + (text[at] - '0');
  }
  return number;
}

// Whether `got` is the meeting expected.json writes as `want` (a record
// symbol "S/PV.396" or "396th meeting"): the same record, or the same
// meeting number. Empty: no meeting stated (a date alone names none).
bool SameMeeting(const std::string& want, const Meeting& got) {
  if (want.empty()) return got.record.empty() && got.number == 0;
  if (got.record == want) return true;
  const int number = MeetingNumber(want);
  return number != 0 && (got.number == number || MeetingNumber(got.record) == number);
}

std::string ShowMeeting(const Meeting& meeting) {
  if (meeting.empty()) return "(none)";
  return absl::StrCat("\"", meeting.record, "\" number ", meeting.number);
}

std::string ShowVote(const Vote& vote) {
  if (vote.empty()) return "(none)";
  auto count = [](const std::optional<int>& n) { return n ? std::to_string(*n) : "?"; };
  return absl::StrCat("\"", vote.as_written, "\" method ", static_cast<int>(vote.method), " ",
                      count(vote.in_favour), "-", count(vote.against), "-", count(vote.abstaining));
}

// References as expected.json lists them: every one listed is cited, and
// nothing else is but lettered parts ("A/RES/2453(XXIII)[A]"), which the
// conventions leave out.
bool SameReferences(const std::vector<std::string>& want, const std::vector<std::string>& got,
                    std::string& detail) {
  std::vector<std::string> missing, extra;
  for (const std::string& reference : want) {
    if (!Contains(got, reference)) missing.push_back(reference);
  }
  for (const std::string& reference : got) {
    if (reference.find('[') == std::string::npos && !Contains(want, reference)) {
      extra.push_back(reference);
    }
  }
  detail = absl::StrCat("missing ", Join(missing), ", not cited ", Join(extra));
  return missing.empty() && extra.empty();
}

struct Field {
  std::string name;
  bool passed;
  std::string detail;
};

// Counts `fields` of a record read from `source`, whose existence is field
// `found_field`. A record not found misses every field, with one line.
void CountFields(const std::string& source, const std::string& where,
                 const std::string& found_field, bool found, const std::vector<Field>& fields,
                 Scorecard& score) {
  if (!found) {
    score.Check(source, found_field, false,
                absl::StrCat(where, found_field, ": not found (its ", fields.size(),
                             " other fields count as missed)"));
    for (const Field& field : fields) score.Check(source, field.name, false, "");
    return;
  }
  score.Check(source, found_field, true, "");
  for (const Field& field : fields) {
    score.Check(source, field.name, field.passed,
                absl::StrCat(where, field.name, ": ", field.detail));
  }
}

}  // namespace

std::string ReadFileForTest(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::filesystem::path CorpusDirForTest(const char* variable, const char* built_in) {
  if (const char* dir = std::getenv(variable); dir != nullptr && *dir != '\0') return dir;
  return built_in;
}

std::string PublisherMediaType(std::string_view name) {
  if (name.ends_with(".pdf")) return "application/pdf";
  if (name.ends_with(".html")) return "text/html";
  return "text/plain";
}

std::string ShowDate(const PartialDate& date) {
  return date.empty() ? "(none)" : absl::StrCat(date.year, "-", date.month, "-", date.day);
}

PartialDate ExpectedDate(const json& date) {
  return {date.value("year", 0), date.value("month", 0), date.value("day", 0)};
}

bool FoundBy(const Resolution& resolution, const std::string& cited) {
  if (CanonicalSymbol(cited) == resolution.symbol) return true;
  const std::string key = SymbolKey(cited);
  if (SymbolKey(resolution.symbol) == key) return true;
  return std::any_of(resolution.aliases.begin(), resolution.aliases.end(),
                     [&](const std::string& alias) { return SymbolKey(alias) == key; });
}

void Scorecard::Check(const std::string& source, const std::string& field, bool passed,
                      const std::string& detail) {
  const char kind = source.empty() ? '?' : source[0];
  for (Tally* tally : {&kinds_[kind], &fields_[field]}) {
    ++tally->total;
    if (passed) ++tally->passed;
  }
  if (std::find(field_order_.begin(), field_order_.end(), field) == field_order_.end()) {
    field_order_.push_back(field);
  }
  if (!passed && !detail.empty()) misses_.push_back(detail);
}

void Scorecard::FalseRecord(const std::string& source, const std::string& what) {
  ++kinds_[source.empty() ? '?' : source[0]].false_records;
  misses_.push_back(absl::StrCat(source.substr(0, 3), " false record: ", what));
}

Scorecard::Tally Scorecard::Overall() const {
  Tally overall;
  for (const auto& [kind, tally] : kinds_) {
    overall.passed += tally.passed;
    overall.total += tally.total;
    overall.false_records += tally.false_records;
  }
  return overall;
}

Scorecard::Tally Scorecard::Kind(char kind) const {
  const auto it = kinds_.find(kind);
  return it == kinds_.end() ? Tally{} : it->second;
}

std::string Scorecard::FieldsLine() const {
  std::vector<std::string> parts;
  for (const std::string& field : field_order_) {
    const Tally& tally = fields_.at(field);
    parts.push_back(absl::StrCat(field, " ", tally.passed, "/", tally.total));
  }
  return absl::StrJoin(parts, ", ");
}

void ScoreResolution(const json& want, const Resolution* got,
                     const std::function<bool(const std::string&)>& found_by, Scorecard& score) {
  const std::string source = want["source"];
  const std::string symbol = want["symbol"];
  const char kind = source.empty() ? '?' : source[0];
  const Resolution none;
  const Resolution& actual = got != nullptr ? *got : none;
  const std::string where = absl::StrCat(source.substr(0, 3), " ", symbol, " ");
  std::vector<Field> fields;

  for (const std::string cited : want.value("cited_as", json::array())) {
    fields.push_back({"cited_as", found_by(cited), absl::StrCat("\"", cited, "\" finds nothing")});
  }
  fields.push_back(
      {"body", actual.body == want.value("body", ""), absl::StrCat("got \"", actual.body, "\"")});
  const PartialDate adopted =
      want.contains("adopted") ? ExpectedDate(want["adopted"]) : PartialDate{};
  fields.push_back(
      {"adopted",
       actual.adopted == adopted ||
           (adopted.empty() && NamesDate(want.value("adopted_note", ""), actual.adopted)),
       absl::StrCat("got ", ShowDate(actual.adopted), ", want ", ShowDate(adopted))});
  if (want.contains("title")) {
    fields.push_back({"title", actual.title == want["title"].get<std::string>(),
                      absl::StrCat("got \"", actual.title, "\"")});
  } else if (want.contains("title_contains")) {
    fields.push_back({"title",
                      absl::StrContains(actual.title, want["title_contains"].get<std::string>()),
                      absl::StrCat("got \"", actual.title, "\"")});
  } else if (kind == 'r' || kind == 'p') {
    // The text gives no title: none may be invented. A table row's topic
    // may stand as its title.
    fields.push_back(
        {"title", actual.title.empty(), absl::StrCat("got \"", actual.title, "\", want none")});
  }
  const std::vector<std::string> want_numbers =
      want.value("operative_paragraphs", std::vector<std::string>{});
  const bool subparagraphs =
      !std::all_of(want_numbers.begin(), want_numbers.end(), StartsWithDigit);
  std::vector<std::string> numbers;
  for (const Paragraph& paragraph : actual.paragraphs) {
    if ((paragraph.kind == ParagraphKind::kOperative ||
         paragraph.kind == ParagraphKind::kUnspecified) &&
        (StartsWithDigit(paragraph.number) || (subparagraphs && !paragraph.number.empty()))) {
      numbers.push_back(paragraph.number);
    }
  }
  fields.push_back({"operative_paragraphs", numbers == want_numbers,
                    absl::StrCat("got ", Join(numbers), ", want ", Join(want_numbers))});
  if (want.contains("references")) {
    std::string detail;
    const bool same = SameReferences(want["references"], actual.references, detail);
    fields.push_back({"references", same, detail});
  } else if (got != nullptr && !actual.references.empty()) {
    score.Note(absl::StrCat(where, "references not in expected.json: ", Join(actual.references)));
  }
  // A table row always gives the outcome and the meeting record (or "--"
  // for none); elsewhere vote and meeting are informational keys, given
  // where the reader noted them, and scored only there.
  if (kind == 't' || want.contains("vote")) {
    const std::string vote = want.value("vote", "");
    fields.push_back({"vote", SameVote(vote, actual.vote),
                      absl::StrCat("got ", ShowVote(actual.vote), ", want \"", vote, "\"")});
  }
  if (kind == 't' || want.contains("meeting")) {
    const std::string meeting = want.value("meeting", "");
    fields.push_back(
        {"meeting", SameMeeting(meeting, actual.meeting),
         absl::StrCat("got ", ShowMeeting(actual.meeting), ", want \"", meeting, "\"")});
  }
  CountFields(source, where, "symbol", got != nullptr, fields, score);
}

void ScoreStatement(const json& want, const Statement* got, Scorecard& score) {
  const std::string source = want["source"];
  const std::string where = absl::StrCat(source.substr(0, 3), " ");
  const Statement none;
  const Statement& actual = got != nullptr ? *got : none;
  std::vector<Field> fields;
  const std::string headline = want.value("headline", "");
  fields.push_back({"headline", actual.headline == headline,
                    absl::StrCat("got \"", actual.headline, "\", want \"", headline, "\"")});
  const std::string speaker = want.value("speaker", "");
  fields.push_back({"speaker", actual.speaker == speaker,
                    absl::StrCat("got \"", actual.speaker, "\", want \"", speaker, "\"")});
  std::vector<std::string> roles = {want.value("speaker_role", "")};
  for (const std::string alternative : want.value("speaker_role_alt", json::array())) {
    roles.push_back(alternative);
  }
  fields.push_back({"speaker_role", Contains(roles, actual.speaker_role),
                    absl::StrCat("got \"", actual.speaker_role, "\", want one of ", Join(roles))});
  const PartialDate date = want.contains("date") ? ExpectedDate(want["date"]) : PartialDate{};
  fields.push_back({"date", actual.date == date,
                    absl::StrCat("got ", ShowDate(actual.date), ", want ", ShowDate(date))});
  const size_t min_quotes = want.value("min_quotes", 0);
  fields.push_back({"min_quotes", actual.quotes.size() >= min_quotes,
                    absl::StrCat("got ", actual.quotes.size(), ", want at least ", min_quotes)});
  const std::vector<std::string> places = want.value("places", std::vector<std::string>{});
  const bool places_found = AllListedFound(places, actual.places);
  fields.push_back(
      {"places", places_found, absl::StrCat("got ", Join(actual.places), ", want ", Join(places))});
  if (got != nullptr && places_found && actual.places.size() > places.size()) {
    score.Note(absl::StrCat(where, "places beyond expected.json: ", Join(actual.places)));
  }
  std::string detail;
  const bool references = SameReferences(want.value("references", std::vector<std::string>{}),
                                         actual.references, detail);
  fields.push_back({"references", references, detail});
  const auto printed = PrintedPressSymbols().find(source.substr(0, 3));
  const std::vector<std::string> symbols =
      printed != PrintedPressSymbols().end() ? printed->second : std::vector<std::string>{};
  fields.push_back({"press_symbol", AllListedFound(symbols, actual.aliases),
                    absl::StrCat("got ", Join(actual.aliases), ", want ", Join(symbols))});
  std::vector<const Vote*> votes;  // on the text as a whole
  std::vector<std::string> shown;
  for (const ReportedAdoption& adoption : actual.adoptions) {
    if (adoption.subject == VoteSubject::kWholeText && !adoption.vote.empty()) {
      votes.push_back(&adoption.vote);
      shown.push_back(ShowVote(adoption.vote));
    }
  }
  const std::string vote = want.value("vote", "");
  fields.push_back({"vote",
                    vote.empty() ? votes.empty()
                                 : std::any_of(votes.begin(), votes.end(),
                                               [&](const Vote* v) { return SameVote(vote, *v); }),
                    absl::StrCat("got ", Join(shown), ", want \"", vote, "\"")});
  if (want.contains("must_not_contain")) {
    std::vector<std::string> found;
    for (const std::string unwanted : want["must_not_contain"]) {
      bool in =
          absl::StrContains(actual.headline, unwanted) || absl::StrContains(actual.text, unwanted);
      for (const Quote& quote : actual.quotes) in = in || absl::StrContains(quote.text, unwanted);
      if (in) found.push_back(unwanted);
    }
    fields.push_back({"must_not_contain", found.empty(), absl::StrCat("contains ", Join(found))});
  }
  CountFields(source, where, "statement", got != nullptr, fields, score);
}

void ScoreResolutions(const json& expected, const ReadDocuments& read,
                      const std::function<bool(const Resolution&, const std::string&)>& found_by,
                      Scorecard& score) {
  std::map<std::string, std::set<std::string>> listed;  // symbols by source
  for (const json& want : expected["resolutions"]) {
    const std::string source = want["source"];
    const std::string symbol = want["symbol"];
    listed[source].insert(symbol);
    const Resolution* got = nullptr;
    if (const auto document = read.find(source); document != read.end()) {
      const std::vector<Resolution>& found = document->second.resolutions;
      const auto it = std::find_if(found.begin(), found.end(),
                                   [&](const Resolution& r) { return r.symbol == symbol; });
      if (it != found.end()) got = &*it;
    }
    ScoreResolution(
        want, got,
        [&](const std::string& cited) { return got != nullptr && found_by(*got, cited); }, score);
  }
  for (const auto& [source, extraction] : read) {
    for (const Resolution& resolution : extraction.resolutions) {
      if (listed[source].count(resolution.symbol) == 0) {
        score.FalseRecord(source, "resolution " + resolution.symbol);
      }
    }
  }
}

void ScoreStatements(const json& expected, const ReadDocuments& read, Scorecard& score) {
  std::set<std::string> listed;  // sources
  for (const json& want : expected["statements"]) {
    const std::string source = want["source"];
    listed.insert(source);
    const auto document = read.find(source);
    const bool found = document != read.end() && !document->second.statements.empty();
    ScoreStatement(want, found ? &document->second.statements.front() : nullptr, score);
  }
  for (const auto& [source, extraction] : read) {
    // The first statement of a listed document was scored above.
    const size_t scored = listed.count(source) > 0 ? 1 : 0;
    for (size_t i = scored; i < extraction.statements.size(); ++i) {
      score.FalseRecord(source, absl::StrCat(scored > 0 ? "another " : "", "statement \"",
                                             extraction.statements[i].headline, "\""));
    }
  }
}

}  // namespace plenary::testing
