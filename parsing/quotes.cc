#include "parsing/quotes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "common/text.h"
#include "parsing/regex_options.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

constexpr std::string_view kOpenQuote = "\u201c";
constexpr std::string_view kCloseQuote = "\u201d";

// Where a quoted passage sits in its paragraph.
struct QuoteSpan {
  size_t open = 0;        // offset of the opening mark
  size_t text_begin = 0;  // offset of the passage itself
  size_t text_end = 0;    // offset just past the passage
  size_t close_end = 0;   // offset just past the closing mark, if any
};

std::vector<QuoteSpan> FindQuoteSpans(std::string_view paragraph) {
  std::vector<QuoteSpan> spans;
  std::optional<QuoteSpan> open;
  for (size_t i = 0; i < paragraph.size();) {
    const bool curly_open = paragraph.substr(i, kOpenQuote.size()) == kOpenQuote;
    const bool curly_close = paragraph.substr(i, kCloseQuote.size()) == kCloseQuote;
    const bool straight = paragraph[i] == '"';
    const size_t mark = curly_open || curly_close ? kOpenQuote.size() : 1;
    if (!open && curly_close && spans.empty() && i > 0) {
      // A closing mark with no opening one: the passage lost its opening
      // mark and runs from the start of the paragraph.
      spans.push_back(QuoteSpan{0, 0, i, i + mark});
    } else if (!open && (curly_open || straight)) {
      open = QuoteSpan{i, i + mark, 0, 0};
    } else if (open && (curly_close || straight)) {
      open->text_end = i;
      open->close_end = i + mark;
      spans.push_back(*open);
      open.reset();
    }
    i += (curly_open || curly_close || straight) ? mark : 1;
  }
  if (open) {
    open->text_end = open->close_end = paragraph.size();
    spans.push_back(*open);
  }
  return spans;
}

size_t WordCount(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// The passage as stored: whitespace collapsed, the comma that hands over to
// the attribution dropped.
std::string PassageText(std::string_view raw) {
  std::string text = CollapseWhitespace(raw);
  while (!text.empty() && (text.back() == ',' || text.back() == ' ')) text.pop_back();
  return text;
}

// True when the word that ends just before `dot` is an abbreviation that
// does not end a sentence ("Mr.", "U.N.").
bool IsAbbreviation(std::string_view paragraph, size_t dot) {
  static constexpr auto kAbbreviations = std::to_array<std::string_view>({
      "Mr", "Mrs", "Ms", "Dr", "Mme", "St", "No", "U.S", "U.N"});
  size_t begin = dot;
  while (begin > 0 && (std::isalpha(static_cast<unsigned char>(paragraph[begin - 1])) ||
                       paragraph[begin - 1] == '.')) {
    --begin;
  }
  const std::string_view word = paragraph.substr(begin, dot - begin);
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

// Offset where the sentence holding `limit` starts, not before `floor`.
size_t SentenceStart(std::string_view paragraph, size_t floor, size_t limit) {
  static const RE2 boundary(R"([.!?]['"”’]?\s+)");
  size_t start = floor;
  re2::StringPiece match;
  const re2::StringPiece input(paragraph);
  size_t position = floor;
  while (position < limit &&
         boundary.Match(input, position, limit, RE2::UNANCHORED, &match, 1)) {
    const size_t at = static_cast<size_t>(match.data() - paragraph.data());
    if (!IsAbbreviation(paragraph, at)) start = at + match.size();
    position = at + match.size();
  }
  return start;
}

class SpeakerResolver {
 public:
  SpeakerResolver(const std::vector<Person>& people, const std::optional<Person>& main_speaker)
      : people_(people), main_speaker_(main_speaker) {}

  // The speaker an attribution's subject ("he", "Mr. Ban", "the
  // Secretary-General", "Sergey Lavrov") designates; empty if unknown.
  std::string Resolve(std::string_view subject) const {
    static const RE2 pronoun(R"((?i)he|she)");
    static const RE2 by_role(std::string(R"((?:[Tt]he\s+)?(?:UN\s+)?()") +
                             std::string(RolePattern()) + R"()(?:\s+(.+))?)");
    static const RE2 honorific(R"((?:Mr|Mrs|Ms|Dr|Mme|Sir)\.?\s+(.+))");
    if (RE2::FullMatch(subject, pronoun)) return main_speaker_ ? main_speaker_->name : "";
    std::string role, name;
    if (RE2::FullMatch(subject, by_role, &role, &name)) {
      if (!name.empty()) return ByName(name);
      role = CanonicalRole(role);
      if (main_speaker_ && main_speaker_->role == role) return main_speaker_->name;
      for (const Person& person : people_) {
        if (person.role == role) return person.name;
      }
      return "";
    }
    if (RE2::FullMatch(subject, honorific, &name)) return ByName(name);
    return ByName(subject);
  }

 private:
  // The full name of someone the story introduced, given all or one word of
  // it ("Ban" -> "Ban Ki-moon"); the name as written when nobody matches.
  std::string ByName(std::string_view name) const {
    auto matches = [&](const Person& person) {
      if (person.name == name) return true;
      if (name.find(' ') != std::string_view::npos) return false;
      size_t begin = 0;
      while (begin <= person.name.size()) {
        size_t end = person.name.find(' ', begin);
        if (end == std::string::npos) end = person.name.size();
        if (std::string_view(person.name).substr(begin, end - begin) == name) return true;
        begin = end + 1;
      }
      return false;
    };
    if (main_speaker_ && matches(*main_speaker_)) return main_speaker_->name;
    for (const Person& person : people_) {
      if (matches(person)) return person.name;
    }
    return std::string(name);
  }

  const std::vector<Person>& people_;
  const std::optional<Person>& main_speaker_;
};

const std::string& SubjectPattern() {
  static const std::string pattern =
      std::string(R"((he|she|He|She|[Tt]he\s+(?:UN\s+)?)") + std::string(RolePattern()) + "|" +
      std::string(RolePattern()) +
      R"((?:[ \t]+\p{Lu}[\p{L}'’\x{2011}-]*){0,3}|(?:Mr|Mrs|Ms|Dr|Mme|Sir)\.?\s+\p{Lu}[\p{L}'’\x{2011}-]*|)"
      R"(\p{Lu}\p{L}+(?:[ \t]+\p{Lu}[\p{L}'’\x{2011}-]+){0,2}))";
  return pattern;
}

constexpr std::string_view kSpeechVerb =
    "(?:said|says|told|added|stressed|emphasized|emphasised|noted|declared|stated|urged|"
    "warned|explained|underlined|underscored|called|asked|insisted|observed|remarked|"
    "affirmed|recalled|wrote|continued|concluded|argued|acknowledged|reiterated|appealed|"
    "announced|replied|cautioned|highlighted|pointed out)";

// The subject of an attribution right after a passage (", he said", ", said
// Mr. Ban") or in the sentence that introduces it ("He stressed ... – “").
std::optional<std::string> AttributionSubject(std::string_view after, std::string_view before) {
  static const RE2 subject_verb(R"(^[\s,]*)" + SubjectPattern() + R"(\s+)" +
                                std::string(kSpeechVerb) + R"(\b)");
  static const RE2 verb_subject(R"(^[\s,]*)" + std::string(kSpeechVerb) + R"(\s+)" +
                                SubjectPattern());
  static const RE2 introduced(R"(\b)" + SubjectPattern() + R"(\s+)" +
                                  std::string(kSpeechVerb) + R"(\b[^.!?“”"]*$)",
                              RoomyRegexOptions());
  std::string subject;
  if (RE2::PartialMatch(after, subject_verb, &subject) ||
      RE2::PartialMatch(after, verb_subject, &subject)) {
    return subject;
  }
  if (RE2::PartialMatch(before, introduced, &subject)) return subject;
  return std::nullopt;
}

}  // namespace

