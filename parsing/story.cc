#include "parsing/story.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "parsing/dates.h"
#include "parsing/people.h"
#include "parsing/places.h"
#include "common/text.h"
#include "model/member_states.h"
#include "parsing/quotes.h"
#include "parsing/reported_votes.h"
#include "model/symbol.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

// How far into the story a dateline or a standalone date line may sit.
constexpr size_t kDatelineParagraphs = 4;

struct Dateline {
  PartialDate date;
  std::string place;  // empty when the dateline names none
};

// "NEW YORK, 21 December 2009 – ..." or "21 December 2009 – ...".
std::optional<Dateline> ReadDateline(std::string_view paragraph) {
  static const RE2 dateline(std::string(R"(^(?:([\p{Lu}][\p{L} .'-]{1,40}),\s*)?()") +
                            std::string(WrittenDatePattern()) + R"()\s*(?:[–—-]|--)\s)");
  std::string place, written_date;
  if (!RE2::PartialMatch(paragraph, dateline, &place, &written_date)) return std::nullopt;
  std::optional<PartialDate> date = ParseDate(written_date);
  if (!date) return std::nullopt;
  if (!place.empty()) place = KnownPlace(place).value_or(CollapseWhitespace(place));
  return Dateline{*date, place};
}

// The date and place the story is told from: its dateline, or a line that
// is nothing but a full date.
std::optional<Dateline> FindDateline(const std::vector<std::string>& paragraphs) {
  const size_t limit = std::min(paragraphs.size(), kDatelineParagraphs);
  for (size_t i = 0; i < limit; ++i) {
    if (std::optional<Dateline> dateline = ReadDateline(paragraphs[i])) return dateline;
    for (std::string_view line : SplitLines(paragraphs[i])) {
      std::optional<PartialDate> date = ParseDate(line);
      if (date && date->month != 0) return Dateline{*date, ""};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Statement> ReadStatement(const StoryText& story) {
  // A text with no headline is no story a reader would file as a statement.
  if (story.headline.empty()) return std::nullopt;
  const std::string body = absl::StrJoin(story.paragraphs, "\n\n");
  const std::vector<Person> people = FindPeople(body);
  std::optional<Person> speaker;
  if (!people.empty()) speaker = people.front();

  Statement statement;
  statement.headline = story.headline;
  statement.text = body;
  statement.quotes = ExtractQuotes(story.paragraphs, people, speaker);
  // The story is the statement of the first person it quotes, when the
  // story introduces that person by role; else of the first it introduces.
  for (const Quote& quote : statement.quotes) {
    if (quote.speaker.empty()) continue;
    const auto quoted = std::find_if(people.begin(), people.end(),
                                     [&](const Person& p) { return p.name == quote.speaker; });
    if (quoted != people.end() && (!speaker || quoted->name != speaker->name)) {
      speaker = *quoted;
      statement.quotes = ExtractQuotes(story.paragraphs, people, speaker);
    }
    break;
  }
  if (!speaker && statement.quotes.empty()) return std::nullopt;
  if (speaker) {
    statement.speaker = speaker->name;
    statement.speaker_role = speaker->role;
  }

  const std::optional<Dateline> dateline = FindDateline(story.paragraphs);
  statement.date = !story.date.empty() ? story.date : dateline ? dateline->date : PartialDate{};
  if (dateline && !dateline->place.empty()) statement.places.push_back(dateline->place);
  for (std::string& place : FindPlaces(story.headline + "\n\n" + body)) {
    if (std::find(statement.places.begin(), statement.places.end(), place) ==
        statement.places.end()) {
      statement.places.push_back(std::move(place));
    }
  }
  statement.references = FindReferences(story.headline + "\n\n" + body);
  // "The United States vetoed a draft resolution ...": UN News tells votes too.
  statement.adoptions =
      FindReportedAdoptions(story.paragraphs, Organ::kUnknown, MemberStates::Default(), nullptr);
  return statement;
}

}  // namespace plenary::parsing
