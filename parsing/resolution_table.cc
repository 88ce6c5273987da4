#include "parsing/resolution_table.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parsing/dates.h"
#include "parsing/html_text.h"
#include "common/text.h"
#include "model/symbol.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

enum class Column { kDate, kSymbol, kTitle, kText, kOther };

// Column meanings when a table has no header row.
const std::vector<Column>& DefaultLayout() {
  static const std::vector<Column> layout = {Column::kDate, Column::kSymbol, Column::kTitle,
                                             Column::kText};
  return layout;
}

Column ColumnNamed(std::string_view header) {
  const std::string name = AsciiLower(header);
  auto has = [&](std::string_view word) { return name.find(word) != std::string::npos; };
  if (has("time") || has("date") || has("year") || has("adopted")) return Column::kDate;
  if (has("number") || has("symbol") || has("document")) return Column::kSymbol;
  if (has("name") || has("title")) return Column::kTitle;
  if (has("description") || has("text") || has("content") || has("paragraph")) {
    return Column::kText;
  }
  return Column::kOther;
}

std::vector<std::string_view> SplitCells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t begin = 0;
  for (size_t tab = line.find('\t'); tab != std::string_view::npos; tab = line.find('\t', begin)) {
    cells.push_back(line.substr(begin, tab - begin));
    begin = tab + 1;
  }
  cells.push_back(line.substr(begin));
  return cells;
}

bool IsSeparatorRow(const std::vector<std::string_view>& cells) {
  static const RE2 dashes(R"(\s*:?-{2,}:?\s*)");
  bool any = false;
  for (std::string_view cell : cells) {
    if (TrimSpace(cell).empty()) continue;
    if (!RE2::FullMatch(cell, dashes)) return false;
    any = true;
  }
  return any;
}

// The layout a header row declares; std::nullopt when `cells` are data.
std::optional<std::vector<Column>> HeaderLayout(const std::vector<std::string_view>& cells) {
  std::vector<Column> layout;
  size_t named = 0, filled = 0;
  for (std::string_view cell : cells) {
    if (std::any_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    layout.push_back(ColumnNamed(cell));
    if (!TrimSpace(cell).empty()) ++filled;
    if (layout.back() != Column::kOther) ++named;
  }
  if (named < 2 || named * 2 < filled) return std::nullopt;
  return layout;
}

struct Row {
  size_t line = 0;  // 1-based line number where the row starts
  std::vector<Column> layout;
  std::vector<std::string> cells;

  std::string Cell(Column column) const {
    std::string joined;
    for (size_t i = 0; i < cells.size(); ++i) {
      const Column here = i < layout.size() ? layout[i] : Column::kOther;
      if (here != column || TrimSpace(cells[i]).empty()) continue;
      if (!joined.empty()) joined.push_back(' ');
      joined += cells[i];
    }
    return joined;
  }
};

bool CellEmpty(const std::vector<std::string_view>& cells, const std::vector<Column>& layout,
               Column column) {
  for (size_t i = 0; i < cells.size() && i < layout.size(); ++i) {
    if (layout[i] == column && !TrimSpace(cells[i]).empty()) return false;
  }
  return true;
}

std::vector<Row> ReadRows(std::string_view content, std::vector<std::string>& warnings) {
  std::vector<Row> rows;
  std::vector<Column> layout = DefaultLayout();
  bool row_open = false;  // whether a continuation line may extend rows.back()
  const std::vector<std::string_view> lines = SplitLines(content);
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = lines[n];
    if (TrimSpace(line).empty()) continue;
    if (line.find('\t') == std::string_view::npos) {
      // A title or a note between tables: the table above is over.
      row_open = false;
      continue;
    }
    const std::vector<std::string_view> cells = SplitCells(line);
    if (IsSeparatorRow(cells)) continue;
    if (std::optional<std::vector<Column>> header = HeaderLayout(cells)) {
      layout = *std::move(header);
      row_open = false;
      continue;
    }
    const bool continues = line.front() == '\t' && CellEmpty(cells, layout, Column::kSymbol) &&
                           CellEmpty(cells, layout, Column::kTitle);
    if (continues && !row_open) {
      warnings.push_back(absl::StrFormat("line %d continues no table row; ignored", n + 1));
      continue;
    }
    if (continues) {
      std::vector<std::string>& target = rows.back().cells;
      if (target.size() < cells.size()) target.resize(cells.size());
      for (size_t i = 0; i < cells.size(); ++i) {
        if (TrimSpace(cells[i]).empty()) continue;
        absl::StrAppend(&target[i], " ", std::string(cells[i]));
      }
      continue;
    }
    rows.push_back({n + 1, layout, std::vector<std::string>(cells.begin(), cells.end())});
    row_open = true;
  }
  return rows;
}

