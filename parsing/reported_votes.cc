#include "parsing/reported_votes.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/text.h"
#include "parsing/regex_options.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

constexpr std::string_view kOpenQuote = "\u201c";
constexpr std::string_view kCloseQuote = "\u201d";

// A count as releases write it: digits or words ("three", "none", "twenty-one").
#define PLENARY_COUNT R"((\d{1,3}|none|no|zero|[a-z]+(?:-[a-z]+)?))"

// The number `word` spells; std::nullopt when it is none.
std::optional<int> CountValue(std::string_view word) {
  static constexpr auto kUnits = std::to_array<std::string_view>(
      {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
       "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
       "nineteen"});
  static constexpr auto kTens = std::to_array<std::string_view>(
      {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"});
  const std::string lower = AsciiLower(word);
  int value = 0;
  if (absl::SimpleAtoi(lower, &value)) return value;
  if (lower == "none" || lower == "no" || lower == "an" || lower == "a") {
    return lower == "none" || lower == "no" ? 0 : 1;
  }
  for (size_t i = 0; i < kUnits.size(); ++i) {
    if (lower == kUnits[i]) return static_cast<int>(i);
  }
  const size_t dash = lower.find('-');
  const std::string_view tens = std::string_view(lower).substr(0, dash);
  for (size_t t = 2; t < kTens.size(); ++t) {
    if (tens != kTens[t]) continue;
    if (dash == std::string::npos) return static_cast<int>(t * 10);
    const std::string_view unit = std::string_view(lower).substr(dash + 1);
    for (size_t u = 1; u < 10; ++u) {
      if (unit == kUnits[u]) return static_cast<int>(t * 10 + u);
    }
  }
  return std::nullopt;
}

// Sentences of a paragraph: split after ".", "!" or "?" followed by a space
// and a capital letter or an opening quote, outside parentheses.
std::vector<std::string_view> Sentences(std::string_view paragraph) {
  std::vector<std::string_view> sentences;
  size_t begin = 0;
  int depth = 0;
  for (size_t i = 0; i + 2 < paragraph.size(); ++i) {
    const char c = paragraph[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (depth > 0 || (c != '.' && c != '!' && c != '?') || paragraph[i + 1] != ' ') continue;
    const char next = paragraph[i + 2];
    const bool opens = (next >= 'A' && next <= 'Z') || paragraph.substr(i + 2, 3) == kOpenQuote;
    // "Mr. Ban", "No. 5": abbreviations do not end a sentence.
    const bool abbreviation = i >= 2 && (paragraph.substr(i - 2, 2) == "Mr" ||
                                         paragraph.substr(i - 2, 2) == "Ms" ||
                                         paragraph.substr(i - 2, 2) == "No" ||
                                         paragraph.substr(i - 2, 2) == "Dr");
    if (!opens || abbreviation) continue;
    sentences.push_back(paragraph.substr(begin, i + 1 - begin));
    begin = i + 2;
  }
  if (begin < paragraph.size()) sentences.push_back(paragraph.substr(begin));
  return sentences;
}

// The text of the parenthesis opening at `at` (spaces skipped), without its
// marks; empty when none opens there.
std::string_view ParenthesisAt(std::string_view text, size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  if (at >= text.size() || text[at] != '(') return {};
  int depth = 0;
  for (size_t i = at; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return text.substr(at + 1, i - at - 1);
  }
  return {};
}

// Items of a list of Member States: split at top-level commas and
// semicolons, each trimmed, a leading "and" dropped. An item may still join
// two names with "and" ("Nauru and United States"): see SplitAtAnd.
std::vector<std::string> ListItems(std::string_view list) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  auto flush = [&] {
    std::string item(TrimSpace(current));
    while (!item.empty() && (item.back() == '.' || item.back() == ',')) item.pop_back();
    if (!item.empty()) items.push_back(std::move(item));
    current.clear();
  };
  for (size_t i = 0; i < list.size(); ++i) {
    const char c = list[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (depth == 0 && (c == ',' || c == ';')) {
      flush();
      // ", and Chad": the conjunction after a comma.
      if (list.substr(i + 1, 5) == " and ") i += 4;
      continue;
    }
    current.push_back(c);
  }
  flush();
  return items;
}

// The Member States an item names: itself ("Trinidad and Tobago"), or the
// two it joins with "and" ("Nauru and United States"); empty when neither.
std::vector<MemberState> SplitAtAnd(const std::string& item, const MemberStates& states) {
  // No Member State's name is longer: longer items name none.
  constexpr size_t kMaxItemBytes = 200;
  if (item.size() > kMaxItemBytes) return {};
  if (std::optional<MemberState> state = states.Find(item)) return {*std::move(state)};
  for (size_t at = item.find(" and "); at != std::string::npos; at = item.find(" and ", at + 1)) {
    std::optional<MemberState> left = states.Find(item.substr(0, at));
    std::optional<MemberState> right = states.Find(item.substr(at + 5));
    if (left && right) return {*std::move(left), *std::move(right)};
  }
  return {};
}

// Adds `from`'s Member States to `to`, each once.
void MergeStates(std::vector<MemberStateVote>& to, std::vector<MemberStateVote> from) {
  for (MemberStateVote& vote : from) {
    const bool known = std::any_of(to.begin(), to.end(), [&](const MemberStateVote& v) {
      return v.member_state.alpha3 == vote.member_state.alpha3;
    });
    if (!known) to.push_back(std::move(vote));
  }
}

// `from`'s figures and words for `into`, which states none, keeping the
// Member States either names.
void TakeFigures(Vote& into, Vote from) {
  std::vector<MemberStateVote> states = std::move(into.member_states);
  MergeStates(states, std::move(from.member_states));
  into = std::move(from);
  into.member_states = std::move(states);
}

class VoteReader {
 public:
  VoteReader(Organ organ, const MemberStates& states, std::vector<std::string>* warnings,
             const ReportedVoteLimits& limits)
      : organ_(organ), states_(states), warnings_(warnings), limits_(limits) {}

  void ReadParagraph(std::string_view paragraph, size_t index) {
    if (paragraph.size() > limits_.max_paragraph_bytes) return;
    const std::string_view trimmed = TrimSpace(paragraph);
    if (trimmed.substr(0, kOpenQuote.size()) == kOpenQuote || trimmed.substr(0, 1) == "\"") {
      return;  // quoted text: a resolution read out, a speech
    }
    // "In favour:" on a line of its own: the next paragraph is its list.
    // Verbatim records print one Member State a line: the list goes on while
    // every item names one.
    if (list_heading_) {
      const std::vector<std::string> items = ListItems(trimmed);
      const bool states_only =
          !items.empty() && std::all_of(items.begin(), items.end(), [&](const std::string& item) {
            return !SplitAtAnd(item, states_).empty();
          });
      if (states_only) {
        AddRollCall(trimmed, *list_heading_, index);
        roll_call_paragraph_ = index;
        return;
      }
      list_heading_.reset();
      if (AsciiLower(trimmed).rfind("none", 0) == 0 && trimmed.size() <= 5) return;
    }
    if (ReadRollCall(trimmed, index)) return;
    for (std::string_view sentence : Sentences(trimmed)) ReadSentence(sentence, trimmed, index);
  }

  std::vector<ReportedAdoption> Take() { return std::move(adoptions_); }

 private:
  // "In favour: Afghanistan, Albania, ...": the Member States of the last vote.
  bool ReadRollCall(std::string_view paragraph, size_t index) {
    static const RE2 roll_call(
        R"((?i)^(in favou?r|against|abstaining|abstain|abstentions|absent)\s*:\s*(.*)$)");
    std::string heading, list;
    if (!RE2::FullMatch(paragraph, roll_call, &heading, &list)) return false;
    const std::string lower = AsciiLower(heading);
    const VotePosition position = lower.rfind("in favo", 0) == 0 ? VotePosition::kInFavour
                                  : lower == "against"           ? VotePosition::kAgainst
                                  : lower == "absent"            ? VotePosition::kAbsent
                                                                 : VotePosition::kAbstaining;
    if (TrimSpace(list).empty()) {
      list_heading_ = position;
    } else if (AsciiLower(TrimSpace(list)).rfind("none", 0) != 0) {
      AddRollCall(list, position, index);
    }
    roll_call_paragraph_ = index;
    return true;
  }

  // A roll-call list belongs to the adoption reported just before it ("...
  // was adopted by a recorded vote of ..., as follows:"), else to the one
  // reported next ("The result of the voting was as follows: ... The draft
  // resolution has been adopted as resolution 2334 (2016)").
  void AddRollCall(std::string_view list, VotePosition position, size_t index) {
    const bool follows_adoption =
        last_ && !pending_ &&
        (last_paragraph_ + 1 >= index ||
         (roll_call_paragraph_ && *roll_call_paragraph_ + 2 >= index &&
          roll_call_paragraph_ > last_paragraph_));
    if (follows_adoption) {
      AddStates(adoptions_[*last_], list, position);
      return;
    }
    if (!pending_) pending_.emplace();
    pending_paragraph_ = index;
    AddStates(*pending_, list, position);
  }

  void AddStates(ReportedAdoption& adoption, std::string_view list, VotePosition position) {
    for (const std::string& item : ListItems(list)) {
      const std::vector<MemberState> found = SplitAtAnd(item, states_);
      for (const MemberState& state : found) {
        const bool known = std::any_of(
            adoption.vote.member_states.begin(), adoption.vote.member_states.end(),
            [&](const MemberStateVote& v) { return v.member_state.alpha3 == state.alpha3; });
        if (!known) adoption.vote.member_states.push_back({state, position});
      }
      if (found.empty() && warnings_ != nullptr && warnings_->size() < 100) {
        warnings_->push_back(absl::StrCat("a vote names \"", item.substr(0, 80),
                                          "\", which is no ISO 3166 country"));
      }
    }
  }

  // States named as `position`: their number, or std::nullopt for none.
  std::optional<int> StatesIn(std::string_view list, ReportedAdoption* adoption,
                              VotePosition position) {
    if (list.empty()) return std::nullopt;
    const size_t before = adoption->vote.member_states.size();
    AddStates(*adoption, list, position);
    const size_t added = adoption->vote.member_states.size() - before;
    return added > 0 ? std::optional<int>(static_cast<int>(added)) : std::nullopt;
  }

  // UN News's phrasing: "12 of the Council's 15 members voted in favour of
  // the text, one (United States) voted against, and two (Russia, and the
  // United Kingdom) abstained": each count, and the Member States named in
  // its parenthesis, before the verb.
  template <typename Span>
  void ReadVotedCounts(std::string_view sentence, ReportedAdoption* adoption, Span& span) {
    static const RE2 voted(
        R"((?i)\b)" PLENARY_COUNT
        R"((?:\s+of\s+the\s+\S+\s+\d{1,3}\s+members|\s+(?:members|countries|delegations))?)"
        R"(\s*(\([^()]{2,400}\))?\s+(voted\s+in\s+favou?r|voted\s+against|abstained)\b)");
    const re2::StringPiece input(sentence);
    std::array<re2::StringPiece, 4> parts;
    std::optional<int> in_favour, against, abstaining;
    const size_t named_before = adoption->vote.member_states.size();
    size_t at = 0;
    while (voted.Match(input, at, sentence.size(), RE2::UNANCHORED, parts.data(), 4)) {
      at = static_cast<size_t>(parts[0].data() - sentence.data()) + parts[0].size();
      const std::optional<int> value =
          CountValue(std::string_view(parts[1].data(), parts[1].size()));
      if (!value) continue;
      const std::string verb = AsciiLower(std::string_view(parts[3].data(), parts[3].size()));
      const VotePosition position = verb.find("favo") != std::string::npos
                                        ? VotePosition::kInFavour
                                    : verb.find("against") != std::string::npos
                                        ? VotePosition::kAgainst
                                        : VotePosition::kAbstaining;
      std::optional<int>& counted = position == VotePosition::kInFavour ? in_favour
                                    : position == VotePosition::kAgainst ? against
                                                                         : abstaining;
      if (counted) continue;
      counted = value;
      if (!parts[2].empty()) {
        (void)StatesIn(std::string_view(parts[2].data() + 1, parts[2].size() - 2), adoption,
                       position);
      }
      span(parts[0], at);
    }
    if (!in_favour) {
      adoption->vote.member_states.resize(named_before);
      return;
    }
    adoption->vote.in_favour = in_favour;
    adoption->vote.against = against;
    adoption->vote.abstaining = abstaining;
  }

  // The vote a sentence states, with the Member States its parentheses name;
  // false when it states none.
  bool ReadVote(std::string_view sentence, ReportedAdoption* adoption) {
    static const RE2 favour(R"((?i)\b)" PLENARY_COUNT R"(\s*(?:votes?\s+)?in\s+favou?r\b(?:\s+of\b)?)");
    static const RE2 against(R"((?i)\b)" PLENARY_COUNT R"(\s*(?:votes?\s+)?against\b)");
    static const RE2 abstentions(R"((?i)\b)" PLENARY_COUNT R"(\s*abstentions?\b)");
    static const RE2 votes_to(R"((?i)\bby\s+)" PLENARY_COUNT R"(\s+votes?\s+to\s+)" PLENARY_COUNT R"(\b)");
    static const RE2 abstaining(R"((?i)\bwith\s+([^,;()]{2,200}?)\s+abstaining\b)");
    static const RE2 without_vote(R"((?i)\bwithout\s+a\s+vote\b)");
    static const RE2 consensus(R"((?i)\bby\s+consensus\b)");
    static const RE2 unanimous(R"((?i)\bunanimous(?:ly)?\b)");
    static const RE2 show_of_hands(R"((?i)\bshow\s+of\s+hands\b)");
    const re2::StringPiece input(sentence);
    Vote& vote = adoption->vote;
    size_t first = sentence.size(), last = 0;
    auto span = [&](re2::StringPiece match, size_t end) {
      first = std::min(first, static_cast<size_t>(match.data() - sentence.data()));
      last = std::max(last, end);
    };
    auto count = [&](const RE2& pattern, VotePosition position) -> std::optional<int> {
      std::array<re2::StringPiece, 2> parts;
      size_t at = 0;
      while (pattern.Match(input, at, sentence.size(), RE2::UNANCHORED, parts.data(), 2)) {
        const size_t end = static_cast<size_t>(parts[0].data() - sentence.data()) + parts[0].size();
        at = end;
        std::optional<int> value = CountValue(std::string_view(parts[1].data(), parts[1].size()));
        if (!value) continue;
        const std::string_view list = ParenthesisAt(sentence, end);
        span(parts[0], list.empty() ? end : static_cast<size_t>(list.data() - sentence.data()) +
                                                list.size() + 1);
        if (!list.empty()) (void)StatesIn(list, adoption, position);
        return value;
      }
      return std::nullopt;
    };
    vote.in_favour = count(favour, VotePosition::kInFavour);
    vote.against = count(against, VotePosition::kAgainst);
    vote.abstaining = count(abstentions, VotePosition::kAbstaining);
    if (!vote.in_favour) ReadVotedCounts(sentence, adoption, span);
    std::array<re2::StringPiece, 3> parts;
    if (!vote.in_favour &&
        votes_to.Match(input, 0, sentence.size(), RE2::UNANCHORED, parts.data(), 3)) {
      vote.in_favour = CountValue(std::string_view(parts[1].data(), parts[1].size()));
      vote.against = CountValue(std::string_view(parts[2].data(), parts[2].size()));
      span(parts[0], static_cast<size_t>(parts[0].data() - sentence.data()) + parts[0].size());
    }
    if (!vote.abstaining &&
        abstaining.Match(input, 0, sentence.size(), RE2::UNANCHORED, parts.data(), 2)) {
      std::string_view named(parts[1].data(), parts[1].size());
      if (std::optional<int> value = CountValue(named)) {
        vote.abstaining = value;
      } else {
        vote.abstaining = StatesIn(named, adoption, VotePosition::kAbstaining);
      }
      if (vote.abstaining) {
        span(parts[0], static_cast<size_t>(parts[0].data() - sentence.data()) + parts[0].size());
      }
    }
    re2::StringPiece match;
    if (vote.in_favour) {
      vote.method = VoteMethod::kRecorded;
      // "by 14 votes in favour, with the United States abstaining": a vote
      // figure the release leaves out is none.
      if (!vote.against && vote.abstaining) vote.against = 0;
      if (!vote.abstaining && vote.against) vote.abstaining = 0;
    } else if (without_vote.Match(input, 0, sentence.size(), RE2::UNANCHORED, &match, 1)) {
      vote.method = VoteMethod::kWithoutVote;
      span(match, static_cast<size_t>(match.data() - sentence.data()) + match.size());
    } else if (consensus.Match(input, 0, sentence.size(), RE2::UNANCHORED, &match, 1)) {
      vote.method = VoteMethod::kConsensus;
      span(match, static_cast<size_t>(match.data() - sentence.data()) + match.size());
    } else if (unanimous.Match(input, 0, sentence.size(), RE2::UNANCHORED, &match, 1)) {
      vote.method = VoteMethod::kUnanimous;
      span(match, static_cast<size_t>(match.data() - sentence.data()) + match.size());
    } else if (show_of_hands.Match(input, 0, sentence.size(), RE2::UNANCHORED, &match, 1)) {
      vote.method = VoteMethod::kShowOfHands;
      span(match, static_cast<size_t>(match.data() - sentence.data()) + match.size());
    } else {
      adoption->vote.member_states.clear();
      return false;
    }
    // "by a recorded vote of ...": the words that say what kind of vote it was.
    static const RE2 opening(
        R"((?i)((?:\bby\s+(?:a\s+)?|\bin\s+a\s+)?(?:recorded|roll-call)\s+vote\s+of\s*)$)");
    const std::string_view head = sentence.substr(0, first);
    if (RE2::PartialMatch(head, opening, &match)) {
      first = static_cast<size_t>(match.data() - sentence.data());
    }
    vote.as_written = CollapseWhitespace(sentence.substr(first, last - first));
    return true;
  }

  // "Subsequently, the delegation of X advised that it had intended to vote in favour".
  bool ReadCorrection(std::string_view sentence) {
    // Most sentences are not corrections: the pattern is costly.
    if (sentence.find("ubsequently") == std::string_view::npos &&
        sentence.find("UBSEQUENTLY") == std::string_view::npos) {
      return false;
    }
    static const RE2 correction(
        R"((?i)\bsubsequently\b.{0,40}?\b(?:delegations?|representatives?)\s+of\s+(.{2,200}?)\s+)"
        R"((?:advised|informed|said|indicated|stated|notified)\b.{0,80}?\b(?:had\s+)?)"
        R"((not\s+)?intended\s+to\s+(vote\s+in\s+favou?r|vote\s+against|vote\s+yes|vote\s+no|)"
        R"(abstain|participate))",
        RoomyRegexOptions());
    std::string names, negated, intent;
    if (!RE2::PartialMatch(sentence, correction, &names, &negated, &intent)) return false;
    if (last_ == std::nullopt) return true;
    const std::string lower = AsciiLower(intent);
    VotePosition intended = VotePosition::kUnspecified;
    if (negated.empty()) {
      if (lower.find("favo") != std::string::npos || lower == "vote yes") {
        intended = VotePosition::kInFavour;
      } else if (lower == "vote against" || lower == "vote no") {
        intended = VotePosition::kAgainst;
      } else if (lower == "abstain") {
        intended = VotePosition::kAbstaining;
      }
    }
    ReportedAdoption& adoption = adoptions_[*last_];
    for (const std::string& item : ListItems(names)) {
      for (MemberState& state : SplitAtAnd(item, states_)) {
        adoption.corrections.push_back(
            {std::move(state), intended, CollapseWhitespace(TrimSpace(sentence))});
      }
    }
    return true;
  }

  void ReadSentence(std::string_view sentence, std::string_view paragraph, size_t index) {
    static const RE2 adopting(
        R"((?i)\b(adopt(?:ed|s|ing)?|pass(?:ed|es)?|approv(?:ed|es|ing)|retain(?:ed|ing)?|)"
        R"(reject(?:ed|s|ing)?|delet(?:ed|es|ing)|defeated|vetoed|failed\s+to\s+adopt|not\s+adopted)\b)");
    static const RE2 failed(
        R"((?i)^(?:reject|delet|defeated|vetoed|failed|not\s+adopted))");
    static const RE2 amendment(R"((?i)\bamendments?\b)");
    static const RE2 paragraph_part(
        R"((?i)\b((?:(?:preambular|operative)\s+)?paragraphs?\s+\d+(?:\s*\([a-z]\))?(?:\s+(?:and|to)\s+\d+)?))");
    static const RE2 draft(
        R"(\b((?:A|S|E)/(?:[A-Z0-9.-]+/)*L\.\d+(?:/(?:Rev|Add|Corr)\.\d+)*)\b)");
    static const RE2 council_draft(
        R"((?i)\bdraft(?:\s+resolution)?\s+(?:\(?(?:contained\s+in\s+)?(?:document\s+)?)(S/\d{4}/\d+(?:/Rev\.\d+)?))");
    static const RE2 past_adoption(R"((?i)^\s*(?:on|in)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4}\b)");
    if (ReadCorrection(sentence)) return;
    std::array<re2::StringPiece, 2> verb;
    const re2::StringPiece input(sentence);
    const bool has_verb =
        adopting.Match(input, 0, sentence.size(), RE2::UNANCHORED, verb.data(), 2);
    ReportedAdoption adoption;
    const bool has_vote = ReadVote(sentence, &adoption);
    if (!has_verb && !has_vote) return;

    const size_t verb_at =
        has_verb ? static_cast<size_t>(verb[0].data() - sentence.data()) : sentence.size();
    const size_t verb_end = has_verb ? verb_at + verb[0].size() : sentence.size();
    // The resolution: the first cited after the verb, else the last before
    // it. One cited in a clause about the text ("a resolution by which it
    // recalled its resolution 33/134", "the report called for in resolution
    // 62/209") is one the text refers to, not the text.
    static const RE2 clause_about_the_text(
        R"((?i)\b(?:which|whereby|that|recall\w*|reaffirm\w*|call\w*\s+for|pursuant|)"
        R"(in\s+accordance|as\s+in)\b|;)");
    std::optional<SymbolMention> cited;
    for (SymbolMention& mention : FindResolutionCitations(sentence, organ_)) {
      if (mention.offset >= verb_at) {
        const size_t from = std::min(verb_end, mention.offset);
        if (RE2::PartialMatch(sentence.substr(from, mention.offset - from),
                              clause_about_the_text)) {
          break;
        }
        if (!cited || cited->offset < verb_at) cited = std::move(mention);
        break;
      }
      cited = std::move(mention);
    }
    // "resolution 2146 (2014), adopted on 26 February 2014": an earlier adoption.
    if (cited && cited->offset < verb_at && !has_vote &&
        RE2::PartialMatch(sentence.substr(verb_end), past_adoption)) {
      return;
    }
    std::string draft_symbol;
    if (!RE2::PartialMatch(sentence, draft, &draft_symbol)) {
      (void)RE2::PartialMatch(sentence, council_draft, &draft_symbol);
    }
    // One text, not "the 42 resolutions and decisions adopted by consensus".
    static const RE2 one_text(
        R"((?i)\b(?:a|an|the|its|this|that|one such|one)\s+(?:[\p{L}-]+\s+){0,2}?(?:draft\s+)?(?:resolution|text|measure)\b)");
    static const RE2 several_texts(R"((?i)\b(?:resolutions|texts|drafts|decisions|measures)\b)");
    const bool singular =
        RE2::PartialMatch(sentence, one_text) && !RE2::PartialMatch(sentence, several_texts);
    std::string title = QuotedTitle(sentence, paragraph);
    // "a resolution on the question of Tokelau": the topic, as a title.
    static const RE2 topic(
        R"((?i)\b(?:a|the)\s+(?:draft\s+)?(?:resolution|text)\s+(?:on|concerning|regarding)\s+)"
        R"(((?:the\s+)?[^,;.()“”"]{3,150}?)(?:,|;|\.|\(|\s+by\s+which\b|\s+which\b|\s+that\b|$))");
    if (title.empty() && singular && !cited) {
      std::string subject;
      if (RE2::PartialMatch(sentence, topic, &subject)) {
        if (AsciiLower(subject).rfind("the ", 0) == 0) subject.erase(0, 4);
        if (!subject.empty() && subject[0] >= 'a' && subject[0] <= 'z') {
          subject[0] = static_cast<char>(subject[0] - 'a' + 'A');
        }
        title = CollapseWhitespace(subject);
      }
    }
    if (cited) adoption.resolution_symbol = cited->canonical;
    adoption.draft_symbol = draft_symbol;
    adoption.title = std::move(title);

    std::string part;
    if (RE2::PartialMatch(sentence, amendment)) {
      adoption.subject = VoteSubject::kAmendment;
      adoption.part = draft_symbol.empty() ? "amendment" : absl::StrCat("amendment ", draft_symbol);
      adoption.draft_symbol.clear();
    } else if (RE2::PartialMatch(sentence, paragraph_part, &part)) {
      adoption.subject = VoteSubject::kParagraph;
      adoption.part = CollapseWhitespace(part);
    }
    if (has_verb) {
      adoption.adopted = !RE2::PartialMatch(std::string_view(verb[1].data(), verb[1].size()), failed);
    }
    // A Main Committee approves drafts it recommends to the plenary: its
    // vote is not the adoption, and a resolution the sentence cites is one
    // the draft refers to ("would have the Assembly recall its resolution
    // 53/196"), not the text voted on.
    static const RE2 committee_approval(
        R"((?i)\bapprov(?:ed|es|ing)\b)");
    static const RE2 committee_context(
        R"((?i)\b(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Main)\s+)?Committee\s+)"
        R"((?:(?:this\s+(?:morning|afternoon|evening)|today|then|also)\s+)?approv|)"
        R"(\bwould\s+(?:also\s+)?have\s+the\s+(?:General\s+)?Assembly\b)");
    if (has_verb && adoption.subject == VoteSubject::kWholeText &&
        RE2::PartialMatch(std::string_view(verb[1].data(), verb[1].size()), committee_approval) &&
        (RE2::PartialMatch(sentence, committee_context) ||
         RE2::PartialMatch(paragraph, committee_context))) {
      adoption.subject = VoteSubject::kCommitteeDraft;
      adoption.resolution_symbol.clear();
    }
    // A vote on an amendment is named by the amendment.
    const bool named = !adoption.resolution_symbol.empty() || !adoption.title.empty() ||
                       !adoption.draft_symbol.empty() ||
                       (adoption.subject == VoteSubject::kAmendment && adoption.part != "amendment");
    if (!named) {
      if (!has_vote) {
        // "The United States vetoed a draft resolution that would have ...":
        // a text the release names no further, whose figures may follow.
        if (has_verb && adoption.subject == VoteSubject::kWholeText && singular) {
          awaiting_figures_ = std::move(adoption);
          awaiting_paragraph_ = index;
        }
        return;
      }
      if (!has_verb && awaiting_figures_ && index <= awaiting_paragraph_ + 1) {
        awaiting_figures_->vote = std::move(adoption.vote);
        Add(*std::move(awaiting_figures_), index);
        awaiting_figures_.reset();
        return;
      }
      if (has_verb &&
          (adoption.subject == VoteSubject::kWholeText ||
           adoption.subject == VoteSubject::kCommitteeDraft) &&
          singular &&
          !(last_ && index <= last_paragraph_ + 1 && adoptions_[*last_].vote.empty())) {
        // "Adopting an Arab-backed resolution by a recorded vote of ...": the
        // vote is reported though the release names no symbol or title.
        Add(std::move(adoption), index);
        return;
      }
      // "The draft resolution received 14 votes in favour, ...": for the
      // adoption reported next, after a roll-call.
      if (pending_ && index <= pending_paragraph_ + 4) {
        if (pending_->vote.empty() || (!pending_->vote.in_favour && adoption.vote.in_favour)) {
          TakeFigures(pending_->vote, std::move(adoption.vote));
        } else {
          MergeStates(pending_->vote.member_states, std::move(adoption.vote.member_states));
        }
        return;
      }
      const bool near = last_ && index <= last_paragraph_ + 1;
      if (near && adoption.subject != VoteSubject::kWholeText) {
        // A separate vote on a part of the text reported just before.
        const ReportedAdoption& previous = adoptions_[*last_];
        adoption.resolution_symbol = previous.resolution_symbol;
        adoption.title = previous.title;
        adoption.draft_symbol = previous.draft_symbol;
        Add(std::move(adoption), index);
        return;
      }
      if (near && adoptions_[*last_].vote.empty()) {
        // A vote on "the text", "the measure": the adoption reported just before.
        ReportedAdoption& previous = adoptions_[*last_];
        TakeFigures(previous.vote, std::move(adoption.vote));
        last_paragraph_ = index;
        return;
      }
      // Figures with no text named yet: for the adoption named next.
      if (!near && adoption.subject == VoteSubject::kWholeText && adoption.vote.in_favour) {
        pending_ = std::move(adoption);
        pending_paragraph_ = index;
      }
      return;
    }
    if (!has_vote && !cited && adoption.title.empty() && adoption.draft_symbol.empty()) return;
    Add(std::move(adoption), index);
  }

  // The title a sentence gives in quotation marks after "titled",
  // "entitled", "the resolution" or "the text"; a title left open runs to the
  // end of the paragraph.
  static std::string QuotedTitle(std::string_view sentence, std::string_view paragraph) {
    static const RE2 cue(
        R"((?i)\b(?:titled|entitled|resolutions?|texts?|drafts?|draft\s+resolution|on)\s*$)");
    for (size_t at = sentence.find(kOpenQuote); at != std::string_view::npos;
         at = sentence.find(kOpenQuote, at + 1)) {
      if (!RE2::PartialMatch(sentence.substr(0, at), cue)) continue;
      const size_t begin = at + kOpenQuote.size();
      const size_t in_paragraph = static_cast<size_t>(sentence.data() - paragraph.data()) + begin;
      size_t end = paragraph.find(kCloseQuote, in_paragraph);
      if (end == std::string_view::npos) end = paragraph.size();
      std::string title = CollapseWhitespace(paragraph.substr(in_paragraph, end - in_paragraph));
      while (!title.empty() && (title.back() == '.' || title.back() == ',')) title.pop_back();
      if (!title.empty()) return title;
    }
    return "";
  }

  // Adds `adoption`, or merges it into the one already reported for the same
  // text and part.
  void Add(ReportedAdoption adoption, size_t index) {
    if (pending_ && index <= pending_paragraph_ + 4 && adoption.subject == VoteSubject::kWholeText) {
      if (adoption.vote.empty()) {
        TakeFigures(adoption.vote, std::move(pending_->vote));
      } else {
        MergeStates(adoption.vote.member_states, std::move(pending_->vote.member_states));
      }
      pending_.reset();
    }
    auto same = [&](const ReportedAdoption& other) {
      if (other.subject != adoption.subject || other.part != adoption.part) return false;
      if (!adoption.resolution_symbol.empty() && other.resolution_symbol == adoption.resolution_symbol)
        return true;
      if (!adoption.title.empty() && other.title == adoption.title) return true;
      return !adoption.draft_symbol.empty() && other.draft_symbol == adoption.draft_symbol;
    };
    const auto it = std::find_if(adoptions_.begin(), adoptions_.end(), same);
    if (it != adoptions_.end()) {
      if (it->resolution_symbol.empty()) it->resolution_symbol = adoption.resolution_symbol;
      if (it->title.empty()) it->title = adoption.title;
      if (it->draft_symbol.empty()) it->draft_symbol = adoption.draft_symbol;
      if (it->vote.empty()) {
        TakeFigures(it->vote, std::move(adoption.vote));
      } else {
        MergeStates(it->vote.member_states, std::move(adoption.vote.member_states));
      }
      last_ = static_cast<size_t>(it - adoptions_.begin());
    } else {
      if (adoptions_.size() >= limits_.max_adoptions) return;
      adoptions_.push_back(std::move(adoption));
      last_ = adoptions_.size() - 1;
    }
    last_paragraph_ = index;
  }

  Organ organ_;
  const MemberStates& states_;
  std::vector<std::string>* warnings_;
  const ReportedVoteLimits& limits_;
  std::vector<ReportedAdoption> adoptions_;
  std::optional<size_t> last_;  // the adoption reported last
  size_t last_paragraph_ = 0;
  // A vote or roll-call read before the adoption it belongs to is named.
  std::optional<ReportedAdoption> pending_;
  size_t pending_paragraph_ = 0;
  // An adoption (or rejection) of a text named no further, reported
  // without figures: the next paragraph's figures are its vote.
  std::optional<ReportedAdoption> awaiting_figures_;
  size_t awaiting_paragraph_ = 0;
  std::optional<VotePosition> list_heading_;  // "In favour:" awaiting its list
  std::optional<size_t> roll_call_paragraph_;
};

#undef PLENARY_COUNT

}  // namespace

std::vector<ReportedAdoption> FindReportedAdoptions(const std::vector<std::string>& paragraphs,
                                                    Organ organ, const MemberStates& states,
                                                    std::vector<std::string>* warnings,
                                                    const ReportedVoteLimits& limits) {
  VoteReader reader(organ, states, warnings, limits);
  const size_t count = std::min(paragraphs.size(), limits.max_paragraphs);
  for (size_t i = 0; i < count; ++i) reader.ReadParagraph(paragraphs[i], i);
  return reader.Take();
}

std::string VoteSummary(const Vote& vote) {
  switch (vote.method) {
    case VoteMethod::kRecorded:
      if (vote.in_favour && vote.against && vote.abstaining) {
        return absl::StrCat(*vote.in_favour, "-", *vote.against, "-", *vote.abstaining);
      }
      return "";
    case VoteMethod::kUnanimous:
      return "unanimous";
    case VoteMethod::kWithoutVote:
      return "without vote";
    case VoteMethod::kConsensus:
      return "consensus";
    case VoteMethod::kShowOfHands:
    case VoteMethod::kUnspecified:
      return "";
  }
  return "";
}

}  // namespace plenary::parsing
