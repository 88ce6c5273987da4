#include "parsing/places.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.h"
#include "model/symbol.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

// Cities where the UN meets, works and is reported from.
constexpr auto kCities = std::to_array<std::string_view>({
    "Abidjan", "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Amman", "Ankara", "Baghdad",
    "Bamako", "Bangkok", "Beijing", "Beirut", "Berlin", "Bogotá", "Bonn", "Brasília",
    "Brussels", "Buenos Aires", "Cairo", "Copenhagen", "Dakar", "Damascus", "Dhaka", "Doha",
    "Dubai", "Geneva", "Goma", "Havana", "Islamabad", "Istanbul", "Jakarta", "Jerusalem",
    "Johannesburg", "Juba", "Kabul", "Kathmandu", "Khartoum", "Kinshasa", "Kyiv", "Lima",
    "London", "Madrid", "Manila", "Mexico City", "Mogadishu", "Montreal", "Moscow", "Nairobi",
    "New Delhi", "New York", "Paris", "Port-au-Prince", "Pretoria", "Rio de Janeiro", "Riyadh",
    "Rome", "Santiago", "Seoul", "Tehran", "The Hague", "Tokyo", "Tripoli", "Vienna",
    "Washington",
});

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

// `text` with well-known resolution names blanked out, offsets unchanged.
std::string WithoutResolutionNames(std::string_view text) {
  std::string masked(text);
  for (const SymbolMention& mention : FindNameMentions(text)) {
    std::fill_n(masked.begin() + static_cast<std::ptrdiff_t>(mention.offset),
                mention.as_written.size(), ' ');
  }
  return masked;
}

}  // namespace