// A title split into what precedes the name of the resolution.
struct TitleParts {
  std::string title;
  std::optional<PartialDate> stated_date;     // "... adopted ... on 22 December 2005"
  std::optional<SymbolMention> leading_symbol;  // "64/222." opening the title
};

std::string WithoutEnclosingQuotes(std::string text) {
  static const RE2 quoted(R"(^[‘“"'](.*)[’”"']$)");
  RE2::FullMatch(text, quoted, &text);
  return text;
}

TitleParts ReadTitle(const std::string& raw) {
  static const RE2 preamble(std::string(R"(^(?i:(?:resolution\s+)?adopted\s+by\s+(?:the\s+)?))") +
                            R"([A-Z][\w-]*(?:\s+(?:of\s+the\s+|and\s+)?[A-Z][\w/-]*)*)" +
                            R"((?:\s+(?i:on)\s+()" + std::string(WrittenDatePattern()) +
                            R"())?[\s,:]*)");
  TitleParts parts;
  std::string_view rest(raw);
  std::string written_date;
  re2::StringPiece input(rest);
  if (RE2::Consume(&input, preamble, &written_date)) {
    rest = std::string_view(input.data(), input.size());
    if (!written_date.empty()) parts.stated_date = ParseDate(written_date);
  }
  const std::vector<SymbolMention> mentions = FindSymbolMentions(rest);
  const size_t lead = rest.substr(0, 1) == "(" ? 1 : 0;
  // A bare resolution number opening the title ("64/222.", "(72/237)") is
  // not part of the name; a "Decision 24/12:" title keeps its label.
  if (!mentions.empty() && mentions.front().offset == lead &&
      mentions.front().as_written.front() >= '0' && mentions.front().as_written.front() <= '9') {
    parts.leading_symbol = mentions.front();
    rest.remove_prefix(lead + mentions.front().as_written.size());
    if (lead == 1 && rest.substr(0, 1) == ")") rest.remove_prefix(1);
    if (rest.substr(0, 1) == "." || rest.substr(0, 1) == ":") rest.remove_prefix(1);
  }
  parts.title = WithoutEnclosingQuotes(std::string(TrimSpace(rest)));
  if (parts.title.empty()) parts.title = raw;
  return parts;
}

// Words of `text` split at spaces and slashes.
std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t begin = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ' || text[i] == '/') {
      if (i > begin) words.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  return words;
}

// "United Nations Environment Programme (UNEP) Governing Council" ->
// "UNEP Governing Council": an expansion followed by its acronym is replaced
// by the acronym.
std::string PreferAcronym(const std::string& body) {
  static const RE2 expansion(R"((.+?)\s*\(([A-Z]{2,10})\)\s*(.*))");
  std::string expanded, acronym, rest;
  if (!RE2::FullMatch(body, expansion, &expanded, &acronym, &rest)) return body;
  std::string initials;
  for (size_t i = 0; i < expanded.size(); ++i) {
    if ((i == 0 || expanded[i - 1] == ' ') && expanded[i] >= 'A' && expanded[i] <= 'Z') {
      initials.push_back(expanded[i]);
    }
  }
  // The acronym's letters must be the expansion's initials, in order.
  size_t matched = 0;
  for (char c : initials) {
    if (matched < acronym.size() && acronym[matched] == c) ++matched;
  }
  if (matched != acronym.size()) return body;
  return rest.empty() ? acronym : absl::StrCat(acronym, " ", rest);
}

