#include "parsing/citations.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/text.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

std::string Str(re2::StringPiece piece) { return std::string(piece.data(), piece.size()); }

// The value of a Roman numeral of at most a few letters; 0 when it is none.
int RomanValue(std::string_view roman) {
  auto value = [](char c) {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      default: return 0;
    }
  };
  int total = 0;
  for (size_t i = 0; i < roman.size(); ++i) {
    const int here = value(roman[i]);
    if (here == 0) return 0;
    const int next = i + 1 < roman.size() ? value(roman[i + 1]) : 0;
    total += here < next ? -here : here;
  }
  return total;
}

// Approximate first resolution number of each regular session of the
// General Assembly while its resolutions were numbered with the session in
// Roman numerals (I to XXX, 1946-1975). A number far outside its session's
// range is not an Assembly resolution ("77 (XII)" of the OAU).
constexpr std::array<int, 31> kAssemblySessionStart = {
    0,    1,    108,  186,  289,  359,  508,  610,  701,  800,  917,  1001, 1136, 1231, 1362, 1464,
    1621, 1725, 1876, 1990, 2009, 2133, 2254, 2390, 2500, 2621, 2749, 2904, 3034, 3201, 3362};
constexpr int kAssemblyLastRomanNumber = 3541;

bool PlausibleAssemblyNumber(int number, int session) {
  if (session < 1 || session > 30) return false;
  const int first = kAssemblySessionStart[session];
  const int next = session < 30 ? kAssemblySessionStart[session + 1] : kAssemblyLastRomanNumber;
  return number >= first - 250 && number <= next + 250;
}

enum class Context { kNone, kOrgan, kForeign };

struct ContextOrgan {
  Context context = Context::kNone;
  Organ organ = Organ::kUnknown;
};

// Words that may stand before "resolution(s)" without naming its author.
bool IsNeutralWord(std::string_view word) {
  if (word.empty()) return true;
  if (!std::isupper(static_cast<unsigned char>(word[0]))) return true;
  static const RE2 neutral(
      R"((?:[A-Z][a-z]*(?:ing|ed)|Also|Further|Its|The|Their|These|Those|Such|All|Previous|)"
      R"(Relevant|Other|Earlier|Subsequent|See|In|By|Under|And|Of|Nations|Resolution|Various|)"
      R"(Pursuant|Mindful|Aware|Conscious|Cognizant|Convinced|Concerned|Bearing)\b.*)");
  return RE2::FullMatch(word, neutral);
}

std::vector<std::string_view> LastWords(std::string_view text, size_t count) {
  std::vector<std::string_view> words;
  size_t end = text.size();
  while (words.size() < count && end > 0) {
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ',')) --end;
    size_t begin = end;
    while (begin > 0 && text[begin - 1] != ' ') --begin;
    if (begin == end) break;
    words.push_back(text.substr(begin, end - begin));
    end = begin;
  }
  return words;  // nearest first
}

// Who the words before "resolution(s)" say adopted it.
ContextOrgan OrganBefore(std::string_view before, Organ document_organ) {
  static const RE2 annex_of_document(R"((?i)(?:annex(?:\s+[IVX]+)?|enclosure|appendix)\s*,?\s*$)");
  if (RE2::PartialMatch(before, annex_of_document)) return {Context::kForeign, Organ::kUnknown};
  const std::vector<std::string_view> words = LastWords(before, 4);
  if (words.empty()) return {};
  std::string_view last = words[0];
  while (!last.empty() && !std::isalpha(static_cast<unsigned char>(last.back()))) {
    last.remove_suffix(1);
  }
  const std::string_view previous = words.size() > 1 ? words[1] : "";
  if (last == "its" || last == "our") {
    // "the General Assembly in its resolution 293 (IV)".
    static const RE2 named(
        R"((?s).*\b(General\s+Assembly|Economic\s+and\s+Social\s+Council|Security\s+Council)\b[^,;.]{0,30}$)");
    std::string name;
    if (RE2::FullMatch(before, named, &name)) {
      if (name.find("Assembly") != std::string::npos) return {Context::kOrgan, Organ::kGeneralAssembly};
      if (name.find("Social") != std::string::npos) {
        return {Context::kOrgan, Organ::kEconomicAndSocialCouncil};
      }
      return {Context::kOrgan, Organ::kSecurityCouncil};
    }
    return {Context::kOrgan, document_organ};
  }
  if (last == "Council") {
    if (previous == "Security") return {Context::kOrgan, Organ::kSecurityCouncil};
    if (previous == "Social") return {Context::kOrgan, Organ::kEconomicAndSocialCouncil};
    if (previous == "the" || previous == "this" || previous.empty()) {
      return {Context::kOrgan, document_organ == Organ::kGeneralAssembly ? Organ::kUnknown
                                                                         : document_organ};
    }
    return {Context::kForeign, Organ::kUnknown};
  }
  if (last == "Assembly") {
    if (previous == "General" || previous == "the") return {Context::kOrgan, Organ::kGeneralAssembly};
    return {Context::kForeign, Organ::kUnknown};
  }
  if (IsNeutralWord(last)) return {};
  return {Context::kForeign, Organ::kUnknown};
}

