#include "parsing/resolution_text.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parsing/citations.h"
#include "parsing/dates.h"
#include "parsing/html_text.h"
#include "common/text.h"
#include "model/symbol.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

// A line of the text as the reader sees it, furniture removed.
struct Line {
  std::string text;
  size_t page = 0;
};

// ---------------------------------------------------------------- cleanup

// Soft hyphens out, no-break spaces and hyphens as ASCII, pipes of web
// layouts as spaces, CR dropped.
std::string Normalize(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  for (size_t i = 0; i < content.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(content[i]);
    if (c == '\r') continue;
    if (c == '|') {
      out.push_back(' ');
      continue;
    }
    if (c == 0xC2 && i + 1 < content.size()) {
      const unsigned char next = static_cast<unsigned char>(content[i + 1]);
      if (next == 0xAD) {  // soft hyphen
        ++i;
        continue;
      }
      if (next == 0xA0) {  // no-break space
        out.push_back(' ');
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < content.size() && static_cast<unsigned char>(content[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(content[i + 2]) == 0x91 ||
         static_cast<unsigned char>(content[i + 2]) == 0x90)) {  // U+2011, U+2010
      out.push_back('-');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

bool IsPageFurniture(std::string_view line) {
  static const RE2 furniture(
      R"((?:\d{2}-\d{4,5}(?:\s*\([A-Z]\))?)"              // job number 13-45517 (E)
      R"(|\d{6,7})"                                       // date stamp 021118
      R"(|\*\d{5,}\*)"                                    // barcode *1345517*
      R"(|[`´'’]{3,})"                                    // barcode as pdftotext draws it
      R"(|[-=_*]{3,})"                                    // end rule "-----"
      R"(|(?i:please\s+recycle.*))"
      R"(|\d{1,3}\s*/\s*\d{1,3})"                         // page 2/5
      R"(|\d{1,4})"                                       // page 84, loose footnote number
      R"(|(?i:page)\s+\d{1,3})"                           // Page 2
      R"(|[I/|l]?\s*[•·.,]+[\s•·.,]*)"                    // continuation mark "/..." "I • ••"
      R"(|(?i:original:?\s*(?:english|french|spanish|russian|arabic|chinese)?))"
      R"(|(?i:[IVXL]+\.\s+)?\S*\s*(?i:resolutions?\s+)?(?i:adopted)\s+(?i:on|without)\s+)"
      R"(.{0,30}(?i:report|reference|committee).*)"       // compilation running head
      R"(|General\s+Assembly\s*[-—–]{1,2}.*)"           // "General Assembly--Thirtieth Session"
      R"(|(?i:resolutions\s+and\s+decisions.*)))");
  if (!line.empty() && line.front() == '[') return false;
  return RE2::FullMatch(line, furniture);
}

// French-dominant lines of a bilingual compilation.
int CountWords(std::string_view line, bool french) {
  static const RE2 word(R"(([\p{L}']+))");
  re2::StringPiece input(line.data(), line.size());
  std::string token;
  int count = 0;
  while (RE2::FindAndConsume(&input, word, &token)) {
    const std::string w = AsciiLower(token);
    if (french) {
      static const std::vector<std::string> kFrench = {
          "le", "la", "les", "des", "du", "de", "et", "que", "qui", "une", "un", "en", "pour",
          "par", "sur", "dans", "au", "aux", "est", "sont", "cette", "ces", "son", "ses", "leur",
          "leurs", "ne", "pas", "séance", "seance", "voix", "contre", "avec", "conseil",
          "sécurité", "securite", "adoptée", "adoptee", "résolution", "ont", "été", "ete",
          "à", "jes", "dont", "sans", "également", "mesure", "présente"};
      if (std::find(kFrench.begin(), kFrench.end(), w) != kFrench.end() ||
          w.rfind("l'", 0) == 0 || w.rfind("d'", 0) == 0 || w.rfind("qu'", 0) == 0) {
        ++count;
      }
    } else {
      static const std::vector<std::string> kEnglish = {
          "the", "of", "and", "to", "in", "by", "that", "which", "its", "for", "with", "on",
          "as", "be", "is", "are", "has", "have", "from", "at", "this", "it", "an", "or",
          "their", "was", "were", "all", "adopted", "votes", "meeting", "council", "security"};
      if (std::find(kEnglish.begin(), kEnglish.end(), w) != kEnglish.end()) ++count;
    }
  }
  return count;
}

bool IsFrench(std::string_view line) {
  // "Résolution du 27 octobre 1953", also as OCR reads it ("Re,-olution du").
  static const RE2 french_heading(R"((?i).*\bR\S{0,4}olution\s+du\b.*|.*\bs[ée]ance\.?)");
  if (RE2::FullMatch(line, french_heading)) return true;
  const int french = CountWords(line, true);
  return french >= 2 && french > CountWords(line, false);
}

// Joins `line` to `text`: a word hyphenated over the break is made whole.
void AppendLine(std::string& text, std::string_view line) {
  if (text.empty()) {
    text = std::string(line);
    return;
  }
  if (text.size() >= 2 && text.back() == '-' &&
      std::islower(static_cast<unsigned char>(text[text.size() - 2])) && !line.empty() &&
      std::islower(static_cast<unsigned char>(line.front()))) {
    text.pop_back();
    text += line;
    return;
  }
  text.push_back(' ');
  text += line;
}

// ------------------------------------------------------------ recognizers

struct Heading {
  std::string symbol;
  std::string as_written;
  std::string rest;  // the title, or what follows "Resolution of"
  bool council_compilation = false;
  std::optional<PartialDate> date;
};

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The month an OCR reading of its name stands for ("Oetohcr" -> "October"):
// the one nearest in spelling, when it is clearly nearest. Returns `word`
// unchanged otherwise.
std::string OcrMonth(const std::string& word) {
  static const std::vector<std::string> kMonths = {
      "january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december"};
  if (word.size() < 5 || word.size() > 10) return word;
  const std::string folded = AsciiLower(word);
  size_t best = 100, second = 100, best_index = 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    const size_t distance = EditDistance(folded, kMonths[i]);
    if (distance < best) {
      second = best;
      best = distance;
      best_index = i;
    } else if (distance < second) {
      second = distance;
    }
  }
  if (best > 3 || second <= best + 1 || folded[0] != kMonths[best_index][0]) return word;
  return kMonths[best_index];
}

std::optional<PartialDate> ParseOcrDate(std::string_view text) {
  static const RE2 shape(R"(\s*([0-9JOlI\]]{1,2})\s+([A-Za-z]+)\s+([0-9lIO\]]{4})\s*[.,]?\s*)");
  std::string day, month, year;
  if (!RE2::FullMatch(text, shape, &day, &month, &year)) return ParseDate(text);
  auto fix = [](std::string digits) {
    for (char& c : digits) {
      if (c == 'J' || c == 'l' || c == 'I' || c == ']') c = '1';
      if (c == 'O') c = '0';
    }
    return digits;
  };
  // "JO" is how OCR reads a typeset "10".
  if (day == "JO") day = "10";
  if (std::optional<PartialDate> date = ParseDate(absl::StrCat(fix(day), " ", month, " ", fix(year)))) {
    return date;
  }
  return ParseDate(absl::StrCat(fix(day), " ", OcrMonth(month), " ", fix(year)));
}

std::optional<Heading> ReadHeading(std::string_view raw_line, Organ document_organ) {
  // OCR reads the digits of "41/129." as letters ("4l/l29."): mended where
  // the shape of a session/number heading leaves no doubt.
  std::string mended(raw_line);
  static const RE2 ocr_number(R"(([0-9lIO]{1,2})/([0-9lIO]{1,4})\.(?:\s.*)?)");
  std::string session_part, number_part;
  if (RE2::FullMatch(mended, ocr_number, &session_part, &number_part) &&
      std::any_of(session_part.begin(), session_part.end(), ::isdigit) &&
      std::any_of(number_part.begin(), number_part.end(), ::isdigit)) {
    const size_t end = session_part.size() + 1 + number_part.size();
    for (size_t k = 0; k < end; ++k) {
      if (mended[k] == 'l' || mended[k] == 'I') mended[k] = '1';
      if (mended[k] == 'O') mended[k] = '0';
    }
  }
  const std::string_view line = mended;
  static const RE2 numbered(
      R"(((?:E?S-)?\d{1,2}/\d{1,4}|\d{4}/\d{1,4}(?:\s*\(\s*[IVXLC]{1,7}\s*\))?)"
      R"(|\d{1,4}(?:\s\d{1,3})?\s*\(\s*(?:[IVXLC]{1,7}|E?S-[IVX]{1,5})\s*\))\s*\.\s*(.*))");
  static const RE2 council(
      R"((?i:resolution)\s+(\d{1,4})\s*\(\s*(\d{4})\s*\)\s*(?:,?\s*(?i:of|adopted\s+on)\s+(.*))?)");
  static const RE2 council_compilation(
      R"((\d{1,4})\s*\(\s*(\d{4})\s*\)\s*\.\s*Resolution\s+of\s+(.*))");
  std::string number, rest, year;
  Heading heading;
  if (RE2::FullMatch(line, council_compilation, &number, &year, &rest)) {
    heading.as_written = absl::StrCat(number, " (", year, ")");
    heading.symbol = absl::StrCat("S/RES/", number, " (", year, ")");
    heading.council_compilation = true;
    heading.date = ParseOcrDate(rest);
    return heading;
  }
  if (RE2::FullMatch(line, council, &number, &year, &rest)) {
    heading.as_written = absl::StrCat(number, " (", year, ")");
    heading.symbol = absl::StrCat("S/RES/", number, " (", year, ")");
    if (!rest.empty()) {
      // "Resolution 242 (1967) of 22 November 1967"
      heading.date = ParseOcrDate(rest);
      if (!heading.date) return std::nullopt;
    }
    return heading;
  }
  if (RE2::FullMatch(line, numbered, &number, &rest)) {
    // "33 79 (XXX)": OCR split the number.
    static const RE2 split_number(R"((\d{1,2}) (\d{1,3})(\s*\(.*))");
    std::string head, tail, session;
    if (RE2::FullMatch(number, split_number, &head, &tail, &session)) {
      number = absl::StrCat(head, tail, session);
    }
    const Organ organ = number.find('(') != std::string::npos &&
                                document_organ == Organ::kEconomicAndSocialCouncil
                            ? document_organ
                            : Organ::kUnknown;
    heading.symbol = CanonicalResolutionNumber(number, organ);
    if (heading.symbol.empty() || heading.symbol.find('[') != std::string::npos) {
      return std::nullopt;
    }
    heading.as_written = number;
    heading.rest = std::string(TrimSpace(rest));
    return heading;
  }
  return std::nullopt;
}

// "The General Assembly," opening a preamble; the rest of the line (a
// flattened text) in `rest`.
std::optional<Organ> ReadOrganLine(std::string_view line, std::string* rest) {
  static const RE2 organ_line(
      R"(The\s+(General\s+Assembly|Security\s+Coun(?:cil|ci[1lI]|cii)|Economic\s+and\s+Social\s+Council)\s*[,.;]?\s*(.*))");
  std::string name;
  if (!RE2::FullMatch(line, organ_line, &name, rest)) return std::nullopt;
  // "The General Assembly decided ..." is a sentence, not the opening.
  if (!rest->empty() && !std::isupper(static_cast<unsigned char>((*rest)[0]))) return std::nullopt;
  if (name.find("Assembly") != std::string::npos) return Organ::kGeneralAssembly;
  if (name.find("Security") != std::string::npos) return Organ::kSecurityCouncil;
  return Organ::kEconomicAndSocialCouncil;
}

bool IsPreambleOpener(std::string_view word) {
  static const RE2 opener(
      R"((?:[A-Z][a-z]+(?:ing|ed)|Mindful|Aware|Conscious|Cognizant|Deeply|Gravely|Seriously|)"
      R"(Strongly|Further|Also|Bearing|Keeping|Desirous|Anxious|Fully|Firmly|Alarmed|Appalled|)"
      R"(Encouraged|Guided|Convinced|Concerned|Determined|Reaffirming|Noting|Welcoming|Having|)"
      R"(Taking|Recognizing|Recalling|Expressing|Emphasizing|Stressing|Underlining|Acknowledging|)"
      R"(Considering|Believing|Affirming|Reiterating|Observing|Regretting|Condemning|Deploring))");
  return RE2::FullMatch(word, opener);
}

bool IsOperativeVerb(std::string_view word) {
  static const RE2 verb(
      R"((?:Decides|Determines|Calls|Requests|Urges|Invites|Instructs|Expresses|Recommends|)"
      R"(Affirms|Reaffirms|Notes|Takes|Welcomes|Appeals|Authorizes|Condemns|Strongly|Demands|)"
      R"(Emphasizes|Encourages|Stresses|Endorses|Approves|Adopts|Declares|Proclaims|Considers|)"
      R"(Deplores|Reiterates|Commends|Acknowledges|Recognizes|Underlines|Underscores|Also|)"
      R"(Further|Requires|Establishes|Extends|Renews|Confirms|Supports|Agrees|Resolves|)"
      R"(Appreciates|Insists|Reminds|Regrets|Emphasises|Encourages|Directs|Elects|Appoints|)"
      R"(Designates|Accepts|Authorises|Transmits|Refers|Highlights|Looks|Pays|Salutes|Thanks|)"
      R"(Condemns|Rejects|Remains|Invites|Draws|Observes|Warns|Acknowledges|Once|Again)\b)");
  std::string fixed(word);
  // OCR reads a capital I as a lower-case l ("lnstructs").
  if (fixed.size() > 2 && fixed[0] == 'l' && std::islower(static_cast<unsigned char>(fixed[1])) &&
      fixed[1] != 'e' && fixed[1] != 'i' && fixed[1] != 'o' && fixed[1] != 'a') {
    fixed[0] = 'I';
  }
  return RE2::FullMatch(fixed, verb);
}

std::string FirstWord(std::string_view text) {
  size_t end = 0;
  while (end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) ||
                               text[end] == '-')) {
    ++end;
  }
  return std::string(text.substr(0, end));
}

bool EndsClause(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '"' ||
                           static_cast<unsigned char>(text.back()) == 0x9D)) {
    text.remove_suffix(1);
  }
  if (text.empty()) return true;
  const char last = text.back();
  return last == ',' || last == ';' || last == ':' || last == '.';
}