// The adopting organ when `block` names nothing else ("The General
// Assembly,", "United Nations Environment Programme (UNEP) Governing
// Council/Global Ministerial Environment Forum"); std::nullopt otherwise.
std::optional<std::string> OrganNamed(const std::string& block) {
  static const RE2 organ(
      R"((?:The\s+)?([A-Z][^.;:]{0,200}?\b(?:Assembly|Council|Forum|Commission|Committee|Board|)"
      R"(Conference|Parties)\b[^.;:]{0,100}?)[\s,:;]*)");
  // Organ names are title-cased: a lower-case word other than these makes a
  // sentence ("Requests the Governing Council to ...").
  static const RE2 title_word(R"([(\p{Lu}].*|of|the|and|for|on|in)");
  constexpr size_t kMaxWords = 16;
  std::string name;
  if (!RE2::FullMatch(block, organ, &name)) return std::nullopt;
  size_t words = 0;
  for (std::string_view word : SplitWords(name)) {
    if (++words > kMaxWords || !RE2::FullMatch(word, title_word)) return std::nullopt;
  }
  return PreferAcronym(CollapseWhitespace(name));
}

std::string OrganOfSymbol(std::string_view symbol) {
  if (symbol.substr(0, 2) == "A/") return "General Assembly";
  if (symbol.substr(0, 2) == "S/") return "Security Council";
  if (symbol.substr(0, 2) == "E/") return "Economic and Social Council";
  return "";
}

bool EndsSentence(std::string_view text) {
  for (std::string_view closing : {"\u201d", "\u2019", "\"", ")"}) {
    while (text.size() >= closing.size() && text.substr(text.size() - closing.size()) == closing) {
      text.remove_suffix(closing.size());
    }
  }
  if (text.empty()) return true;
  const char last = text.back();
  return last == '.' || last == ';' || last == ':' || last == '!' || last == '?';
}

// Splits "” “7. Requests..." so that quoted numbered paragraphs written one
// after the other each stand alone.
std::vector<TextBlock> SplitQuotedParagraphs(const TextBlock& block) {
  static const RE2 next_quoted(R"(”\s+(“\s*(?:\d{1,3}\.|\([a-z]{1,3}\))\s))");
  std::vector<TextBlock> pieces;
  std::string_view rest(block.text);
  bool list_item = block.list_item;
  re2::StringPiece match[2];
  while (next_quoted.Match(re2::StringPiece(rest), 0, rest.size(), RE2::UNANCHORED, match, 2)) {
    const size_t split = static_cast<size_t>(match[1].data() - rest.data());
    pieces.push_back({std::string(TrimSpace(rest.substr(0, split))), list_item});
    rest.remove_prefix(split);
    list_item = true;
  }
  pieces.push_back({std::string(rest), list_item});
  return pieces;
}

Paragraph NumberedParagraph(const std::string& text) {
  static const RE2 numbered(
      R"(([“"]?)\s*(?:(\d{1,3})\.|(\([a-z]{1,2}\)|\([ivx]{1,6}\)))\s+(.*))");
  std::string quote, number, letter, rest;
  if (!RE2::FullMatch(text, numbered, &quote, &number, &letter, &rest)) return {"", text};
  if (!quote.empty()) {
    // Drop the closing mark of a quoted paragraph, before or after its ';'.
    static const RE2 closing(R"((.*?)[”"]([;.]?)\s*)");
    RE2::FullMatch(rest, closing, &rest, &quote);
    rest += quote;
  }
  return {number.empty() ? letter : number, rest};
}

std::vector<Paragraph> ReadParagraphs(const std::vector<TextBlock>& blocks) {
  std::vector<Paragraph> paragraphs;
  for (const TextBlock& block : blocks) {
    for (const TextBlock& piece : SplitQuotedParagraphs(block)) {
      if (piece.text.empty()) continue;
      Paragraph paragraph = NumberedParagraph(piece.text);
      // A block that neither opens a list item nor carries a number, after
      // an unfinished sentence, is that sentence cut by the page's layout.
      if (!piece.list_item && paragraph.number.empty() && !paragraphs.empty() &&
          !EndsSentence(paragraphs.back().text)) {
        absl::StrAppend(&paragraphs.back().text, " ", piece.text);
      } else {
        paragraphs.push_back(std::move(paragraph));
      }
    }
  }
  return paragraphs;
}