// "adopted by the Assembly of Heads of State ... of the Organization of
// African Unity" after a citation: another body's resolution.
bool AdoptedByAnotherBody(std::string_view after) {
  static const RE2 adopted_by(
      R"(^[\s,]*(?:adopted|approved)\s+(?:by|at)\s+(?:the\s+)?([A-Z][^,;.]{0,120}))");
  std::string body;
  if (!RE2::PartialMatch(after.substr(0, 200), adopted_by, &body)) return false;
  return body.rfind("General Assembly", 0) != 0 && body.rfind("Security Council", 0) != 0 &&
         body.rfind("Economic and Social Council", 0) != 0 && body.rfind("Assembly", 0) != 0 &&
         body.rfind("Council", 0) != 0;
}

// One resolution number as a list after "resolution(s)" writes it.
const RE2& ListItem() {
  static const RE2 item(
      R"(((?i:[ASE]\s*/\s*RES\s*/\s*)[^\s,;]+(?:\s*\(\s*\d{4}\s*\))?)"
      R"(|(?:E?S-\d{1,2}/\d{1,3})\b)"
      R"(|\d{4}/\d{1,4}(?:\s*\(\s*[IVXLC]{1,7}\s*\))?)"
      R"(|\d{1,2}/\d{1,4}\b(?:\s+[A-Z](?:\s+(?:to|and)\s+[A-Z])?\b)?)"
      R"(|\d(?:-?\d){0,3}\s*(?:[A-Z]\s+)?\(\s*(?:\d\s*\d\s*\d\s*\d|[IVXLC]{1,7}|E?S-[IVX]{1,5})\s*\)))");
  return item;
}

// What may stand between two items of a list: "of 17 September 1999, ",
// "of 4 and 16 November 1948 and ", " A to F of 10 December 1981, ".
const RE2& ListConnector() {
  static const RE2 connector(
      R"(((?:\s*,?\s*(?:adopted\s+)?(?:on|of)\s*\d{1,2}(?:\s+(?:and|to)\s+\d{1,2})?\s+[A-Z][a-z]{2,9}\.?)"
      R"((?:\s+\d{4})?)?(?:\s*,?\s*of\s+\d{4})?\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+to\s+)))");
  return connector;
}

std::string CanonicalExplicit(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact.push_back(c);
  }
  static const RE2 ecosoc_hybrid(R"((?i)E/RES/\d{4}/(\d{1,4})\(([IVXLC]+)\))");
  std::string number, roman;
  if (RE2::FullMatch(compact, ecosoc_hybrid, &number, &roman)) {
    return absl::StrCat("E/RES/", number, "(", roman, ")");
  }
  static const RE2 ecosoc_roman(R"((?i)E/RES/(\d{1,4})\(([IVXLC]+)\))");
  if (RE2::FullMatch(compact, ecosoc_roman, &number, &roman)) {
    return absl::StrCat("E/RES/", number, "(", roman, ")");
  }
  if (std::optional<std::string> canonical = CanonicalSymbol(text)) return *canonical;
  if (std::optional<std::string> canonical = CanonicalSymbol(compact)) return *canonical;
  return "";
}

// The citations of one paragraph: lists after "resolution(s)", explicit
// symbols, and the Council's "1325 (2000)" form wherever it stands.
// At most this many citations are read in one paragraph: a bound on work.
constexpr size_t kMaxMentionsPerParagraph = 300;

