#include "parsing/press_release.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "parsing/citations.h"
#include "parsing/dates.h"
#include "parsing/people.h"
#include "parsing/places.h"
#include "common/text.h"
#include "parsing/quotes.h"
#include "parsing/regex_options.h"
#include "parsing/reported_votes.h"
#include "model/symbol.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

// Headlines run long in releases, but never to a paragraph.
constexpr size_t kMaxHeadlineBytes = 400;
constexpr size_t kMaxHeadlineWords = 60;
// Lines that can carry a press symbol: short ones (a header, a footer).
constexpr size_t kMaxSymbolLineWords = 12;
// How many lines into the text the release's furniture sits.
constexpr size_t kHeaderLines = 30;

constexpr std::string_view kOpenQuote = "\u201c";

// Press symbols: the series of the UN's releases and a number, with a
// corrigendum or revision suffix.
const RE2& PressSymbolPattern() {
  static const RE2 pattern(
      R"((?:^|[^A-Z0-9/.(])((?:SG/SM|DSG/SM|SG/A|SG/T|SG/REP|GA/EF|GA/SHC|GA/SPD|GA/DIS|GA/AB|)"
      R"(GA/L|GA/COL|GA/PAL|GA/PK|GA/ST|ECOSOC|GA|SC|DEV|HR|OBV|PI|AFR|ORG|ENV|SOC|WOM|POP|IHA|)"
      R"(PKO|SAG|NGO|SEA|REF|PAL|DSG|SG|CD|DC|EF|CS|L|GAPAL|IT|TAD|UNIS/(?:[A-Z]+/)*[A-Z]+))"
      R"(/\d{2,6}(?:/(?:Corr|Rev|Add)\.\d+)*)(?:$|[^0-9A-Za-z/)]))");
  return pattern;
}

// Press symbols a short line carries, in order.
std::vector<std::string> PressSymbolsIn(std::string_view line) {
  std::vector<std::string> symbols;
  const re2::StringPiece input(line);
  std::array<re2::StringPiece, 2> parts;
  size_t at = 0;
  while (at < line.size() &&
         PressSymbolPattern().Match(input, at, line.size(), RE2::UNANCHORED, parts.data(), 2)) {
    symbols.emplace_back(parts[1].data(), parts[1].size());
    at = static_cast<size_t>(parts[1].data() - line.data()) + parts[1].size();
  }
  return symbols;
}

size_t Words(std::string_view line) {
  return line.empty() ? 0 : static_cast<size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
}

// Lines that are release furniture: mastheads, banners, organ labels,
// session and meeting lines, end marks.
bool IsFurniture(std::string_view line) {
  static const RE2 furniture(
      R"((?i)meetings coverage and press releases|meetings coverage|press releases?|)"
      R"(communiqu[ée] de presse|couverture des r[ée]unions|)"
      R"((?:department of (?:public information|global communications)|d[ée]partement de l['’]information).*|)"
      R"(in progress at unhq|for information media\.?.*not an official record\.?|)"
      R"(unic\b.*|unis\b.*|united nations information (?:centre|center|service)\b.*|)"
      R"(\*[\s*]*\*|united nations|nations unies|note to correspondents|\d{4}|)"
      R"(security council|general assembly|economic and social council|)"
      R"(conseil de s[ée]curit[ée]|assembl[ée]e g[ée]n[ée]rale|conseil [ée]conomique et social|)"
      R"((?:\d{4}|[a-z]+(?:-[a-z]+)?)\s+(?:(?:substantive|organizational|resumed|special|)"
      R"(emergency special|regular|high-level)\s+)*session,?(?:\s*,?\s*\d+(?:st|nd|rd|th)\s+)"
      R"((?:plenary\s+)?meetings?(?:\s*\([^)]*\))?)?|)"
      R"([a-z]+(?:-[a-z]+)?\s+year|\d{4}\s+round-up|plenary|[a-z]+(?:-[a-z]+)?\s+general assembly|)"
      R"((?:first|second|third|fourth|fifth|sixth|main|special political and decolonization)\s+committee|)"
      R"(\d+(?:st|nd|rd|th)(?:\s*(?:&|and|,)\s*\d+(?:st|nd|rd|th))*\s*(?:plenary\s+)?meetings?)"
      R"((?:\s*\((?:am|pm|night)(?:\s*(?:&|and)\s*(?:am|pm|night))*\))?|statement|message|remarks)");
  return RE2::FullMatch(line, furniture);
}