void AddAlias(Resolution& resolution, const std::string& alias) {
  const std::string key = SymbolKey(alias);
  if (key == SymbolKey(resolution.symbol)) return;
  for (const std::string& known : resolution.aliases) {
    if (SymbolKey(known) == key) return;
  }
  resolution.aliases.push_back(alias);
}

std::optional<Resolution> ReadRow(const Row& row, std::vector<std::string>& warnings) {
  const std::string date_text = FragmentText(row.Cell(Column::kDate));
  const std::string symbol_text = FragmentText(row.Cell(Column::kSymbol));
  const std::string title_text = FragmentText(row.Cell(Column::kTitle));
  std::vector<TextBlock> blocks = FragmentBlocks(row.Cell(Column::kText));
  const TitleParts title = ReadTitle(title_text);

  const std::vector<SymbolMention> cell_symbols = FindSymbolMentions(symbol_text);
  const std::vector<SymbolMention> title_symbols = FindSymbolMentions(title_text);
  std::vector<SymbolMention> names = FindNameMentions(symbol_text);
  for (SymbolMention& name : FindNameMentions(title_text)) names.push_back(std::move(name));

  Resolution resolution;
  resolution.authority = Authority::kTableRow;
  if (!cell_symbols.empty()) {
    resolution.symbol = cell_symbols.front().canonical;
  } else if (title.leading_symbol) {
    resolution.symbol = title.leading_symbol->canonical;
  } else if (!title_symbols.empty()) {
    resolution.symbol = title_symbols.front().canonical;
  } else if (!names.empty()) {
    resolution.symbol = names.front().canonical;
  } else {
    warnings.push_back(absl::StrFormat("row at line %d names no resolution symbol; skipped",
                                       row.line));
    return std::nullopt;
  }

  // The row's own identifiers: every form its symbol and title cells use.
  std::vector<std::string> own = {resolution.symbol};
  for (const SymbolMention& mention : cell_symbols) {
    AddAlias(resolution, mention.as_written);
    own.push_back(mention.canonical);
  }
  if (title.leading_symbol) AddAlias(resolution, title.leading_symbol->as_written);
  for (const SymbolMention& mention : title_symbols) {
    if (mention.offset == 0 || mention.canonical == resolution.symbol) {
      AddAlias(resolution, mention.as_written);
      own.push_back(mention.canonical);
    }
  }

  std::string description;
  for (const TextBlock& block : blocks) absl::StrAppend(&description, block.text, "\n");
  for (const SymbolMention& name : FindNameMentions(symbol_text + "\n" + title_text + "\n" +
                                                    description)) {
    if (name.canonical == resolution.symbol) AddAlias(resolution, name.as_written);
  }
  for (std::string& reference : FindReferences(title_text + "\n" + description)) {
    if (std::find(own.begin(), own.end(), reference) == own.end()) {
      resolution.references.push_back(std::move(reference));
    }
  }

  if (!blocks.empty()) {
    if (std::optional<std::string> organ = OrganNamed(blocks.front().text)) {
      resolution.body = *organ;
      blocks.erase(blocks.begin());
    }
  }
  if (resolution.body.empty()) resolution.body = OrganOfSymbol(resolution.symbol);

  if (std::optional<PartialDate> adopted = ParseDate(date_text)) {
    resolution.adopted = *adopted;
  } else if (!date_text.empty()) {
    warnings.push_back(absl::StrFormat("row at line %d (%s): cannot read the date \"%s\"",
                                       row.line, resolution.symbol, date_text));
  } else if (title.stated_date) {
    resolution.adopted = *title.stated_date;
    warnings.push_back(absl::StrFormat(
        "row at line %d (%s) has no date; using the adoption date its title states", row.line,
        resolution.symbol));
  } else {
    warnings.push_back(
        absl::StrFormat("row at line %d (%s) has no date", row.line, resolution.symbol));
  }

  resolution.title = title.title;
  resolution.paragraphs = ReadParagraphs(blocks);
  return resolution;
}

}  // namespace

Extraction ParseResolutionTable(std::string_view content) {
  Extraction extraction;
  for (const Row& row : ReadRows(content, extraction.warnings)) {
    if (std::optional<Resolution> resolution = ReadRow(row, extraction.warnings)) {
      extraction.resolutions.push_back(std::move(*resolution));
    }
  }
  return extraction;
}

}  // namespace plenary::parsing