std::vector<SymbolMention> CitationsInParagraph(std::string_view raw, Organ document_organ) {
  const std::string text = CollapseWhitespace(raw);
  std::vector<SymbolMention> mentions;
  const re2::StringPiece input(text);

  // Lists after "resolution(s)".
  static const RE2 keyword(R"((?i)\b(resolutions?)\b\s*)");
  re2::StringPiece match[2];
  size_t position = 0;
  ContextOrgan inherited;
  while (position < text.size() && mentions.size() < kMaxMentionsPerParagraph &&
         keyword.Match(input, position, text.size(), RE2::UNANCHORED, match, 2)) {
    const size_t begin = static_cast<size_t>(match[0].data() - text.data());
    size_t at = begin + match[0].size();
    position = at;
    ContextOrgan context =
        OrganBefore(std::string_view(text).substr(begin >= 80 ? begin - 80 : 0,
                                                  begin >= 80 ? 80 : begin),
                    document_organ);
    // "Human Rights Council resolution 48/13 ..., including resolutions
    // 44/7": the clause's organ carries over.
    if (context.context == Context::kNone) context = inherited;
    inherited = context;
    if (context.context == Context::kForeign) continue;
    const Organ organ = context.organ;
    std::vector<SymbolMention> list;
    while (at < text.size() && list.size() < kMaxMentionsPerParagraph) {
      re2::StringPiece item;
      if (!ListItem().Match(input, at, text.size(), RE2::ANCHOR_START, &item, 1)) break;
      const size_t item_end = static_cast<size_t>(item.data() - text.data()) + item.size();
      // "2/5" glued to more digits or slashes is something else.
      if (item_end < text.size() &&
          (text[item_end] == '/' || std::isdigit(static_cast<unsigned char>(text[item_end])))) {
        break;
      }
      const std::string canonical = CanonicalResolutionNumber(Str(item), organ);
      if (!canonical.empty()) list.push_back({canonical, Str(item), at});
      at = item_end;
      re2::StringPiece connector;
      if (!ListConnector().Match(input, at, text.size(), RE2::ANCHOR_START, &connector, 1)) break;
      at += connector.size();
    }
    if (!list.empty() && AdoptedByAnotherBody(std::string_view(text).substr(
                             list.back().offset + list.back().as_written.size()))) {
      continue;
    }
    position = std::max(position, at);
    mentions.insert(mentions.end(), list.begin(), list.end());
  }

  auto known = [&](size_t begin) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const SymbolMention& m) {
      return m.offset <= begin && begin < m.offset + m.as_written.size();
    });
  };
  // Explicit symbols anywhere.
  static const RE2 explicit_symbol(
      R"((?i)\b([ASE]/RES/(?:(?:E?S-)?\d{1,4}/\d{1,4}(?:\s*\(\s*[IVXLC]+\s*\))?|\d{1,4}\s*\(\s*(?:\d{4}|[IVXLC]+|E?S-[IVX]+)\s*\))))");
  position = 0;
  while (position < text.size() && mentions.size() < kMaxMentionsPerParagraph &&
         explicit_symbol.Match(input, position, text.size(), RE2::UNANCHORED, match, 2)) {
    const size_t begin = static_cast<size_t>(match[1].data() - text.data());
    position = begin + match[1].size();
    if (known(begin)) continue;
    const std::string canonical = CanonicalExplicit(Str(match[1]));
    if (!canonical.empty()) mentions.push_back({canonical, Str(match[1]), begin});
  }
  // The Council's own form, "1325 (2000)", needs no "resolution" before it
  // (a list may be cut by a page or a column of the other language).
  static const RE2 council_form(R"((?:^|[\s(])(\d{1,4}\s*\(\s*(?:19[4-9]\d|20\d\d)\s*\)))");
  position = 0;
  while (position < text.size() && mentions.size() < kMaxMentionsPerParagraph &&
         council_form.Match(input, position, text.size(), RE2::UNANCHORED, match, 2)) {
    const size_t begin = static_cast<size_t>(match[1].data() - text.data());
    position = begin + match[1].size();
    if (known(begin)) continue;
    // Not a year in brackets after a document symbol or a number.
    const std::string before = text.substr(begin >= 12 ? begin - 12 : 0, begin >= 12 ? 12 : begin);
    static const RE2 foreign_before(R"((?i)(?:decision|No\.|/|Rev\.|annex|article|paragraph)\s*$)");
    if (RE2::PartialMatch(before, foreign_before)) continue;
    const std::string canonical = CanonicalResolutionNumber(Str(match[1]), Organ::kSecurityCouncil);
    if (!canonical.empty()) mentions.push_back({canonical, Str(match[1]), begin});
  }
  std::sort(mentions.begin(), mentions.end(),
            [](const SymbolMention& a, const SymbolMention& b) { return a.offset < b.offset; });
  return mentions;
}

}  // namespace

std::string_view SymbolPrefix(Organ organ) {
  switch (organ) {
    case Organ::kGeneralAssembly: return "A/RES/";
    case Organ::kSecurityCouncil: return "S/RES/";
    case Organ::kEconomicAndSocialCouncil: return "E/RES/";
    case Organ::kUnknown: return "";
  }
  return "";
}

Organ OrganOfSymbol(std::string_view symbol) {
  if (symbol.substr(0, 2) == "A/") return Organ::kGeneralAssembly;
  if (symbol.substr(0, 2) == "S/") return Organ::kSecurityCouncil;
  if (symbol.substr(0, 2) == "E/") return Organ::kEconomicAndSocialCouncil;
  return Organ::kUnknown;
}