bool EndsSentence(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return true;
  const char last = text.back();
  return last == ';' || last == ':' || last == '.';
}

// Footnote markers left in running text: loose one- or two-digit numbers
// after a word or a closing mark ("Memorandum) of 5 December 1994, 1 the
// Treaty"), never a number a word before it asks for ("paragraph 2").
std::string WithoutFootnoteMarkers(const std::string& text) {
  std::vector<std::string> words;
  size_t begin = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      if (i > begin) words.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  static const RE2 marker(R"(\d{1,2}[,;.:]?)");
  static const RE2 asks_for_number(
      R"((?i)(?:paragraphs?|articles?|chapters?|annex(?:es)?|items?|rules?|no\.?|resolutions?|)"
      R"(decisions?|and|to|of|the|principles?|goals?|sections?|parts?|from|than|over|under|)"
      R"(about|least|most|only|some|all|first|last|by|with|or|nos?\.|pages?|p\.|pp\.|)"
      R"(targets?|phase|step|level|protocol|in|at|on|for|each|every|per|whereas|sub-?paragraphs?|)"
      R"(january|february|march|april|may|june|july|august|september|october|november|december))");
  static const RE2 unit_after(
      R"((?i)(?:per|percent|years?|members?|votes?|days?|months?|weeks?|countries|states|times|)"
      R"(million|billion|hours?|January|February|March|April|May|June|July|August|)"
      R"(September|October|November|December)\b.*)");
  // A marker glued to the punctuation before it: "Court,2", "2024,1".
  static const RE2 glued(R"((.*(?:[A-Za-z)\x{201D}]{2}|\d{4})[,;.:])\d{1,2})");
  for (std::string& word : words) RE2::FullMatch(word, glued, &word);
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (i > 0 && RE2::FullMatch(word, marker)) {
      const std::string& previous = words[i - 1];
      const char last = previous.back();
      const bool after_word = std::isalpha(static_cast<unsigned char>(last)) || last == ',' ||
                              last == ')' || last == ';' || last == '"' ||
                              static_cast<unsigned char>(last) == 0x9D;
      std::string bare_previous = previous;
      while (!bare_previous.empty() && !std::isalnum(static_cast<unsigned char>(bare_previous.back())) &&
             bare_previous.back() != '.') {
        bare_previous.pop_back();
      }
      const bool asked = RE2::FullMatch(bare_previous, asks_for_number) ||
                         (!bare_previous.empty() &&
                          std::all_of(bare_previous.begin(), bare_previous.end(),
                                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
      const bool unit = i + 1 < words.size() && RE2::FullMatch(words[i + 1], unit_after);
      if (after_word && !asked && !unit) {
        const char tail = word.back();
        if (tail == ',' || tail == ';' || tail == '.' || tail == ':') out.push_back(tail);
        continue;
      }
    }
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

// Splits a line that holds a whole flattened text ("The Security Council,
// Recalling ..., Reaffirming ...") at the start of each clause.
std::vector<std::string> SplitFlattened(const std::string& text) {
  if (text.size() < 300) return {text};
  std::vector<std::string> pieces;
  size_t begin = 0;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    const bool after_clause = (text[i] == ',' || text[i] == ';') && text[i + 1] == ' ';
    if (!after_clause) continue;
    const std::string_view next = std::string_view(text).substr(i + 2);
    static const RE2 numbered(R"(\d{1,3}\.\s.*)");
    const std::string word = FirstWord(next);
    const bool opens = (!word.empty() && std::isupper(static_cast<unsigned char>(word[0])) &&
                        (IsPreambleOpener(word) || IsOperativeVerb(word))) ||
                       (text[i] == ';' && RE2::FullMatch(next.substr(0, 6), R"(\d{1,3}\.\s.*)"));
    (void)numbered;
    if (!opens) continue;
    pieces.push_back(text.substr(begin, i + 1 - begin));
    begin = i + 2;
  }
  pieces.push_back(text.substr(begin));
  return pieces;
}

// ------------------------------------------------------------- the reader

// The symbol of the verbatim record of meeting `number` of the organ that
// adopted `symbol`: "S/PV.4213"; "A/64/PV.66" for the Assembly's numbered
// sessions ("A/ES-10/PV.37" for emergency special ones), "A/PV.2400" before
// them. Empty when unknown (the Economic and Social Council's summary
// records vary).
std::string MeetingRecord(const std::string& symbol, int number) {
  if (number == 0) return "";
  if (symbol.rfind("S/RES/", 0) == 0) return absl::StrCat("S/PV.", number);
  static const RE2 session(R"(A/RES/((?:E?S-)?\d{1,3})/\d+)");
  std::string session_number;
  if (RE2::FullMatch(symbol, session, &session_number)) {
    return absl::StrCat("A/", session_number, "/PV.", number);
  }
  if (symbol.rfind("A/RES/", 0) == 0) return absl::StrCat("A/PV.", number);
  return "";
}

enum class Mode { kOutside, kTitle, kBody, kAnnex, kClosed };

struct Draft {
  Resolution resolution;
  std::string as_written;
  std::string title;
  bool wants_title = false;
  bool title_done = false;
  std::vector<size_t> pages;
  std::string citation_text;  // its paragraphs and the footnotes of its pages
  std::optional<PartialDate> stated_adoption;  // adoption line or heading
  std::optional<PartialDate> meeting_date;
  size_t last_paragraph_line = 0;
  int last_operative = 0;
  bool operative_seen = false;
  // Lines of a Council resolution before its "The Security Council," line,
  // with their index.
  std::vector<std::pair<std::string, size_t>> before_organ;
};

// A short heading between a finished paragraph and a numbered one: no
// sentence (no closing punctuation), not a paragraph's opening word.
bool IsSectionHeading(const std::string& text, const Draft& draft, std::string_view next_line) {
  static const RE2 numbered_next(R"([0-9lIS]{1,3}\s*\..*)");
  const std::vector<Paragraph>& paragraphs = draft.resolution.paragraphs;
  if (text.size() > 80 || paragraphs.empty() || !EndsSentence(paragraphs.back().text)) return false;
  if (!std::isupper(static_cast<unsigned char>(text[0])) || EndsClause(text)) return false;
  const std::string word = FirstWord(text);
  if (IsPreambleOpener(word) || IsOperativeVerb(word)) return false;
  return RE2::FullMatch(next_line, numbered_next);
}

class Reader {
 public:
  Reader(std::vector<Line> lines, std::vector<std::string> page_footnotes,
         std::vector<std::string> masthead_symbols, Organ document_organ)
      : lines_(std::move(lines)),
        footnotes_(std::move(page_footnotes)),
        masthead_symbols_(std::move(masthead_symbols)),
        document_organ_(document_organ) {}

  std::vector<Resolution> Read(size_t max_resolutions);
  // Whether Read stopped at its limit with resolutions left unread.
  bool truncated() const { return truncated_; }

 private:
  void Start(const std::string& symbol, const std::string& as_written, Organ organ);
  void Finish();
  void ReplayBeforeOrgan();
  void AddParagraphLine(const std::string& text, size_t index);
  void ReadVoteLine(size_t& index);
  Draft* current() { return drafts_.empty() || mode_ == Mode::kOutside ? nullptr : &drafts_.back(); }

  std::vector<Line> lines_;
  std::vector<std::string> footnotes_;
  std::vector<std::string> masthead_symbols_;
  Organ document_organ_;
  std::vector<Draft> drafts_;
  Mode mode_ = Mode::kOutside;

  // What precedes a resolution's opening in some layouts.
  std::optional<PartialDate> pending_adoption_;
  std::optional<PartialDate> pending_date_;
  int pending_meeting_ = 0;
  std::string pending_symbol_;
  std::string pending_symbol_written_;
  std::vector<std::string> pending_sources_;
  std::vector<std::string> pending_title_;
  std::string pending_number_;
  bool decision_pending_ = false;
  bool truncated_ = false;  // more resolutions than the limit; the rest unread
};

std::vector<std::string> SourceDocuments(std::string_view bracket) {
  static const RE2 symbol(R"(([A-Z]{1,6}(?:\s*/\s*[A-Za-z0-9.\-]+)+))");
  static const RE2 addendum(R"(^\s*(?:and|,)\s*((?:Add|Corr|Rev)\.\s*\d+))");
  std::vector<std::string> documents;
  re2::StringPiece input(bracket.data(), bracket.size());
  std::string found;
  while (RE2::FindAndConsume(&input, symbol, &found)) {
    found.erase(std::remove(found.begin(), found.end(), ' '), found.end());
    while (!found.empty() && (found.back() == ')' || found.back() == '.')) found.pop_back();
    documents.push_back(found);
    std::string suffix;
    while (RE2::Consume(&input, addendum, &suffix)) {
      suffix.erase(std::remove(suffix.begin(), suffix.end(), ' '), suffix.end());
      documents.push_back(absl::StrCat(found, "/", suffix));
    }
  }
  return documents;
}

void Reader::Start(const std::string& symbol, const std::string& as_written, Organ organ) {
  Finish();
  Draft& draft = drafts_.emplace_back();
  draft.resolution.symbol = symbol;
  draft.as_written = as_written;
  draft.resolution.body = OrganName(organ == Organ::kUnknown ? OrganOfSymbol(symbol) : organ);
  draft.wants_title = OrganOfSymbol(symbol) != Organ::kSecurityCouncil;
  if (pending_adoption_) draft.stated_adoption = pending_adoption_;
  if (pending_date_ && !draft.stated_adoption) draft.stated_adoption = pending_date_;
  if (pending_meeting_ != 0) draft.resolution.meeting.number = pending_meeting_;
  draft.resolution.source_documents = pending_sources_;
  if (!pending_symbol_written_.empty()) {
    draft.resolution.aliases.push_back(pending_symbol_written_);
  }
  pending_adoption_.reset();
  pending_date_.reset();
  pending_meeting_ = 0;
  pending_sources_.clear();
  pending_symbol_.clear();
  pending_symbol_written_.clear();
  pending_title_.clear();
  pending_number_.clear();
  mode_ = Mode::kTitle;
}

// Lines printed before the organ line that open a preambular or operative
// clause, and those that continue them, become paragraphs; the date line,
// the draft's symbol and the like do not.
void Reader::ReplayBeforeOrgan() {
  if (drafts_.empty()) return;
  std::vector<std::pair<std::string, size_t>> lines = std::move(drafts_.back().before_organ);
  drafts_.back().before_organ.clear();
  bool started = false;
  for (const auto& [text, index] : lines) {
    const std::string word = FirstWord(text);
    if (!started && !(IsPreambleOpener(word) || IsOperativeVerb(word))) continue;
    started = true;
    AddParagraphLine(text, index);
  }
}

void Reader::Finish() {
  if (drafts_.empty() || mode_ == Mode::kOutside) return;
  mode_ = Mode::kOutside;
}

void Reader::AddParagraphLine(const std::string& raw, size_t index) {
  Draft& draft = drafts_.back();
  std::vector<Paragraph>& paragraphs = draft.resolution.paragraphs;
  const bool annex = mode_ == Mode::kAnnex;
  std::string text = raw;

  static const RE2 numbered(R"(([0-9lIS]{1,3})\s*\.\s+(.*))");
  static const RE2 standalone(R"(([0-9lIS]{1,3})\s*\.)");
  static const RE2 sub_item(R"(\(\s*([a-z]{1,2}|[ivx]{1,5})\s*\)\s*(.*))");
  static const RE2 article(R"((?i:artic\S*)\s+\S{1,3})");

  auto as_number = [&](std::string number) -> std::string {
    const bool ocr = number.find_first_not_of("0123456789") != std::string::npos;
    if (!ocr) return number;
    std::string fixed = number;
    for (char& c : fixed) {
      if (c == 'l' || c == 'I') c = '1';
      if (c == 'S') c = '5';
    }
    // OCR readings count only where the sequence asks for them.
    if (annex || std::stoi(fixed) == draft.last_operative + 1) return fixed;
    return "";
  };

  std::string number_text;
  if (RE2::FullMatch(text, standalone, &number_text)) {
    const std::string number = as_number(number_text);
    if (number.empty()) return;
    // pdftotext may print a paragraph's number after its first line.
    if (!paragraphs.empty() && paragraphs.back().number.empty() &&
        !EndsClause(paragraphs.back().text) && draft.last_paragraph_line + 2 >= index &&
        paragraphs.back().kind != ParagraphKind::kPreambular) {
      paragraphs.back().number = number;
      if (!annex) draft.last_operative = std::stoi(number);
      return;
    }
    if (!paragraphs.empty() && paragraphs.back().number.empty() &&
        !EndsClause(paragraphs.back().text) && draft.last_paragraph_line + 2 >= index &&
        IsOperativeVerb(FirstWord(paragraphs.back().text))) {
      paragraphs.back().number = number;
      paragraphs.back().kind = annex ? ParagraphKind::kAnnex : ParagraphKind::kOperative;
      if (!annex) {
        draft.last_operative = std::stoi(number);
        draft.operative_seen = true;
      }
      return;
    }
    pending_number_ = number;
    return;
  }

  Paragraph paragraph;
  std::string rest;
  bool starts = false;
  if (RE2::FullMatch(text, numbered, &number_text, &rest)) {
    const std::string number = as_number(number_text);
    if (!number.empty()) {
      paragraph.number = number;
      paragraph.text = rest;
      starts = true;
    }
  }
  if (!starts && RE2::FullMatch(text, sub_item, &number_text, &rest)) {
    paragraph.number = absl::StrCat("(", number_text, ")");
    paragraph.text = rest;
    starts = true;
  }
  if (!starts && annex && RE2::FullMatch(text, article)) {
    paragraph.text = text;
    starts = true;
  }
  if (!starts) {
    const std::string word = FirstWord(text);
    const bool capital = !text.empty() && (std::isupper(static_cast<unsigned char>(text[0])) ||
                                           (word.size() > 2 && word[0] == 'l' &&
                                            IsOperativeVerb(word)));
    if (paragraphs.empty() || !pending_number_.empty()) {
      starts = true;
    } else if (capital && EndsSentence(paragraphs.back().text)) {
      starts = true;
    } else if (capital && EndsClause(paragraphs.back().text) &&
               (IsPreambleOpener(word) || IsOperativeVerb(word))) {
      starts = true;
    }
    if (starts) paragraph.text = text;
  }
  if (!starts) {
    AppendLine(paragraphs.back().text, text);
    draft.last_paragraph_line = std::max(draft.last_paragraph_line, index);
    return;
  }
  if (paragraph.number.empty() && !pending_number_.empty()) {
    paragraph.number = pending_number_;
  }
  pending_number_.clear();

  if (annex) {
    paragraph.kind = ParagraphKind::kAnnex;
  } else if (!paragraph.number.empty() && paragraph.number[0] == '(') {
    paragraph.kind = paragraphs.empty() ? ParagraphKind::kOperative : paragraphs.back().kind;
  } else if (!paragraph.number.empty()) {
    paragraph.kind = ParagraphKind::kOperative;
    draft.last_operative = std::stoi(paragraph.number);
  } else {
    paragraph.kind = draft.operative_seen || IsOperativeVerb(FirstWord(paragraph.text))
                         ? ParagraphKind::kOperative
                         : ParagraphKind::kPreambular;
  }
  if (paragraph.kind == ParagraphKind::kOperative) draft.operative_seen = true;
  paragraphs.push_back(std::move(paragraph));
  draft.last_paragraph_line = index;
}

int WordNumber(std::string_view word) {
  static const std::vector<std::string> kWords = {"none", "one", "two", "three", "four", "five",
                                                  "six", "seven", "eight", "nine", "ten"};
  const std::string folded = AsciiLower(word);
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (folded == kWords[i]) return static_cast<int>(i);
  }
  int value = 0;
  for (char c : word) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
    if (value > 1000) return -1;
  }
  return word.empty() ? -1 : value;
}