std::vector<std::string> FindPlaces(std::string_view text) {
  const std::string searched = WithoutResolutionNames(text);
  std::vector<std::pair<size_t, std::string_view>> found;
  for (std::string_view city : kCities) {
    for (size_t at = searched.find(city); at != std::string::npos;
         at = searched.find(city, at + 1)) {
      const size_t end = at + city.size();
      if ((at > 0 && IsWordByte(searched[at - 1])) ||
          (end < searched.size() && IsWordByte(searched[end]))) {
        continue;
      }
      // "the Paris Agreement", "the Vienna Convention": a name, not a place.
      static const RE2 instrument(
          R"((?i)^ (?:Agreement|Accords?|Conventions?|Statute|Declaration|Protocol|Principles|Club|)"
          R"(Process|Programme|Plan|Consensus|Document|Framework|Call|Commitment|Rules)\b)");
      if (RE2::PartialMatch(std::string_view(searched).substr(end, 40), instrument)) continue;
      found.emplace_back(at, city);
      break;
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> places;
  for (const auto& [offset, city] : found) places.emplace_back(city);
  return places;
}

std::optional<std::string> KnownPlace(std::string_view name) {
  const std::string key = AsciiLower(CollapseWhitespace(name));
  for (std::string_view city : kCities) {
    if (AsciiLower(city) == key) return std::string(city);
  }
  return std::nullopt;
}

}  // namespace plenary::parsing

namespace plenary::parsing {
namespace {

// Territories and regions the UN reports from that are no ISO 3166 country,
// or that texts name by a part of one; French forms where releases in French
// use them.
constexpr auto kTerritories = std::to_array<std::string_view>({
    "Abyei", "Aleppo", "Crimea", "Darfur", "Donbas", "East Jerusalem", "Gaza", "Gaza Strip",
    "Golan Heights", "Kosovo", "Nagorno-Karabakh", "Sevastopol", "West Bank", "Western Sahara",
    "Sahara occidental", "Cisjordanie", "Tigray",
});

// Words after which a country is where something happens or what a text is
// about.
bool IsLocativeWord(std::string_view word) {
  static constexpr auto kWords = std::to_array<std::string_view>({
      "in", "to", "from", "into", "across", "throughout", "within", "at", "including", "towards",
      "inside", "over", "against", "on", "for", "of", "about", "regarding", "concerning",
      // French releases
      "en", "au", "aux", "dans", "pour", "du", "de", "vers", "sur"});
  const std::string lower = AsciiLower(word);
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Words before "of" that make the country a delegation, not a place.
bool IsDelegationWord(std::string_view word) {
  static constexpr auto kWords = std::to_array<std::string_view>({
      "representative", "representatives", "delegate", "delegates", "delegation",
      "delegations", "minister", "ambassador", "observer", "president", "prime", "behalf",
      "member", "members", "mission", "permanent", "affairs", "government", "role", "position",
      "decision", "embassy"});
  const std::string lower = AsciiLower(word);
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Words that qualify a country between the preposition and its name.
bool IsQualifier(std::string_view word) {
  static constexpr auto kWords = std::to_array<std::string_view>({
      "the", "autonomous", "occupied", "besieged", "northern", "southern", "eastern", "western",
      "neighbouring", "le", "la", "les", "l", "city", "port"});
  const std::string lower = AsciiLower(word);
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Nouns a country names the subject of ("the South Sudan crisis", "Haiti's
// development"), as opposed to its delegation or government acting.
bool IsActorNoun(std::string_view word) {
  static constexpr auto kWords = std::to_array<std::string_view>({
      "delegate", "delegates", "delegation", "representative", "representatives", "government",
      "minister", "ambassador", "president", "prime", "foreign", "permanent", "mission",
      "authorities", "position", "vote", "statement", "said", "says", "and", "or", "was", "is",
      "has", "had", "would", "will", "voted", "opposed", "supported", "abstained"});
  const std::string lower = AsciiLower(word);
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool IsWordChar(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80) ||
         c == '-';
}

// The word ending at or before `end` (spaces skipped) and where it starts.
std::string_view WordBefore(std::string_view text, size_t end, size_t* start) {
  while (end > 0 && text[end - 1] == ' ') --end;
  size_t begin = end;
  while (begin > 0 && IsWordChar(text[begin - 1])) --begin;
  *start = begin;
  return text.substr(begin, end - begin);
}

struct Mention {
  size_t begin = 0;
  size_t end = 0;
  std::string_view name;
};

}  // namespace

std::vector<std::string> FindCountryPlaces(std::string_view text, const MemberStates& states) {
  // Each of the table's names is searched for: only the opening of a long
  // text, where what it is about is said, keeps that linear and quick.
  constexpr size_t kMaxSearchedBytes = 32 << 10;
  const std::string searched = WithoutResolutionNames(text.substr(0, kMaxSearchedBytes));
  std::vector<Mention> mentions;
  // Headlines in capitals name places in capitals too.
  const std::string upper_name_text = [&] {
    std::string upper;
    for (std::string_view line : SplitLines(searched)) {
      bool lower = false;
      for (char c : line) lower = lower || (c >= 'a' && c <= 'z');
      upper.append(lower ? std::string(line.size(), ' ') : std::string(line));
      upper.push_back('\n');
    }
    return upper;
  }();
  auto find_in = [&](const std::string& haystack, const std::string& needle, std::string_view name) {
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1)) {
      const size_t end = at + needle.size();
      // A curly apostrophe ends a word: "Haiti’s".
      const bool apostrophe = haystack.compare(end, 3, "\u2019") == 0;
      if ((at > 0 && IsWordByte(haystack[at - 1])) ||
          (end < haystack.size() && IsWordByte(haystack[end]) && !apostrophe)) {
        continue;
      }
      mentions.push_back({at, end, name});
    }
  };
  auto find_all = [&](std::string_view name) {
    if (name.size() < 4) return;
    find_in(searched, std::string(name), name);
    std::string upper(name);
    for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    find_in(upper_name_text, upper, name);
  };
  for (const auto& [form, state] : states.Forms()) find_all(form);
  for (std::string_view territory : kTerritories) find_all(territory);
  // The longest name at each place: "South Sudan", not "Sudan".
  std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Mention> kept;
  for (const Mention& mention : mentions) {
    if (!kept.empty() && mention.begin < kept.back().end) continue;
    kept.push_back(mention);
  }

  std::vector<std::string> places;
  std::optional<size_t> run_end = std::nullopt;  // end of the last place, for lists going on
  for (const Mention& mention : kept) {
    bool place = false;
    // The word before the name, past spaces and an opening parenthesis.
    size_t word_end = mention.begin;
    while (word_end > 0 && (searched[word_end - 1] == ' ' || searched[word_end - 1] == '(')) {
      --word_end;
    }
    size_t word_start = 0;
    std::string_view before = WordBefore(searched, word_end, &word_start);
    const std::string_view gap = TrimSpace(
        std::string_view(searched).substr(word_end, mention.begin - word_end));
    // A list that goes on from a place: "..., Mali and South Sudan".
    if (run_end && mention.begin >= *run_end && mention.begin - *run_end <= 6) {
      const std::string_view between = TrimSpace(
          std::string_view(searched).substr(*run_end, mention.begin - *run_end));
      place = between == "," || between == "and" || between == ", and";
    }
    while (!place && gap.empty() && IsQualifier(before) && word_start > 0) {
      before = WordBefore(searched, word_start, &word_start);
    }
    if (!place && gap.empty() && IsLocativeWord(before)) {
      size_t of_start = 0;
      const std::string lower_owner = AsciiLower(WordBefore(searched, word_start, &of_start));
      const std::string lower_before = AsciiLower(before);
      // "the representative of Qatar", "called on Israel": actors, not places.
      place = !(lower_before == "of" && IsDelegationWord(lower_owner)) &&
              !(lower_before == "on" && lower_owner.rfind("call", 0) == 0);
    }
    if (!place && gap == "(") {
      // "(Burundi and Guinea-Bissau)" after a common noun, not "Mr. Ibrahim
      // (Malaysia)" nor "2 against (Australia, ...)".
      const bool counted = RE2::PartialMatch(
          std::string_view(searched).substr(0, mention.begin),
          R"((?i)(?:against|abstentions?|abstaining|favou?r|\d)\s*\(\s*$)");
      place = !before.empty() && !counted && std::islower(static_cast<unsigned char>(before[0]));
    }
    if (!place) {
      // "Haiti's development", "the South Sudan crisis".
      std::string_view after = std::string_view(searched).substr(mention.end);
      if (after.substr(0, 4) == "\u2019s" || after.substr(0, 2) == "'s") {
        after.remove_prefix(after.substr(0, 1) == "'" ? 2 : 4);
      }
      static const RE2 next_word(R"(^ ([\p{L}-]+))");
      std::string word;
      if (RE2::PartialMatch(after, next_word, &word) && !IsActorNoun(word) &&
          (std::string_view(searched).substr(mention.end, 1) != " " ||
           std::islower(static_cast<unsigned char>(word[0])) == 0)) {
        // Possessive: any noun but an actor's; a bare name: a capitalized
        // noun as in headlines ("South Sudan Crisis").
        const bool possessive = std::string_view(searched).substr(mention.end, 1) != " ";
        static const RE2 headline_noun(
            R"((?i)crisis|situation|conflict|peace|question|development|elections?|sanctions|)"
            R"(mission|process|plan|region|border|refugees|people|economy|recovery|reconstruction)");
        place = possessive ? std::islower(static_cast<unsigned char>(word[0])) != 0 ||
                                 RE2::FullMatch(word, headline_noun)
                           : RE2::FullMatch(word, headline_noun);
      }
    }
    if (!place) {
      run_end.reset();
      continue;
    }
    run_end = mention.end;
    std::string name(mention.name);
    if (std::find(places.begin(), places.end(), name) == places.end()) {
      places.push_back(std::move(name));
    }
  }
  return places;
}

}  // namespace plenary::parsing