std::vector<Quote> ExtractQuotes(const std::vector<std::string>& paragraphs,
                                 const std::vector<Person>& people,
                                 const std::optional<Person>& main_speaker) {
  const SpeakerResolver resolver(people, main_speaker);
  std::vector<Quote> quotes;
  absl::flat_hash_set<std::string> seen;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const std::string_view paragraph = paragraphs[p];
    const std::vector<QuoteSpan> spans = FindQuoteSpans(paragraph);
    std::string previous_speaker;
    for (size_t s = 0; s < spans.size(); ++s) {
      const QuoteSpan& span = spans[s];
      std::string text = PassageText(paragraph.substr(span.text_begin, span.text_end - span.text_begin));
      const size_t next_open = s + 1 < spans.size() ? spans[s + 1].open : paragraph.size();
      const size_t floor = s > 0 ? spans[s - 1].close_end : 0;
      const std::string_view after = paragraph.substr(span.close_end, next_open - span.close_end);
      const size_t sentence = SentenceStart(paragraph, floor, span.open);
      const std::string_view before = paragraph.substr(sentence, span.open - sentence);
      std::string speaker;
      if (std::optional<std::string> subject = AttributionSubject(after, before)) {
        speaker = resolver.Resolve(*subject);
      } else if (!previous_speaker.empty()) {
        // "...," he said. "And more..." - the next passage is still his.
        speaker = previous_speaker;
      } else if (spans.size() == 1 && TrimSpace(after).empty() && TrimSpace(before).empty() &&
                 p + 1 < paragraphs.size()) {
        // A passage standing alone, signed by the byline under it.
        const std::string_view next = paragraphs[p + 1];
        if (std::optional<Person> signer = BylinePerson(next.substr(0, next.find('\n')))) {
          speaker = signer->name;
        }
      }
      previous_speaker = speaker;
      if (WordCount(text) < 3) continue;
      if (seen.insert(text).second) quotes.push_back({std::move(text), std::move(speaker)});
    }
  }
  return quotes;
}

}  // namespace plenary::parsing
