#include "parsing/people.h"

#include <array>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "parsing/regex_options.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

// Longer roles first: RE2 alternation prefers the earlier alternative.
constexpr std::string_view kRoles =
    "(?:Deputy Secretary-General|Under-Secretary-General|Assistant Secretary-General|"
    "Secretary-General|President of the General Assembly|General Assembly President|"
    "President of the Security Council|High Commissioner for Human Rights|"
    "High Commissioner for Refugees|High Commissioner|Special Envoy|Special Representative|"
    "Special Rapporteur|Special Adviser|Executive Director|Executive Secretary|"
    "Director-General|Administrator|Vice-President|Vice President|President|Prime Minister|"
    "Foreign Minister|Minister for Foreign Affairs|Minister|Ambassador|Chancellor|King|Queen)";

// A capitalized name of one to four words, kept on one line; particles such
// as "de" or "bin" may join its words.
constexpr std::string_view kName =
    R"((\p{Lu}\p{L}*(?:['’]\p{Lu}\p{L}*)?(?:[-\x{2011}]\p{L}+)*)"
    R"((?:[ \t]+(?:(?:de|da|dos|das|di|del|van|von|der|den|bin|ibn|al|el|la|le)[ \t]+)?)"
    R"(\p{Lu}\p{L}*(?:['’]\p{Lu}\p{L}*)?(?:[-\x{2011}]\p{L}+)*){0,3}))";

// Capitalized words that follow a role without being part of a name.
constexpr auto kNotNames = std::to_array<std::string_view>({
    "Today",     "Yesterday", "Tomorrow", "Monday",   "Tuesday",  "Wednesday", "Thursday",
    "Friday",    "Saturday",  "Sunday",   "January",  "February", "March",     "April",
    "May",       "June",      "July",     "August",   "September", "October",  "November",
    "December",  "Message",   "Statement", "The",     "In",       "On",        "At",
    "For",       "And",       "But",      "This",     "UN",       "During",    "After",
    "Before",    "Also",      "Meanwhile", "Remarks", "Said",
});

bool IsNotName(std::string_view word) {
  for (std::string_view stop : kNotNames) {
    if (word == stop) return true;
  }
  return false;
}

// The name cut before the first word that cannot belong to it.
std::string TrimName(std::string_view name) {
  std::vector<std::string> words;
  for (absl::string_view word : absl::StrSplit(absl::string_view(name.data(), name.size()),
                                               absl::ByAnyChar(" \t"), absl::SkipEmpty())) {
    if (IsNotName(std::string_view(word.data(), word.size()))) break;
    words.emplace_back(word);
  }
  return absl::StrJoin(words, " ");
}

const RE2& PersonPattern() {
  static const RE2 pattern(std::string(R"((?:\b(?:UN|United Nations)\s+)?\b()") +
                               std::string(kRoles) + ")[ \\t]+" + std::string(kName),
                           RoomyRegexOptions());
  return pattern;
}

}  // namespace

std::string_view RolePattern() { return kRoles; }

std::string CanonicalRole(std::string_view role) {
  if (role == "General Assembly President") return "President of the General Assembly";
  return std::string(role);
}

std::vector<Person> FindPeople(std::string_view text) {
  std::vector<Person> people;
  const re2::StringPiece input(text);
  std::array<re2::StringPiece, 3> parts;
  size_t position = 0;
  while (position < text.size() &&
         PersonPattern().Match(input, position, text.size(), RE2::UNANCHORED, parts.data(),
                               static_cast<int>(parts.size()))) {
    const size_t begin = static_cast<size_t>(parts[0].data() - text.data());
    position = begin + parts[0].size();
    std::string name = TrimName(std::string_view(parts[2].data(), parts[2].size()));
    if (name.empty()) continue;
    people.push_back(
        {std::move(name), CanonicalRole(std::string_view(parts[1].data(), parts[1].size())), begin});
  }
  return people;
}

std::optional<Person> BylinePerson(std::string_view line) {
  static const RE2 rest(R"(\s*(?:[(,].*)?)");
  std::array<re2::StringPiece, 3> parts;
  const re2::StringPiece input(line);
  if (!PersonPattern().Match(input, 0, line.size(), RE2::ANCHOR_START, parts.data(),
                             static_cast<int>(parts.size()))) {
    return std::nullopt;
  }
  std::string name = TrimName(std::string_view(parts[2].data(), parts[2].size()));
  const size_t name_end = static_cast<size_t>(parts[2].data() - line.data()) + parts[2].size();
  // A name cut short by TrimName leaves words the byline must not have.
  if (name.empty() || name.size() != parts[2].size() ||
      !RE2::FullMatch(line.substr(name_end), rest)) {
    return std::nullopt;
  }
  return Person{std::move(name), CanonicalRole(std::string_view(parts[1].data(), parts[1].size())),
                0};
}

}  // namespace plenary::parsing