// Reads "Adopted at the 396th meeting by 8 votes to none, with 3
// abstentions (...)" (over several lines) into the open resolution.
void Reader::ReadVoteLine(size_t& index) {
  std::string text = lines_[index].text;
  // The vote line may wrap; the English side of a bilingual page may be
  // split by the French one.
  for (size_t next = index + 1; next < lines_.size() && next <= index + 4; ++next) {
    const std::string& line = lines_[next].text;
    static const RE2 continues(R"((?i)(?:by|hv|ing|with|abstention|votes?|\(|[a-z]|.*\bmeet).*)");
    if (!RE2::FullMatch(line, continues)) break;
    if (ReadHeading(line, document_organ_)) break;
    AppendLine(text, line);
    index = next;
    if (line.find(')') != std::string::npos || line.back() == '.') break;
  }
  if (drafts_.empty() || mode_ == Mode::kOutside || mode_ == Mode::kClosed) return;
  Resolution& resolution = drafts_.back().resolution;
  static const RE2 meeting(R"((?i)at\s+the\s+\S*?(\d{1,4})\s*(?:st|nd|rd|th)\s+meet)");
  int number = 0;
  if (RE2::PartialMatch(text, meeting, &number) && resolution.meeting.number == 0) {
    resolution.meeting.number = number;
  }
  Vote& vote = resolution.vote;
  vote.as_written = CollapseWhitespace(text);
  static const RE2 counts(
      R"((?i)\b(?:by|hv)\s+(\w+)\s+votes?\s+to\s+(\w+)(?:\s*,?\s*with\s+(\w+)\s+abstentions?)?)");
  std::string yes, no, abstain;
  if (RE2::PartialMatch(text, counts, &yes, &no, &abstain)) {
    vote.method = VoteMethod::kRecorded;
    if (int v = WordNumber(yes); v >= 0) vote.in_favour = v;
    if (int v = WordNumber(no); v >= 0) vote.against = v;
    vote.abstaining = abstain.empty() ? 0 : WordNumber(abstain);
    if (vote.abstaining && *vote.abstaining < 0) vote.abstaining.reset();
  } else if (AsciiLower(text).find("adopted un") != std::string::npos ||
             AsciiLower(text).find("unanimous") != std::string::npos) {
    vote.method = VoteMethod::kUnanimous;
  } else if (AsciiLower(text).find("consensus") != std::string::npos) {
    vote.method = VoteMethod::kConsensus;
  } else if (AsciiLower(text).find("show of hands") != std::string::npos) {
    vote.method = VoteMethod::kShowOfHands;
  } else if (AsciiLower(text).find("without") != std::string::npos &&
             AsciiLower(text).find("vote") != std::string::npos) {
    vote.method = VoteMethod::kWithoutVote;
  }
  mode_ = Mode::kClosed;
}