// A release date as UN releases print it: "13 October 2015", "Friday, 23
// December 2016, 2 p.m.", "21/11/2001" (day first), "19991222".
std::optional<PartialDate> ParseReleaseDate(std::string_view line) {
  static const RE2 weekday(
      R"((?i)^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)");
  static const RE2 time(R"((?i),?\s*\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?.*$)");
  static const RE2 day_month_year(R"((\d{1,2})/(\d{1,2})/(\d{4}))");
  static const RE2 compact(R"((\d{4})(\d{2})(\d{2}))");
  static const RE2 french_weekday(
      R"((?i)^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)");
  // French releases: "10 mars 2014", "1er juillet 2003".
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kFrenchMonths = {{
      {"janvier", "January"}, {"février", "February"}, {"mars", "March"}, {"avril", "April"},
      {"mai", "May"}, {"juin", "June"}, {"juillet", "July"}, {"août", "August"},
      {"septembre", "September"}, {"octobre", "October"}, {"novembre", "November"},
      {"décembre", "December"}}};
  static const RE2 french_date(R"((?i)^(\d{1,2})(?:er)?\s+(\p{L}+)\s+(\d{4})$)");
  std::string text(TrimSpace(line));
  RE2::Replace(&text, weekday, "");
  RE2::Replace(&text, french_weekday, "");
  std::string day, month, year;
  if (RE2::FullMatch(text, french_date, &day, &month, &year)) {
    for (const auto& [french, english] : kFrenchMonths) {
      if (AsciiLower(month) == french) {
        text = day + " " + std::string(english) + " " + year;
        break;
      }
    }
  }
  RE2::Replace(&text, time, "");
  std::string a, b, c;
  if (RE2::FullMatch(text, day_month_year, &a, &b, &c)) {
    return ParseDate(absl::StrCat(c, "-", b.size() == 1 ? "0" : "", b, "-", a.size() == 1 ? "0" : "", a));
  }
  if (RE2::FullMatch(text, compact, &a, &b, &c)) return ParseDate(absl::StrCat(a, "-", b, "-", c));
  std::optional<PartialDate> date = ParseDate(text);
  if (date && date->month == 0) return std::nullopt;  // a year alone is no release date
  return date;
}

bool IsAllCaps(std::string_view line) {
  bool letters = false;
  for (char c : line) {
    if (c >= 'a' && c <= 'z') return false;
    letters = letters || (c >= 'A' && c <= 'Z');
  }
  return letters;
}

// The key two printings of a headline share.
std::string HeadlineKey(std::string_view text) { return AsciiLower(CollapseWhitespace(text)); }

bool ReadsAsHeadline(std::string_view line) {
  if (line.empty() || line.size() > kMaxHeadlineBytes || Words(line) > kMaxHeadlineWords) {
    return false;
  }
  const unsigned char first = static_cast<unsigned char>(line.front());
  const bool opens_well = (first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9') ||
                          (first & 0x80);
  const char last = line.back();
  if (!opens_well || last == '.' || last == ',' || last == ';' || last == ':') return false;
  static const RE2 not_headline(R"((?i)^(?:following is|mr\.|ms\.|mrs\.|the president\b))");
  return !RE2::PartialMatch(line, not_headline) && !ParseReleaseDate(line) &&
         line.substr(0, kOpenQuote.size()) != kOpenQuote;
}

// A sentence of body text: the headline, if any, came before it.
bool ReadsAsBody(std::string_view line) {
  if (line.empty()) return false;
  const char last = line.back();
  return Words(line) > kMaxHeadlineWords ||
         ((last == '.' || last == ':') && Words(line) >= 8);
}

}  // namespace

bool ReadsAsFrench(std::string_view text) {
  static const RE2 french(
      R"((?i)\b(?:le|la|les|des|du|une|est|sont|dans|pour|avec|qui|que|aux|été|également|cette)\b)");
  static const RE2 english(
      R"((?i)\b(?:the|and|of|to|is|was|were|with|for|that|which|by|has|have|its)\b)");
  text = text.substr(0, 8000);
  re2::StringPiece input(text);
  int fr = 0, en = 0;
  re2::StringPiece scan = input;
  while (RE2::FindAndConsume(&scan, french)) ++fr;
  scan = input;
  while (RE2::FindAndConsume(&scan, english)) ++en;
  return fr > 2 * en && fr >= 5;
}

