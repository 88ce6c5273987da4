#include "services/registry/web_search.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status.h"

namespace plenary::registry {
namespace {

// Latin-1 Supplement and Latin Extended-A (U+00C0 to U+017F) without their
// accents, one letter each; '?' marks the few that fold to something else.
constexpr std::string_view kLatinFold =
    "aaaaaa?ceeeeiiiidnooooo?ouuuuy??aaaaaa?ceeeeiiiidnooooo?ouuuuy?y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllll??"
    "llnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

std::string_view FoldedSpecial(char32_t c) {
  switch (c) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    case 0x13F: case 0x140: return "l";
    case 0x152: case 0x153: return "oe";
    default: return "";  // × and ÷: separators
  }
}

// Decodes the UTF-8 sequence at text[*i] and advances past it; invalid
// bytes decode as themselves.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(*i);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                 : (lead >> 3) == 0x1E ? 4 : 1;
  if (*i + length > text.size()) length = 1;
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) c = (c << 6) | (byte(*i + k) & 0x3F);
  *i += length;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Letters and digits of other scripts are word characters too; general
// punctuation and symbols (U+2000 to U+2BFF: dashes, quotes, bullets) are not.
bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return absl::ascii_isalnum(static_cast<unsigned char>(c));
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  return !(c >= 0x2000 && c <= 0x2BFF) && c != 0x3000;
}

// The term's text as PostgreSQL should read it: its words, and the '-',
// '/', '.' and '_' that join two of them ("South-South" and "A/RES/64/222"
// stay whole, as PostgreSQL indexes them); anything else, which
// websearch_to_tsquery might read as an operator or a space, becomes a space.
std::string ForPostgresText(std::string_view text) {
  std::vector<char32_t> code_points;
  for (size_t i = 0; i < text.size();) code_points.push_back(NextCodePoint(text, &i));
  std::string clean;
  for (size_t k = 0; k < code_points.size(); ++k) {
    const char32_t c = code_points[k];
    const bool joiner = (c == '-' || c == '/' || c == '.' || c == '_') && k > 0 &&
                        k + 1 < code_points.size() && IsWordCodePoint(code_points[k - 1]) &&
                        IsWordCodePoint(code_points[k + 1]);
    if (IsWordCodePoint(c) || joiner) {
      AppendUtf8(c, &clean);
    } else {
      clean.push_back(' ');
    }
  }
  return clean;
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const char32_t c = NextCodePoint(text, &i);
    if (!IsWordCodePoint(c)) {
      end_word();
    } else if (c < 0x80) {
      word.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else if (c >= 0xC0 && c < 0x180) {
      const char folded = kLatinFold[c - 0xC0];
      if (folded != '?') {
        word.push_back(folded);
      } else if (const std::string_view special = FoldedSpecial(c); !special.empty()) {
        word += special;
      } else {
        end_word();
      }
    } else {
      AppendUtf8(c, &word);
    }
  }
  end_word();
  return words;
}

absl::StatusOr<WebSearchQuery> WebSearchQuery::Parse(std::string_view query,
                                                     absl::string_view field) {
  WebSearchQuery parsed;
  int terms = 0;
  bool or_pending = false;
  size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    // A term: [-]word or [-]"phrase"; runs of '-' count as one.
    bool negated = false;
    while (i < query.size() && query[i] == '-') {
      negated = true;
      ++i;
    }
    std::string_view text;
    const bool phrase = i < query.size() && query[i] == '"';
    if (phrase) {
      const size_t close = query.find('"', i + 1);
      const size_t end = close == std::string_view::npos ? query.size() : close;
      text = query.substr(i + 1, end - i - 1);
      i = close == std::string_view::npos ? query.size() : close + 1;
    } else {
      size_t end = i;
      while (end < query.size() && !absl::ascii_isspace(static_cast<unsigned char>(query[end]))) {
        ++end;
      }
      text = query.substr(i, end - i);
      i = end;
      if (!negated && absl::EqualsIgnoreCase(absl::string_view(text.data(), text.size()), "or")) {
        or_pending = !parsed.groups_.empty();
        continue;
      }
    }
    Term term{ForPostgresText(text), SearchWords(text), negated, phrase};
    if (term.words.empty()) continue;  // punctuation only
    if (++terms > kMaxTerms) {
      return InvalidField(field, absl::StrCat("more than ", kMaxTerms,
                                              " terms: narrow the query with fewer words"));
    }
    if (or_pending) {
      parsed.groups_.back().push_back(std::move(term));
    } else {
      parsed.groups_.push_back({std::move(term)});
    }
    or_pending = false;
  }
  return parsed;
}

absl::StatusOr<WebSearchQuery> WebSearchQuery::ParseGiven(std::string_view query,
                                                          absl::string_view field) {
  absl::StatusOr<WebSearchQuery> parsed = Parse(query, field);
  if (parsed.ok() && parsed->empty()) return InvalidField(field, "holds no word to search for");
  return parsed;
}

std::string WebSearchQuery::ForPostgres() const {
  std::vector<std::string> groups;
  for (const std::vector<Term>& group : groups_) {
    std::vector<std::string> alternatives;
    for (const Term& term : group) {
      alternatives.push_back(absl::StrCat(term.negated ? "-" : "",
                                          term.phrase ? absl::StrCat("\"", term.text, "\"")
                                                      : term.text));
    }
    groups.push_back(absl::StrJoin(alternatives, " OR "));
  }
  return absl::StrJoin(groups, " ");
}

bool WebSearchQuery::Matches(const std::vector<std::string>& words) const {
  const auto holds = [&words](const Term& term) {
    const bool found =
        std::search(words.begin(), words.end(), term.words.begin(), term.words.end()) !=
        words.end();
    return found != term.negated;
  };
  return std::all_of(groups_.begin(), groups_.end(), [&](const std::vector<Term>& group) {
    return std::any_of(group.begin(), group.end(), holds);
  });
}

}  // namespace plenary::registry