std::vector<Resolution> Reader::Read(size_t max_resolutions) {
  static const RE2 adoption(
      R"((?i)Resolution\s+adopted\s+by\s+the\s+(General\s+Assembly|Economic\s+and\s+Social\s+Council|Security\s+Council)\s*(?:on\s*)?(.*))");
  static const RE2 council_adoption(
      R"((?i)Adopted\s+by\s+the\s+Security\s+Council\s+at\s+its\s+(\d{1,5})\s*(?:st|nd|rd|th)\s+meeting\s*,?\s*(?:on\s*)?(.*))");
  // "80th plenary meeting", "Hundred and eighty-third plenary meeting,
  // 10 December 1948." (the date on the line or the next one).
  static const RE2 plenary(
      R"((?i)(\d{1,4}\s*(?:st|nd|rd|th)|[a-z][a-z\- ]{2,60}?)\s+plenary\s+meeting\s*[.,]?\s*(.*))");
  static const RE2 gopher(R"(Member\s+Name\s+([AE])(\d{2})r(\d{3})(.*))");
  // "Adopted unanimously at the 1382nd meeting" (OCR: "unaninwusly").
  static const RE2 adopted_at(R"(Adopted\s+(?:at|by|un[a-z]{6,10}|without)\b.*)");
  static const RE2 annex(R"((?i)annex(?:es)?(?:\s+[IVX]{1,4})?\s*)");
  // Section marks of an operative part or a compilation ("II", "llI",
  // "VI.", "B"); "I." alone may be a paragraph number and is left to it.
  static const RE2 section_mark(R"([IVXl1]{1,4}|[A-H]\.?|[IVXL]*[VXL][IVXL]*\.|II\.|III\.)");
  // A heading in capitals ("THE CZECHOSLOVAK QUESTION") ends what precedes.
  static const RE2 upper_heading(R"([^a-z/\d]*[A-Z]{3,}\s+[A-Z]{2,}[^a-z/\d]*)");
  static const RE2 decisions(R"((?i)decision\S{0,3})");
  static const RE2 bracket(R"(\[\s*(.*?)\s*[\])]?\s*)");
  static const RE2 decision_adopted(R"((?i)^\s*decision\s+adopted\s+by\b)");

  for (size_t i = 0; i < lines_.size(); ++i) {
    const std::string& text = lines_[i].text;
    std::string a, b;

    // A running head repeating a resolution's symbol.
    static const RE2 symbol_line(R"((?i:[ASE])/RES/\S+(?:\s*\(\s*\d{4}\s*\))?)");
    if (RE2::FullMatch(text, symbol_line)) continue;
    if (RE2::PartialMatch(text, decision_adopted)) {
      decision_pending_ = true;
      continue;
    }
    if (std::optional<Heading> heading = ReadHeading(text, document_organ_)) {
      if (drafts_.size() >= max_resolutions) {
        truncated_ = true;
        break;
      }
      // A decision's number ("73/555.") is no resolution's.
      if (decision_pending_) {
        decision_pending_ = false;
        Finish();
        continue;
      }
      // "Resolution 2208 (2015)" alone on a line opens a resolution only
      // where the adoption line follows or the masthead names it: a press
      // release may print it as a heading of its own.
      if (OrganOfSymbol(heading->symbol) == Organ::kSecurityCouncil && !heading->date &&
          !heading->council_compilation &&
          std::find(masthead_symbols_.begin(), masthead_symbols_.end(), heading->symbol) ==
              masthead_symbols_.end()) {
        // A compilation prints the date on a line of its own below
        // ("Resolution 242 (1967)" ... "of 22 November 1967").
        static const RE2 of_date(R"((?i)of\s+(.*))");
        bool adoption_follows = false;
        for (size_t next = i + 1; next < lines_.size() && next <= i + 3; ++next) {
          std::string date_text;
          if (RE2::PartialMatch(lines_[next].text, council_adoption)) adoption_follows = true;
          if (RE2::FullMatch(lines_[next].text, of_date, &date_text)) {
            if (std::optional<PartialDate> date = ParseOcrDate(date_text)) {
              heading->date = date;
              adoption_follows = true;
            }
          }
        }
        if (!adoption_follows) continue;
      }
      // The same heading twice (a bilingual page's two columns).
      if (!drafts_.empty() && mode_ != Mode::kOutside && drafts_.back().resolution.symbol == heading->symbol &&
          drafts_.back().resolution.paragraphs.empty()) {
        continue;
      }
      Start(heading->symbol, heading->as_written, OrganOfSymbol(heading->symbol));
      Draft& draft = drafts_.back();
      if (heading->date) draft.stated_adoption = heading->date;
      draft.pages.push_back(lines_[i].page);
      if (draft.wants_title && !heading->rest.empty()) draft.title = heading->rest;
      // A Council resolution has no title: what stands before "The Security
      // Council," (the date, the draft's symbol, the other column) is no
      // paragraph.
      if (!draft.wants_title) draft.title_done = true;
      continue;
    }
    if (RE2::FullMatch(text, adoption, &a, &b) || RE2::FullMatch(text, council_adoption, &a, &b)) {
      const bool council = std::isdigit(static_cast<unsigned char>(a[0]));
      static const RE2 leading_on(R"((?i)^\s*(?:on\s+)?)");
      std::string date_text = b;
      RE2::Replace(&date_text, leading_on, "");
      if (ParseDate(date_text) == std::nullopt && i + 1 < lines_.size()) {
        std::string joined = absl::StrCat(date_text, " ", lines_[i + 1].text);
        RE2::Replace(&joined, leading_on, "");
        if (ParseDate(joined)) {
          date_text = joined;
          ++i;
        }
      }
      std::optional<PartialDate> date = ParseDate(date_text);
      if (Draft* draft = current(); draft != nullptr && council) {
        if (date) draft->stated_adoption = date;
        draft->resolution.meeting.number = std::stoi(a);
      } else {
        if (date) pending_adoption_ = date;
        if (council) pending_meeting_ = std::stoi(a);
      }
      continue;
    }
    if (RE2::FullMatch(text, bracket, &a) && text.front() == '[') {
      std::vector<std::string> documents = SourceDocuments(a);
      Draft* draft = current();
      std::vector<std::string>& target =
          draft != nullptr && draft->resolution.paragraphs.empty() ? draft->resolution.source_documents
                                                                   : pending_sources_;
      for (std::string& document : documents) {
        if (std::find(target.begin(), target.end(), document) == target.end()) {
          target.push_back(std::move(document));
        }
      }
      continue;
    }
    int meeting_number = 0;
    std::string ordinal, same_line;
    if (RE2::FullMatch(text, plenary, &ordinal, &same_line) &&
        (same_line.empty() || ParseOcrDate(same_line))) {
      meeting_number = 0;
      RE2::PartialMatch(ordinal, R"((\d{1,4}))", &meeting_number);
      std::optional<PartialDate> date;
      if (!same_line.empty()) {
        date = ParseOcrDate(same_line);
      } else if (i + 1 < lines_.size()) {
        date = ParseOcrDate(lines_[i + 1].text);
        if (date) ++i;
      }
      Draft* draft = current();
      if (draft != nullptr && !draft->resolution.paragraphs.empty() && mode_ != Mode::kClosed) {
        draft->resolution.meeting.number = meeting_number;
        if (date) {
          draft->meeting_date = date;
          draft->resolution.meeting.date = *date;
        }
        mode_ = Mode::kClosed;
      } else if (draft == nullptr || mode_ == Mode::kClosed) {
        pending_meeting_ = meeting_number;
        if (date) pending_date_ = date;
        pending_title_.clear();
      } else {
        draft->resolution.meeting.number = meeting_number;
        if (date) draft->resolution.meeting.date = *date;
      }
      continue;
    }
    std::string label_number, label_rest;
    if (RE2::FullMatch(text, gopher, &a, &b, &label_number, &label_rest)) {
      const std::string_view rest = label_rest;
      const int two_digit_year = std::stoi(b);
      const int number = std::stoi(label_number);
      if (a == "E") {
        pending_symbol_ = absl::StrCat("E/RES/", 1900 + two_digit_year, "/", number);
        pending_symbol_written_ = absl::StrCat(1900 + two_digit_year, "/", number);
      }
      if (std::optional<PartialDate> date = ParseDate(rest)) pending_date_ = date;
      pending_title_.clear();
      continue;
    }
    if (RE2::FullMatch(text, adopted_at)) {
      ReadVoteLine(i);
      continue;
    }
    std::string rest;
    if (std::optional<Organ> organ = ReadOrganLine(text, &rest)) {
      Draft* draft = current();
      if (draft != nullptr && (mode_ == Mode::kTitle || (mode_ == Mode::kBody &&
                                                          draft->resolution.paragraphs.empty()))) {
        draft->title_done = true;
        mode_ = Mode::kBody;
        ReplayBeforeOrgan();
      } else if (draft == nullptr || mode_ == Mode::kClosed) {
        // A resolution whose number the text states only in its masthead
        // or a label.
        std::string symbol = pending_symbol_;
        std::string written = pending_symbol_written_;
        if (symbol.empty() && masthead_symbols_.size() == 1 &&
            std::none_of(drafts_.begin(), drafts_.end(), [&](const Draft& d) {
              return d.resolution.symbol == masthead_symbols_.front();
            })) {
          symbol = masthead_symbols_.front();
        }
        if (symbol.empty()) {
          // An unnumbered resolution (a part of one, or one cut off): no record.
          mode_ = Mode::kOutside;
          pending_title_.clear();
          continue;
        }
        std::vector<std::string> title_lines = pending_title_;
        pending_symbol_written_.clear();
        Start(symbol, written, *organ);
        if (!written.empty()) drafts_.back().resolution.aliases.push_back(written);
        Draft& started = drafts_.back();
        if (started.wants_title) {
          for (const std::string& line : title_lines) AppendLine(started.title, line);
        }
        started.title_done = true;
        started.pages.push_back(lines_[i].page);
        mode_ = Mode::kBody;
      } else if (mode_ == Mode::kAnnex) {
        AddParagraphLine(text, i);
        continue;
      }
      if (!rest.empty() && (mode_ == Mode::kBody)) {
        for (const std::string& piece : SplitFlattened(rest)) AddParagraphLine(piece, i);
      }
      continue;
    }
    if (RE2::FullMatch(text, annex)) {
      if (!drafts_.empty() && (mode_ == Mode::kClosed || mode_ == Mode::kBody)) {
        mode_ = Mode::kAnnex;
        drafts_.back().pages.push_back(lines_[i].page);
      }
      continue;
    }
    if (RE2::FullMatch(text, section_mark)) continue;
    // "Decisions" ends the resolutions of a compilation page; a heading in
    // capitals (a section or an agenda item's title) is no paragraph.
    if (RE2::FullMatch(text, decisions)) {
      if (mode_ != Mode::kOutside && mode_ != Mode::kTitle) mode_ = Mode::kClosed;
      continue;
    }
    if (RE2::FullMatch(text, upper_heading) && mode_ != Mode::kTitle) continue;

    // Footnotes an OCR page prints among its lines ("See General Assembly
    // resolution 194 (III).") cite for the resolutions of the page.
    static const RE2 footnote(R"((?:\d{1,3}\s+|[^\w\s]\s*)?(?:See|Resolution)\s.{0,200})");
    if (RE2::FullMatch(text, footnote) && text.size() < 200 &&
        (text[0] == 'S' || text[0] == 'R' ? text.back() == '.' : true)) {
      if (lines_[i].page < footnotes_.size()) absl::StrAppend(&footnotes_[lines_[i].page], text, "\n");
      if (!drafts_.empty() && (mode_ == Mode::kClosed || mode_ == Mode::kOutside ||
                               !EndsClause(text))) {
        continue;
      }
    }
    Draft* draft = current();
    if (draft == nullptr || mode_ == Mode::kClosed) {
      std::optional<PartialDate> date;
      // A date alone on its line after a label or meeting line (web copies
      // of the Council's resolutions), never the distribution date.
      if (!pending_symbol_.empty() || pending_meeting_ != 0) date = ParseDate(text);
      if (date) {
        pending_date_ = date;
        pending_title_.clear();
      } else if (mode_ == Mode::kOutside || mode_ == Mode::kClosed) {
        pending_title_.push_back(text);
        if (pending_title_.size() > 4) pending_title_.erase(pending_title_.begin());
      }
      continue;
    }
    if (std::find(draft->pages.begin(), draft->pages.end(), lines_[i].page) == draft->pages.end()) {
      draft->pages.push_back(lines_[i].page);
    }
    if (mode_ == Mode::kTitle) {
      if (draft->wants_title && !draft->title_done) {
        // Running heads repeat the title; a title is a few lines at most.
        AppendLine(draft->title, text);
      } else if (draft->before_organ.size() < 200) {
        // A bilingual page may print preambular lines before "The Security
        // Council," (columns read out of order): kept until it comes.
        draft->before_organ.push_back({text, i});
      }
      continue;
    }
    // Running titles repeat the resolution's title at the top of its pages.
    if (!draft->title.empty() && CollapseWhitespace(text) == CollapseWhitespace(draft->title)) {
      continue;
    }
    // A section heading among the operative paragraphs ("Security", "Human
    // rights") stands between a finished paragraph and a numbered one.
    if (IsSectionHeading(text, *draft, i + 1 < lines_.size() ? lines_[i + 1].text : "")) continue;
    for (const std::string& piece : SplitFlattened(text)) AddParagraphLine(piece, i);
  }
  Finish();

  std::vector<Resolution> resolutions;
  for (Draft& draft : drafts_) {
    Resolution& resolution = draft.resolution;
    if (draft.stated_adoption) {
      resolution.adopted = *draft.stated_adoption;
    } else if (draft.meeting_date) {
      resolution.adopted = *draft.meeting_date;
    }
    if (resolution.meeting.date.empty() && !resolution.adopted.empty() &&
        resolution.meeting.number != 0) {
      resolution.meeting.date = resolution.adopted;
    }
    resolution.meeting.record = MeetingRecord(resolution.symbol, resolution.meeting.number);
    resolution.title = CollapseWhitespace(draft.title);
    if (!draft.as_written.empty()) {
      const std::string written = CollapseWhitespace(draft.as_written);
      if (SymbolKey(written) != SymbolKey(resolution.symbol) &&
          std::find(resolution.aliases.begin(), resolution.aliases.end(), written) ==
              resolution.aliases.end()) {
        resolution.aliases.push_back(written);
      }
    }
    std::string citing;
    for (Paragraph& paragraph : resolution.paragraphs) {
      paragraph.text = WithoutFootnoteMarkers(CollapseWhitespace(paragraph.text));
      if (paragraph.kind != ParagraphKind::kAnnex) absl::StrAppend(&citing, paragraph.text, "\n\n");
    }
    for (size_t page : draft.pages) {
      if (page >= footnotes_.size()) continue;
      for (std::string_view footnote : SplitLines(footnotes_[page])) {
        absl::StrAppend(&citing, std::string(footnote), "\n\n");
      }
    }
    const Organ organ = OrganOfSymbol(resolution.symbol);
    for (std::string& cited : FindCitedResolutions(citing, organ)) {
      if (cited != resolution.symbol) resolution.references.push_back(std::move(cited));
    }
    if (resolution.paragraphs.empty() && resolution.title.empty() && resolution.adopted.empty()) {
      continue;
    }
    resolutions.push_back(std::move(resolution));
  }
  return resolutions;
}

}  // namespace