namespace {

// The organ whose meeting a release covers: from its symbol's series, else
// the first organ its headline or opening names.
Organ OrganOf(const std::vector<std::string>& aliases, std::string_view opening) {
  for (const std::string& alias : aliases) {
    if (alias.rfind("SC/", 0) == 0 || alias.rfind("S/PV.", 0) == 0) return Organ::kSecurityCouncil;
    if (alias.rfind("GA/", 0) == 0) return Organ::kGeneralAssembly;
    if (alias.rfind("ECOSOC/", 0) == 0) return Organ::kEconomicAndSocialCouncil;
  }
  static const RE2 organ(
      R"((?i)(security council)|(general assembly)|(economic and social council|ecosoc))");
  std::string sc, ga, ecosoc;
  if (RE2::PartialMatch(opening.substr(0, 2000), organ, &sc, &ga, &ecosoc)) {
    if (!sc.empty()) return Organ::kSecurityCouncil;
    if (!ga.empty()) return Organ::kGeneralAssembly;
    return Organ::kEconomicAndSocialCouncil;
  }
  return Organ::kUnknown;
}

struct Speaker {
  std::string name;
  std::string role;
};

// The speaker a release's opening names: "Following is UN Secretary-General
// António Guterres' message ...", "Statement attributable to the Spokesperson
// for the Secretary-General", the French "porte-parole du Secrétaire général
// ..., Kofi Annan".
std::optional<Speaker> OpeningSpeaker(std::string_view opening) {
  static const RE2 following(
      std::string(R"((?i:following (?:is|are) (?:the )?(?:text of )?(?:the )?(?:un |united nations )?))") +
          "(" + std::string(RolePattern()) + ")" +
          R"((?:\s+((?:\p{Lu}[\p{L}\x{2011}-]*\s+){0,3}\p{Lu}[\p{L}\x{2011}-]*))?\s*['’]s?\s+)" +
          R"((?i:(?:video\s+|opening\s+|closing\s+|keynote\s+)?(?:message|remarks|statement|address|speech)))",
      RoomyRegexOptions());
  static const RE2 spokesperson(
      R"((?i)\b((?:deputy\s+)?spokes(?:person|man|woman))\s+for\s+(?:the\s+)?(?:un\s+|united nations\s+)?secretary-general\b)");
  static const RE2 attributable(
      R"((?i)\bstatement\s+(?:attributable\s+to|by|(?:was\s+)?issued\s+(?:today\s+)?by)\b)");
  static const RE2 french(
      R"((?i)(?:porte-parole du |le |du )secr[ée]taire g[ée]n[ée]ral(?: de l['’]ONU| des Nations Unies)?,\s*(?:M\.\s*)?)"
      R"(((?:\p{Lu}[\p{L}-]*\s+){0,3}\p{Lu}[\p{L}-]*))");
  // "The following message from Secretary-General Ban Ki-moon was delivered ...".
  static const RE2 delivered(
      std::string(R"((?i:the following (?:video )?(?:message|statement|remarks) (?:from|by) ))")
          + R"((?i:(?:un |united nations )?))" + "(" + std::string(RolePattern()) + ")" +
          R"(\s+((?:\p{Lu}[\p{L}\x{2011}-]*\s+){0,3}\p{Lu}[\p{L}\x{2011}-]*))",
      RoomyRegexOptions());
  std::string role, name;
  if (RE2::PartialMatch(opening, following, &role, &name)) return Speaker{name, role};
  if (RE2::PartialMatch(opening, delivered, &role, &name)) return Speaker{name, role};
  if (RE2::PartialMatch(opening, attributable) && RE2::PartialMatch(opening, spokesperson, &role)) {
    role[0] = static_cast<char>(role[0] >= 'a' && role[0] <= 'z' ? role[0] - 'a' + 'A' : role[0]);
    if (role.rfind("deputy", 0) == 0) role.replace(0, 6, "Deputy");
    return Speaker{"", absl::StrCat(role, " for the Secretary-General")};
  }
  if (RE2::PartialMatch(opening, french, &name)) return Speaker{name, "Secretary-General"};
  return std::nullopt;
}

// The role a text gives `name` in apposition: "Riad Al-Malki, Minister for
// Foreign Affairs of the State of Palestine."
std::string AppositiveRole(std::string_view text, std::string_view name) {
  static const RE2 role(
      R"(^,\s*(?:the\s+)?((?:Deputy\s+|Vice-|Under-|Assistant\s+)?(?:Secretary-General|Minister|)"
      R"(President|Prime Minister|Ambassador|Permanent Representative|Deputy Permanent Representative|)"
      R"(Director|Director-General|Chair|Chairman|Chairperson|Head|Executive Director|)"
      R"(Executive Secretary|High Commissioner|Special Envoy|Special Representative|)"
      R"(Special Rapporteur|Special Adviser|Special Coordinator|Administrator|Commissioner|)"
      R"(Spokesperson|Spokesman|Observer|Chief|Coordinator|Representative)[^.,;:“”"()]{0,120}))");
  for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    std::string found;
    if (RE2::PartialMatch(text.substr(at + name.size(), 200), role, &found)) {
      return std::string(TrimSpace(found));
    }
  }
  return "";
}