std::string OrganName(Organ organ) {
  switch (organ) {
    case Organ::kGeneralAssembly: return "General Assembly";
    case Organ::kSecurityCouncil: return "Security Council";
    case Organ::kEconomicAndSocialCouncil: return "Economic and Social Council";
    case Organ::kUnknown: return "";
  }
  return "";
}

std::string CanonicalResolutionNumber(std::string_view written, Organ organ) {
  const std::string text = CollapseWhitespace(written);
  static const RE2 explicit_symbol(R"((?i)[ASE]\s*/\s*RES\s*/.*)");
  if (RE2::FullMatch(text, explicit_symbol)) return CanonicalExplicit(text);

  std::string first, second, letter;
  static const RE2 special(R"((E?S-\d{1,2})/(\d{1,3}))");
  if (RE2::FullMatch(text, special, &first, &second)) {
    return absl::StrCat("A/RES/", first, "/", second);
  }
  static const RE2 ecosoc_hybrid(R"(\d{4}/(\d{1,4})\s*\(\s*([IVXLC]{1,7})\s*\))");
  if (RE2::FullMatch(text, ecosoc_hybrid, &first, &second)) {
    return absl::StrCat("E/RES/", first, "(", second, ")");
  }
  static const RE2 year_number(R"((\d{4})/(\d{1,4}))");
  if (RE2::FullMatch(text, year_number, &first, &second)) {
    const int year = std::stoi(first);
    if (year < 1946 || year > 2099) return "";
    return absl::StrCat("E/RES/", first, "/", std::stoi(second));
  }
  static const RE2 session_number(R"((\d{1,2})/(\d{1,4})(?:\s+([A-Z])(?:\s+(?:to|and)\s+[A-Z])?)?)");
  if (RE2::FullMatch(text, session_number, &first, &second, &letter)) {
    // Only the Assembly numbers its resolutions session/number.
    if (first[0] == '0' || second[0] == '0') return "";
    std::string symbol = absl::StrCat("A/RES/", first, "/", second);
    if (!letter.empty()) absl::StrAppend(&symbol, "[", letter, "]");
    return symbol;
  }
  static const RE2 numbered(
      R"((\d(?:-?\d){0,3})\s*(?:([A-Z])\s+)?\(\s*(\d\s*\d\s*\d\s*\d|[IVXLC]{1,7}|E?S-[IVX]{1,5})\s*\))");
  std::string session;
  if (!RE2::FullMatch(text, numbered, &first, &letter, &session)) return "";
  first.erase(std::remove(first.begin(), first.end(), '-'), first.end());
  session.erase(std::remove(session.begin(), session.end(), ' '), session.end());
  const int number = std::stoi(first);
  if (number == 0) return "";
  const std::string suffix = letter.empty() ? "" : absl::StrCat("[", letter, "]");
  if (std::isdigit(static_cast<unsigned char>(session[0]))) {
    const int year = std::stoi(session);
    if (year < 1946 || year > 2099 || organ == Organ::kEconomicAndSocialCouncil ||
        !letter.empty()) {
      return "";
    }
    return absl::StrCat("S/RES/", number, " (", year, ")");
  }
  if (session.find('S') != std::string::npos) {
    return absl::StrCat("A/RES/", number, "(", session, ")", suffix);
  }
  const int roman = RomanValue(session);
  if (roman == 0) return "";
  if (organ == Organ::kEconomicAndSocialCouncil || roman > 30) {
    if (roman > 70) return "";
    return absl::StrCat("E/RES/", number, "(", session, ")", suffix);
  }
  if (!PlausibleAssemblyNumber(number, roman)) return "";
  return absl::StrCat("A/RES/", number, "(", session, ")", suffix);
}

std::vector<SymbolMention> FindResolutionCitations(std::string_view raw, Organ document_organ) {
  std::vector<SymbolMention> mentions;
  size_t paragraph_begin = 0;
  while (paragraph_begin <= raw.size()) {
    size_t paragraph_end = raw.find("\n\n", paragraph_begin);
    if (paragraph_end == std::string_view::npos) paragraph_end = raw.size();
    for (SymbolMention& mention :
         CitationsInParagraph(raw.substr(paragraph_begin, paragraph_end - paragraph_begin),
                              document_organ)) {
      mention.offset += paragraph_begin;
      mentions.push_back(std::move(mention));
    }
    paragraph_begin = paragraph_end + 2;
  }
  return mentions;
}

std::vector<std::string> FindCitedResolutions(std::string_view text, Organ document_organ) {
  std::vector<std::string> symbols;
  for (const SymbolMention& mention : FindResolutionCitations(text, document_organ)) {
    if (std::find(symbols.begin(), symbols.end(), mention.canonical) == symbols.end()) {
      symbols.push_back(mention.canonical);
    }
  }
  return symbols;
}

}  // namespace plenary::parsing
