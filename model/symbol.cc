#include "model/symbol.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text.h"
#include "re2/re2.h"

namespace plenary {
namespace {

// Submatches of a symbol pattern: [0] the whole match, [1..4] its parts.
using Parts = std::array<re2::StringPiece, 5>;

std::string Str(re2::StringPiece piece) { return std::string(piece.data(), piece.size()); }

std::string Upper(re2::StringPiece piece) { return absl::AsciiStrToUpper(Str(piece)); }

// "/add.1/REV.2" -> "/Add.1/Rev.2".
std::string DocumentSuffixes(re2::StringPiece piece) {
  std::string suffixes = absl::AsciiStrToLower(Str(piece));
  for (size_t i = 0; i + 1 < suffixes.size(); ++i) {
    if (suffixes[i] == '/') {
      suffixes[i + 1] = static_cast<char>(std::toupper(static_cast<unsigned char>(suffixes[i + 1])));
    }
  }
  return suffixes;
}

// One written form of a symbol and how to spell it canonically.
struct SymbolForm {
  const RE2& pattern;
  std::function<std::string(const Parts&)> canonical;
  // A bare "64/222" is only a symbol where it is not part of a longer
  // number such as a date or a decimal.
  bool needs_free_standing = false;
};

const std::vector<SymbolForm>& SymbolForms() {
  static const RE2 security_council(R"((?i)\bS/RES/(\d{1,5})(?:\s*\(\s*((?:19|20)\d\d)\s*\))?)");
  static const RE2 security_council_in_text(
      R"(\b(?i:resolution)\s+(\d{1,5})\s*\(\s*((?:19|20)\d\d)\s*\))");
  static const RE2 assembly_roman(R"((?i)\bA/RES/(\d{1,4})\s*\(\s*((?-i:[IVXLC]{1,8}))\s*\))");
  static const RE2 assembly(R"((?i)\bA/RES/((?:E?S-)?\d{1,3})/(\d{1,4})\b)");
  static const RE2 ecosoc(R"((?i)\bE/RES/(\d{4})/(\d{1,4})\b)");
  static const RE2 decision(R"((?i)(?:\bUNEP/GC\s+)?\bdecision\s+(\d{1,4})/(\d{1,4})\b)");
  static const RE2 unep_document(
      R"((?i)\bUNEP/GC([./])(\d{1,2})/(\d{1,3})((?:/(?:Add|Rev|Corr)\.\d{1,2})*)\b)");
  static const RE2 assembly_roman_bare(R"(\b([1-9]\d{0,3})\s*\(\s*([IVXL]{1,7})\s*\))");
  static const RE2 assembly_bare(R"(\b([1-9]\d?)/([1-9]\d{0,3})\b)");
  static const std::vector<SymbolForm> forms = {
      {security_council,
       [](const Parts& p) {
         return p[2].empty() ? absl::StrCat("S/RES/", Str(p[1]))
                             : absl::StrCat("S/RES/", Str(p[1]), " (", Str(p[2]), ")");
       }},
      {security_council_in_text,
       [](const Parts& p) { return absl::StrCat("S/RES/", Str(p[1]), " (", Str(p[2]), ")"); }},
      {assembly_roman,
       [](const Parts& p) { return absl::StrCat("A/RES/", Str(p[1]), "(", Str(p[2]), ")"); }},
      {assembly,
       [](const Parts& p) { return absl::StrCat("A/RES/", Upper(p[1]), "/", Str(p[2])); }},
      {ecosoc, [](const Parts& p) { return absl::StrCat("E/RES/", Str(p[1]), "/", Str(p[2])); }},
      {decision,
       [](const Parts& p) { return absl::StrCat("Decision ", Str(p[1]), "/", Str(p[2])); }},
      {unep_document,
       [](const Parts& p) {
         return absl::StrCat("UNEP/GC", Str(p[1]), Str(p[2]), "/", Str(p[3]),
                             DocumentSuffixes(p[4]));
       }},
      {assembly_roman_bare,
       [](const Parts& p) { return absl::StrCat("A/RES/", Str(p[1]), "(", Str(p[2]), ")"); }},
      {assembly_bare,
       [](const Parts& p) { return absl::StrCat("A/RES/", Str(p[1]), "/", Str(p[2])); },
       /*needs_free_standing=*/true},
  };
  return forms;
}

bool IsFreeStanding(std::string_view text, size_t begin, size_t end) {
  auto joins = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '-';
  };
  if (begin > 0 && joins(text[begin - 1])) return false;
  if (end < text.size() && (text[end] == '/' || text[end] == '-' ||
                            (text[end] == '.' && end + 1 < text.size() &&
                             std::isdigit(static_cast<unsigned char>(text[end + 1]))))) {
    return false;
  }
  return true;
}

// Keeps, of overlapping mentions, the one that starts first and then the
// longest, so "A/RES/64/222" is not also read as "64/222".
std::vector<SymbolMention> WithoutOverlaps(std::vector<SymbolMention> mentions) {
  std::sort(mentions.begin(), mentions.end(), [](const SymbolMention& a, const SymbolMention& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    return a.as_written.size() > b.as_written.size();
  });
  std::vector<SymbolMention> kept;
  size_t covered_until = 0;
  for (SymbolMention& mention : mentions) {
    if (!kept.empty() && mention.offset < covered_until) continue;
    covered_until = mention.offset + mention.as_written.size();
    kept.push_back(std::move(mention));
  }
  return kept;
}

std::vector<std::string> DistinctCanonical(const std::vector<SymbolMention>& mentions) {
  std::vector<std::string> symbols;
  for (const SymbolMention& mention : mentions) {
    if (std::find(symbols.begin(), symbols.end(), mention.canonical) == symbols.end()) {
      symbols.push_back(mention.canonical);
    }
  }
  return symbols;
}

struct WellKnownName {
  std::string_view name;
  std::string_view symbol;
};

// Names by which resolutions are commonly cited instead of by symbol.
constexpr auto kWellKnownNames = std::to_array<WellKnownName>({
    {"Nairobi outcome document", "A/RES/64/222"},
    {"Buenos Aires Plan of Action", "A/RES/33/134"},
    {"Buenos Aires Plan", "A/RES/33/134"},
    {"Bali Strategic Plan", "UNEP/GC.23/6/Add.1"},
    {"The future we want", "A/RES/66/288"},
});

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string SymbolKey(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) continue;
    key.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

std::optional<std::string> CanonicalSymbol(std::string_view text) {
  const std::string_view trimmed = TrimSpace(text);
  Parts parts;
  for (const SymbolForm& form : SymbolForms()) {
    if (form.pattern.Match(re2::StringPiece(trimmed.data(), trimmed.size()), 0, trimmed.size(),
                           RE2::ANCHOR_BOTH, parts.data(), static_cast<int>(parts.size()))) {
      return form.canonical(parts);
    }
  }
  return std::nullopt;
}

std::vector<SymbolMention> FindSymbolMentions(std::string_view text) {
  const re2::StringPiece input(text.data(), text.size());
  std::vector<SymbolMention> mentions;
  Parts parts;
  for (const SymbolForm& form : SymbolForms()) {
    size_t position = 0;
    while (position < text.size() &&
           form.pattern.Match(input, position, text.size(), RE2::UNANCHORED, parts.data(),
                              static_cast<int>(parts.size()))) {
      const size_t begin = static_cast<size_t>(parts[0].data() - text.data());
      const size_t end = begin + parts[0].size();
      if (!form.needs_free_standing || IsFreeStanding(text, begin, end)) {
        mentions.push_back({form.canonical(parts), Str(parts[0]), begin});
      }
      position = std::max(end, begin + 1);
    }
  }
  return WithoutOverlaps(std::move(mentions));
}

std::vector<std::string> FindSymbols(std::string_view text) {
  return DistinctCanonical(FindSymbolMentions(text));
}

std::optional<std::string> SymbolForName(std::string_view name) {
  const std::string key = SymbolKey(name);
  for (const WellKnownName& known : kWellKnownNames) {
    if (SymbolKey(known.name) == key) return std::string(known.symbol);
  }
  return std::nullopt;
}

std::vector<SymbolMention> FindNameMentions(std::string_view text) {
  const std::string folded = AsciiLower(text);
  std::vector<SymbolMention> mentions;
  for (const WellKnownName& known : kWellKnownNames) {
    const std::string name = AsciiLower(known.name);
    for (size_t at = folded.find(name); at != std::string::npos; at = folded.find(name, at + 1)) {
      const size_t end = at + name.size();
      const bool whole_words =
          (at == 0 || !IsWordChar(text[at - 1])) && (end == text.size() || !IsWordChar(text[end]));
      if (whole_words && absl::ascii_isupper(static_cast<unsigned char>(text[at]))) {
        mentions.push_back({std::string(known.symbol), std::string(text.substr(at, name.size())), at});
      }
    }
  }
  return WithoutOverlaps(std::move(mentions));
}

std::vector<std::string> FindReferences(std::string_view text) {
  std::vector<SymbolMention> mentions = FindSymbolMentions(text);
  std::vector<SymbolMention> names = FindNameMentions(text);
  mentions.insert(mentions.end(), names.begin(), names.end());
  std::sort(mentions.begin(), mentions.end(),
            [](const SymbolMention& a, const SymbolMention& b) { return a.offset < b.offset; });
  return DistinctCanonical(mentions);
}

}  // namespace plenary