std::string HtmlToLines(std::string_view html) {
  const HtmlDocument document(html);
  std::string text;
  for (const TextBlock& block : TextBlocks(document.root())) absl::StrAppend(&text, block.text, "\n");
  return text;
}

ResolutionTextReading ReadResolutionText(std::string_view content,
                                         const ResolutionTextLimits& limits) {
  ResolutionTextReading reading;
  if (content.size() > limits.max_bytes) {
    reading.missing = absl::StrFormat("the text has %d bytes, more than the %d a resolution text may have",
                                      content.size(), limits.max_bytes);
    return reading;
  }
  const std::string text = Normalize(content);

  // Pages, lines, footnotes.
  std::vector<Line> raw_lines;
  std::vector<std::string> footnotes(1);
  size_t page = 0;
  bool in_footnotes = false;
  size_t line_count = 0;
  static const RE2 footnote_rule(R"(_{3,}\s*)");
  // Without form feeds (text extractors other than pdftotext), the next
  // page's running head or page number ends a page's footnotes.
  // (The page number "2/13" may stand among the footnotes, so only the
  // symbol counts.)
  static const RE2 page_head(R"((?i:[ASE]/RES/\S+(?:\s*\(\d{4}\))?))");
  const bool form_feeds = text.find('\f') != std::string::npos;
  for (std::string_view line : SplitLines(text)) {
    if (++line_count > limits.max_lines) {
      reading.missing = absl::StrFormat("the text has more than %d lines", limits.max_lines);
      return reading;
    }
    while (!line.empty() && line.front() == '\f') {
      ++page;
      footnotes.emplace_back();
      in_footnotes = false;
      line.remove_prefix(1);
    }
    const std::string trimmed(TrimSpace(line));
    if (trimmed.empty()) continue;
    if (RE2::FullMatch(trimmed, footnote_rule)) {
      in_footnotes = true;
      continue;
    }
    if (in_footnotes && !form_feeds && RE2::FullMatch(trimmed, page_head)) {
      in_footnotes = false;
      ++page;
      footnotes.emplace_back();
    }
    if (in_footnotes) {
      absl::StrAppend(&footnotes[page], trimmed, "\n");
      continue;
    }
    if (IsPageFurniture(trimmed)) continue;
    raw_lines.push_back({trimmed, page});
  }

  // A bilingual compilation: the French column goes.
  const size_t french_lines = static_cast<size_t>(
      std::count_if(raw_lines.begin(), raw_lines.end(), [](const Line& l) { return IsFrench(l.text); }));
  if (french_lines >= 5) {
    raw_lines.erase(std::remove_if(raw_lines.begin(), raw_lines.end(),
                                   [](const Line& l) { return IsFrench(l.text); }),
                    raw_lines.end());
  }

  // The masthead: symbols before the first heading, adoption or organ line.
  static const RE2 masthead_symbol(
      R"(((?i:[ASE])/RES/(?:(?:E?S-)?\d{1,4}/\d{1,4}(?:\s*\(\s*[IVXLC]+\s*\))?|\d{1,4}\s*\(\s*(?:\d{4}|[IVXLC]+)\s*\))))");
  static const RE2 draft_symbol(R"(([ASE]/(?:[A-Z0-9.\-]+/)*L\.\s*\d+(?:/\S+)?))");
  static const RE2 limited(R"((?i)(?:distr\.?\s*:?\s*)?limited)");
  static const RE2 anchor(
      R"((?i)(?:resolution\s+adopted\s+by|adopted\s+by\s+the\s+security\s+council\s+at\s+its).*)");
  std::vector<std::string> masthead_symbols;
  std::string draft;
  bool is_limited = false;
  bool anchored = false;
  Organ document_organ = Organ::kUnknown;
  std::string rest;
  size_t masthead_lines = 0;
  for (const Line& line : raw_lines) {
    ++masthead_lines;
    std::string organ_rest;
    // "The Security Council," deep in a press release quotes a resolution;
    // opening a document it starts one.
    const bool organ_line = ReadOrganLine(line.text, &organ_rest).has_value();
    if (organ_line && masthead_lines > 30) break;
    if (organ_line || RE2::FullMatch(line.text, anchor) || ReadHeading(line.text, Organ::kUnknown)) {
      anchored = true;
      if (std::optional<Organ> organ = ReadOrganLine(line.text, &rest);
          organ && document_organ == Organ::kUnknown) {
        document_organ = *organ;
      }
      if (document_organ == Organ::kUnknown) {
        if (std::optional<Heading> heading = ReadHeading(line.text, Organ::kUnknown)) {
          document_organ = OrganOfSymbol(heading->symbol);
        }
      }
      break;
    }
    std::string symbol;
    if (RE2::FullMatch(line.text, masthead_symbol, &symbol)) {
      const std::string canonical = CanonicalResolutionNumber(symbol, Organ::kUnknown);
      if (!canonical.empty() && std::find(masthead_symbols.begin(), masthead_symbols.end(),
                                          canonical) == masthead_symbols.end()) {
        masthead_symbols.push_back(canonical);
      }
    } else if (RE2::FullMatch(line.text, draft_symbol, &symbol)) {
      draft = symbol;
    }
    if (RE2::FullMatch(line.text, limited)) is_limited = true;
    if (line.text.find("draft resolution") != std::string::npos) is_limited = true;
  }
  if (!masthead_symbols.empty()) document_organ = OrganOfSymbol(masthead_symbols.front());
  if (document_organ == Organ::kUnknown) {
    for (const Line& line : raw_lines) {
      if (std::optional<Organ> organ = ReadOrganLine(line.text, &rest)) {
        document_organ = *organ;
        break;
      }
    }
  }
  reading.looks_like_resolution_text = anchored || !masthead_symbols.empty() || !draft.empty();

  // Running heads repeat the masthead symbol at the top of each page.
  std::vector<Line> lines;
  for (Line& line : raw_lines) {
    std::string symbol;
    if (page > 0 && RE2::FullMatch(line.text, masthead_symbol, &symbol) &&
        std::find(masthead_symbols.begin(), masthead_symbols.end(),
                  CanonicalResolutionNumber(symbol, Organ::kUnknown)) != masthead_symbols.end() &&
        line.page > 0) {
      continue;
    }
    lines.push_back(std::move(line));
  }

  if (masthead_symbols.empty() && (!draft.empty() || is_limited) && !draft.empty()) {
    reading.missing = absl::StrCat("a draft resolution (", draft,
                                   "), not an adopted resolution: drafts are not recorded");
    return reading;
  }

  Reader reader(std::move(lines), std::move(footnotes), masthead_symbols, document_organ);
  reading.extraction.resolutions = reader.Read(limits.max_resolutions);
  if (reader.truncated()) {
    reading.extraction.warnings.push_back(absl::StrFormat(
        "the text holds more than %d resolutions; those after the %dth were not read",
        limits.max_resolutions, limits.max_resolutions));
  }
  if (reading.extraction.resolutions.empty()) {
    reading.missing =
        reading.looks_like_resolution_text
            ? "it reads as a resolution text, but no resolution number could be read (no "
              "\"68/262. Title\" or \"Resolution 2171 (2014)\" heading and no A/RES, S/RES or "
              "E/RES symbol in its masthead)"
            : "no resolution heading, masthead symbol or adoption line";
  }
  return reading;
}

}  // namespace plenary::parsing