// Quotation marks around a title or a term rather than speech: after
// "titled", "entitled", "known as", "on behalf of the", "theme", ...
bool IsTitleOrTerm(const Quote& quote, std::string_view body) {
  static const RE2 cue(
      R"((?i)(?:titled|entitled|known as|called|named|dubbed|so-called|on behalf of the|)"
      R"(theme|themed|focused on|focus on|resolution|draft|text|the words|the term|slogan)\s*$)");
  const size_t words = Words(quote.text);
  if (quote.speaker.empty() && words < 5) return true;
  const size_t at = body.find(quote.text);
  if (at == std::string_view::npos) return false;
  size_t open = at;
  if (open >= kOpenQuote.size() && body.substr(open - kOpenQuote.size(), kOpenQuote.size()) == kOpenQuote) {
    open -= kOpenQuote.size();
  } else if (open > 0 && body[open - 1] == '"') {
    --open;
  } else {
    return false;
  }
  const size_t from = open > 60 ? open - 60 : 0;
  return RE2::PartialMatch(body.substr(from, open - from), cue);
}

// Paragraphs of body lines: a blank line ends one, and so does a line that
// ends a sentence before a line that opens one; hard-wrapped lines are joined.
std::vector<std::string> Paragraphs(const std::vector<std::string>& lines) {
  std::vector<std::string> paragraphs;
  std::string current;
  for (const std::string& line : lines) {
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (!current.empty()) {
      const char last = current.back();
      const unsigned char first = static_cast<unsigned char>(line.front());
      const bool ends = last == '.' || last == ':' || last == '!' || last == '?' ||
                        (current.size() >= 3 && current.compare(current.size() - 3, 3, "\u201d") == 0);
      const bool opens = (first >= 'A' && first <= 'Z') || (first & 0x80) || first == '"' ||
                         (first >= '0' && first <= '9');
      // A short line standing alone (a sub-heading such as "Resolution") too.
      if ((ends && opens) || Words(current) <= 3 || Words(line) <= 3) {
        paragraphs.push_back(std::move(current));
        current.clear();
      }
    }
    absl::StrAppend(&current, current.empty() ? "" : " ", line);
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

// The verbatim record's heading: "Security Council / Seventy-first year /
// 7853rd meeting"; its symbol, or "" when the lines are no such heading.
std::string VerbatimRecordSymbol(const std::vector<std::string>& lines) {
  static const RE2 meeting(R"((\d+)(?:st|nd|rd|th) (?:plenary )?meeting)");
  bool council = false;
  for (size_t i = 0; i < lines.size() && i < kHeaderLines; ++i) {
    if (lines[i] == "Security Council") council = true;
    std::string number;
    if (RE2::FullMatch(lines[i], meeting, &number)) {
      return council ? absl::StrCat("S/PV.", number) : "";
    }
  }
  return "";
}

std::string WithoutPipes(std::string_view raw) {
  std::string line = CollapseWhitespace(raw);
  static const RE2 pipes(R"(^[|\s]+|[|\s]+$)");
  RE2::GlobalReplace(&line, pipes, "");
  return line;
}

}  // namespace

PressSignal PressReleaseSignal(std::string_view content) {
  static const RE2 strong(
      R"((?im)^\s*(?:meetings coverage and press releases|press release|communiqu[ée] de presse|)"
      R"(department of public information|following (?:is|are) .{0,200}(?:message|remarks|statement|address)|)"
      R"(statement attributable to the spokes|date \d{4}-\d{2}-\d{2}\b|)"
      R"(the following (?:statement|message) was issued .{0,80}(?:spokes|secretary-general)|)"
      R"(\d+(?:st|nd|rd|th)(?:\s*(?:&|and)\s*\d+(?:st|nd|rd|th))*\s*(?:plenary\s+)?meetings?\s*)"
      R"(\((?:am|pm|night)(?:\s*(?:&|and)\s*(?:am|pm|night))*\)))");
  static const RE2 reads_as_follows(R"((?i)\bfull text of (?:the )?resolution .{0,40}reads as follows)");
  const std::string_view head = content.substr(0, 1 << 16);
  if (RE2::PartialMatch(head, strong) || RE2::PartialMatch(head, reads_as_follows)) {
    return PressSignal::kStrong;
  }
  size_t line_number = 0;
  std::vector<std::string> lines;
  for (std::string_view raw : SplitLines(head)) {
    if (++line_number > kHeaderLines * 2) break;
    const std::string line = WithoutPipes(raw);
    if (!line.empty()) lines.push_back(line);
    if (Words(line) <= kMaxSymbolLineWords && !PressSymbolsIn(line).empty()) {
      return PressSignal::kStrong;
    }
  }
  if (!VerbatimRecordSymbol(lines).empty()) return PressSignal::kStrong;
  static const RE2 vote(
      R"((?i)\b(?:recorded vote of|adopted without a vote|adopted by consensus|unanimously adopted|)"
      R"(adopted unanimously|\d+ in favou?r)\b)");
  static const RE2 organ(R"(\b(?:General Assembly|Security Council|Economic and Social Council|the Assembly|the Council)\b)");
  if (RE2::PartialMatch(head, vote) && RE2::PartialMatch(head, organ)) return PressSignal::kWeak;
  return PressSignal::kNone;
}

PressReading ReadPressRelease(std::string_view content, const MemberStates& states,
                              const PressReleaseLimits& limits) {
  PressReading reading;
  if (content.size() > limits.max_bytes) {
    reading.missing = absl::StrCat("the release is ", content.size(), " bytes, over the limit of ",
                                   limits.max_bytes);
    return reading;
  }
  std::vector<std::string> lines;
  for (std::string_view raw : SplitLines(content)) {
    if (lines.size() >= limits.max_lines) {
      reading.missing = absl::StrCat("the release has over ", limits.max_lines, " lines");
      return reading;
    }
    lines.push_back(WithoutPipes(raw));
  }

  Statement statement;
  std::optional<PartialDate> release_date;
  std::vector<std::string> places;
  auto add_place = [&](std::string place) {
    if (!place.empty() && std::find(places.begin(), places.end(), place) == places.end()) {
      places.push_back(std::move(place));
    }
  };
  // The stored copy's own date line: " date 2023-09-11 Following is ...".
  static const RE2 stored_date(R"(^date (\d{4}-\d{2}-\d{2})\b\s*(.*)$)");
  for (std::string& line : lines) {
    if (line.empty()) continue;
    std::string iso, rest;
    if (RE2::FullMatch(line, stored_date, &iso, &rest)) {
      release_date = ParseDate(iso);
      // What follows is the text, or a site's tag ("World") too short to be.
      line = Words(rest) >= 4 ? rest : "";
    }
    break;
  }

  const std::string verbatim = VerbatimRecordSymbol(lines);
  if (!verbatim.empty()) statement.aliases.push_back(verbatim);
  // Symbols in short lines: the header, a footer.
  for (const std::string& line : lines) {
    if (Words(line) > kMaxSymbolLineWords) continue;
    for (std::string& symbol : PressSymbolsIn(line)) {
      if (std::find(statement.aliases.begin(), statement.aliases.end(), symbol) ==
          statement.aliases.end()) {
        statement.aliases.push_back(std::move(symbol));
      }
    }
  }

  // The header: furniture, symbols, dates and places up to the headline.
  static const RE2 date_prefix(R"(^(\d{1,2}\s+\p{L}+\.?\s+\d{4})\s*[-–—]+\s*(.+)$)");
  static const RE2 date_suffix(R"(^(.+?)[.\s]*\s(\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+\p{L}+\s+\d{4})\.?$)");
  static const RE2 glued_date(R"(^(\d{8})\s+(.+)$)");
  std::optional<size_t> headline_at;
  size_t body_from = 0;
  for (size_t i = 0; i < lines.size() && i < kHeaderLines; ++i) {
    const std::string& line = lines[i];
    body_from = i;
    if (line.empty()) continue;
    if (!verbatim.empty()) {
      // A verbatim record has no headline: its heading is furniture, its
      // date and place lines the meeting's.
      if (std::optional<PartialDate> date = ParseReleaseDate(line); date && !release_date) {
        release_date = date;
      } else if (std::optional<std::string> place = KnownPlace(line)) {
        add_place(*place);
        body_from = i + 1;
        break;
      }
      continue;
    }
    if (IsFurniture(line)) continue;
    if (Words(line) <= kMaxSymbolLineWords && !PressSymbolsIn(line).empty()) continue;
    if (std::optional<PartialDate> date = ParseReleaseDate(line)) {
      if (!release_date) release_date = date;
      continue;
    }
    if (std::optional<std::string> place = KnownPlace(line)) {
      add_place(*place);
      continue;
    }
    std::string date_text, rest;
    if (RE2::FullMatch(line, glued_date, &date_text, &rest)) {
      if (!release_date) release_date = ParseReleaseDate(date_text);
      continue;
    }
    std::string headline = line;
    if (RE2::FullMatch(line, date_prefix, &date_text, &rest) && ParseReleaseDate(date_text)) {
      if (!release_date) release_date = ParseReleaseDate(date_text);
      headline = rest;
    } else if (RE2::FullMatch(line, date_suffix, &rest, &date_text) &&
               ParseReleaseDate(date_text)) {
      if (!release_date) release_date = ParseReleaseDate(date_text);
      headline = rest;
      while (!headline.empty() && (headline.back() == '.' || headline.back() == ' ')) {
        headline.pop_back();
      }
    }
    // An all-capitals headline printed over two lines.
    size_t next = i + 1;
    while (next < lines.size() && lines[next].empty() && next < i + 3) ++next;
    if (IsAllCaps(headline) && next < lines.size() && IsAllCaps(lines[next]) &&
        !IsFurniture(lines[next]) && PressSymbolsIn(lines[next]).empty() &&
        Words(headline) + Words(lines[next]) <= kMaxHeadlineWords &&
        HeadlineKey(lines[next]) != HeadlineKey(headline)) {
      headline = absl::StrCat(headline, " ", lines[next]);
      i = next;
    }
    if (ReadsAsBody(headline) || !ReadsAsHeadline(headline)) break;
    statement.headline = std::move(headline);
    headline_at = i;
    body_from = i + 1;
    break;
  }

  // The body: what follows, without the header's furniture and the
  // headline's repeats (whole or over several lines).
  const std::string headline_key = HeadlineKey(statement.headline);
  std::vector<std::string> body_lines;
  for (size_t i = body_from; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const bool in_header = i < kHeaderLines && body_lines.size() < 12;
    if (!statement.headline.empty() && !line.empty()) {
      std::string joined;
      size_t j = i;
      bool repeat = false;
      for (; j < lines.size() && j < i + 8; ++j) {
        if (lines[j].empty()) continue;
        joined = HeadlineKey(absl::StrCat(joined, joined.empty() ? "" : " ", lines[j]));
        if (joined == headline_key) {
          repeat = true;
          break;
        }
        if (headline_key.compare(0, joined.size(), joined) != 0) break;
      }
      if (repeat) {
        i = j;
        continue;
      }
    }
    if (in_header && !line.empty()) {
      if (IsFurniture(line) || (Words(line) <= kMaxSymbolLineWords && !PressSymbolsIn(line).empty())) {
        continue;
      }
      if (std::optional<PartialDate> date = ParseReleaseDate(line)) {
        if (!release_date) release_date = date;
        continue;
      }
      std::string date_text, rest;
      if (RE2::FullMatch(line, glued_date, &date_text, &rest) && ParseReleaseDate(date_text)) {
        if (!release_date) release_date = ParseReleaseDate(date_text);
        body_lines.push_back(rest);
        continue;
      }
    }
    static const RE2 end_mark(R"(^\*[\s*]*\*$)");
    if (RE2::FullMatch(line, end_mark)) continue;
    body_lines.push_back(line);
  }
  const std::vector<std::string> paragraphs = Paragraphs(body_lines);
  const std::string body = absl::StrJoin(paragraphs, "\n\n");
  statement.text = body;
  statement.language = ReadsAsFrench(body.empty() ? statement.headline : body) ? "fr" : "en";

  // The dateline: "NEW YORK, 21 July (UN Headquarters) -- ...". Without a
  // year it dates nothing but the event, unless the release gives only its
  // year ("March 2014", a symbol's year line).
  std::optional<std::string> dateline_day;
  int year_hint = 0;
  static const RE2 year_line(R"((?i)^(?:\p{L}+\s+)?(\d{4})$)");
  for (size_t i = 0; i < lines.size() && i < kHeaderLines; ++i) {
    std::string year;
    if (RE2::FullMatch(lines[i], year_line, &year) && ParseDate(lines[i])) {
      year_hint = ParseDate(lines[i])->year;
      break;
    }
  }
  static const RE2 dateline(
      R"(^([\p{Lu}][\p{L} .'-]{1,40}),\s*(\d{1,2}\s+\p{L}+(?:\s+\d{4})?)\s*(?:\([^)]*\))?\s*(?:--|–|—|-)\s)");
  for (size_t p = 0; p < paragraphs.size() && p < 3; ++p) {
    std::string place, when;
    if (!RE2::PartialMatch(paragraphs[p], dateline, &place, &when)) continue;
    add_place(KnownPlace(place).value_or(CollapseWhitespace(place)));
    if (std::optional<PartialDate> date = ParseReleaseDate(when)) {
      if (!release_date) release_date = date;
    } else {
      dateline_day = when;
    }
    break;
  }
  // A date line at the foot of the release (information centres' reissues).
  if (!release_date) {
    size_t seen = 0;
    for (size_t i = lines.size(); i > body_from && seen < 4; --i) {
      const std::string& line = lines[i - 1];
      if (line.empty()) continue;
      ++seen;
      if (std::optional<PartialDate> date = ParseReleaseDate(line)) {
        release_date = date;
        break;
      }
    }
  }
  if (dateline_day && (!release_date || release_date->day == 0)) {
    // "BUENOS AIRES, 20 March" in a release of March 2014: the year is the
    // release's.
    const int year = release_date ? release_date->year : year_hint;
    std::optional<PartialDate> completed =
        year != 0 ? ParseDate(absl::StrCat(*dateline_day, " ", year)) : std::nullopt;
    if (completed && (!release_date || release_date->month == completed->month)) {
      release_date = completed;
    }
  }
  if (release_date) statement.date = *release_date;

  // Who speaks.
  const std::string opening = absl::StrCat(
      statement.headline, "\n\n",
      absl::StrJoin(paragraphs.begin(), paragraphs.begin() + std::min<size_t>(paragraphs.size(), 3),
                    "\n\n"));
  const std::vector<Person> people = FindPeople(body);
  std::optional<Speaker> speaker = OpeningSpeaker(opening);
  const bool message_series = std::any_of(
      statement.aliases.begin(), statement.aliases.end(), [](const std::string& alias) {
        return alias.rfind("SG/SM/", 0) == 0 || alias.rfind("DSG/SM/", 0) == 0;
      });
  if (!speaker && message_series && verbatim.empty()) {
    const bool deputy = std::any_of(statement.aliases.begin(), statement.aliases.end(),
                                    [](const std::string& a) { return a.rfind("DSG/", 0) == 0; });
    speaker = Speaker{"", deputy ? "Deputy Secretary-General" : "Secretary-General"};
    for (const Person& person : people) {
      if (person.role == speaker->role) {
        speaker->name = person.name;
        break;
      }
    }
  }
  std::optional<Person> main_speaker;
  if (speaker && !speaker->name.empty()) main_speaker = Person{speaker->name, speaker->role, 0};
  std::vector<Quote> quotes = ExtractQuotes(paragraphs, people, main_speaker);
  // Each quote is looked for in the body: a bound keeps that linear.
  constexpr size_t kMaxQuotes = 200;
  if (quotes.size() > kMaxQuotes) quotes.resize(kMaxQuotes);
  // "the Assembly called on States to “desist and refrain”": an organ's
  // words are its text, not a person's speech.
  static const RE2 organ_speaker(
      R"((?i)(?:the\s+)?(?:general\s+|security\s+|economic and social\s+)?(?:assembly|council|)"
      R"(committee|commission|body|organ|text|resolution|draft|secretariat|court))");
  for (Quote& quote : quotes) {
    if (RE2::FullMatch(quote.speaker, organ_speaker)) quote.speaker.clear();
  }
  quotes.erase(std::remove_if(quotes.begin(), quotes.end(),
                              [&](const Quote& quote) { return IsTitleOrTerm(quote, body); }),
               quotes.end());
  statement.quotes = std::move(quotes);
  if (!verbatim.empty()) {
    // A verbatim record quotes no one: each speech is its speaker's words
    // ("Mr. Ibrahim (Malaysia): I thank you, Sir, ...").
    static const RE2 speech(
        R"(^((?:The (?:Acting )?President|The Secretary-General|The Deputy Secretary-General|)"
        R"((?:Mr|Ms|Mrs|Sir|Dame|Dr)\.?,?\s+\p{Lu}[\p{L}'’ -]{0,60}?)(?:\s*\([^():]{2,80}\)){0,2})\s*:\s+(.{3,})$)",
        RoomyRegexOptions());
    static const RE2 interpretation(R"(\s*\((?:spoke|interpretation)[^()]*\))");
    for (const std::string& paragraph : paragraphs) {
      if (statement.quotes.size() >= kMaxQuotes) break;
      std::string who, words;
      if (RE2::FullMatch(paragraph, speech, &who, &words)) {
        RE2::GlobalReplace(&who, interpretation, "");
        statement.quotes.push_back({std::move(words), std::move(who)});
      }
    }
  }
  if (!speaker && verbatim.empty()) {
    // Meetings coverage: the person quoted, when one is; nobody otherwise.
    for (const Quote& quote : statement.quotes) {
      if (quote.speaker.empty()) continue;
      speaker = Speaker{quote.speaker, ""};
      for (const Person& person : people) {
        if (person.name == quote.speaker) {
          speaker->role = person.role;
          break;
        }
      }
      if (speaker->role.empty()) speaker->role = AppositiveRole(body, quote.speaker);
      break;
    }
  }
  if (speaker && speaker->name.empty() && speaker->role.find("Spokes") != std::string::npos) {
    // Signed at its foot: "Stéphane Dujarric, Spokesman for the Secretary-General".
    static const RE2 signature(
        R"((?m)^((?:\p{Lu}[\p{L}'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]*),\s*(?:Deputy\s+)?)"
        R"(Spokes(?:person|man|woman) for the Secretary-General\.?$)");
    std::string name;
    if (RE2::PartialMatch(body, signature, &name)) speaker->name = name;
  }
  if (speaker) {
    statement.speaker = speaker->name;
    statement.speaker_role = speaker->role;
  }

  // Places, references, votes.
  const std::string all_text = absl::StrCat(statement.headline, "\n\n", body);
  for (std::string& place : FindPlaces(all_text)) add_place(std::move(place));
  for (std::string& place : FindCountryPlaces(all_text, states)) add_place(std::move(place));
  statement.places = std::move(places);
  const Organ organ = OrganOf(statement.aliases, opening);
  statement.references = FindCitedResolutions(all_text, organ);
  for (std::string& reference : FindReferences(all_text)) {
    if (std::find(statement.references.begin(), statement.references.end(), reference) ==
        statement.references.end()) {
      statement.references.push_back(std::move(reference));
    }
  }
  if (statement.language == "en") {
    statement.adoptions =
        FindReportedAdoptions(paragraphs, organ, states, &reading.extraction.warnings);
  } else if (statement.language == "fr") {
    reading.extraction.warnings.push_back(
        "the release is in French: its headline, date, speaker, places and references are read, "
        "the votes it reports are not");
  }
  if (states.empty() && !statement.adoptions.empty()) {
    reading.extraction.warnings.push_back(
        absl::StrCat("Member States in votes not read: ", MemberStates::DefaultLoadError()));
  }
  if (statement.headline.empty() && statement.speaker.empty() && statement.speaker_role.empty() &&
      statement.aliases.empty() && statement.adoptions.empty()) {
    reading.missing = "no headline, press symbol, speaker or reported adoption";
    return reading;
  }
  (void)headline_at;
  reading.extraction.statements.push_back(std::move(statement));
  return reading;
}

}  // namespace plenary::parsing
