#include "parsing/meeting_table.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "parsing/dates.h"
#include "parsing/html_text.h"
#include "common/text.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

constexpr int kMaxSpan = 50;
// At most this many resolutions are read from one outcome cell.
constexpr size_t kMaxSymbolsPerCell = 200;

// The text under `node` with <br> and block ends as line breaks.
void AppendLines(const GumboNode& node, std::string& out, int depth, int max_depth) {
  if (depth > max_depth) return;
  if (node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_WHITESPACE ||
      node.type == GUMBO_NODE_CDATA) {
    out += node.v.text.text;
    return;
  }
  if (node.type != GUMBO_NODE_ELEMENT) return;
  const GumboTag tag = node.v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  if (tag == GUMBO_TAG_BR) {
    out.push_back('\n');
    return;
  }
  const GumboVector& children = node.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    AppendLines(*static_cast<const GumboNode*>(children.data[i]), out, depth + 1, max_depth);
  }
  if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_LI) out.push_back('\n');
}

struct Cell {
  std::string text;  // lines joined by '\n'
  int row_span = 1;
  int col_span = 1;
};

void CollectRows(const GumboNode& node, std::vector<const GumboNode*>& rows, int depth,
                 int max_depth) {
  if (node.type != GUMBO_NODE_ELEMENT || depth > max_depth) return;
  const GumboVector& children = node.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const GumboNode& child = *static_cast<const GumboNode*>(children.data[i]);
    if (child.type != GUMBO_NODE_ELEMENT) continue;
    if (child.v.element.tag == GUMBO_TAG_TABLE) continue;  // nested tables are their own
    if (child.v.element.tag == GUMBO_TAG_TR) {
      rows.push_back(&child);
    } else {
      CollectRows(child, rows, depth + 1, max_depth);
    }
  }
}

void CollectTables(const GumboNode& node, std::vector<const GumboNode*>& tables, int depth,
                   int max_depth) {
  if (node.type != GUMBO_NODE_ELEMENT || depth > max_depth) return;
  if (node.v.element.tag == GUMBO_TAG_TABLE) tables.push_back(&node);
  const GumboVector& children = node.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    CollectTables(*static_cast<const GumboNode*>(children.data[i]), tables, depth + 1, max_depth);
  }
}

int Span(const GumboNode& cell, const char* name) {
  int value = 1;
  const std::string_view text = Attribute(cell, name);
  if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &value)) return 1;
  return std::clamp(value, 1, kMaxSpan);
}

std::vector<Cell> RowCells(const GumboNode& row, int max_depth) {
  std::vector<Cell> cells;
  const GumboVector& children = row.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const GumboNode& child = *static_cast<const GumboNode*>(children.data[i]);
    if (child.type != GUMBO_NODE_ELEMENT) continue;
    if (child.v.element.tag != GUMBO_TAG_TD && child.v.element.tag != GUMBO_TAG_TH) continue;
    Cell cell;
    AppendLines(child, cell.text, 0, max_depth);
    cell.row_span = Span(child, "rowspan");
    cell.col_span = Span(child, "colspan");
    cells.push_back(std::move(cell));
  }
  return cells;
}

enum class Column { kMeeting, kDate, kTopic, kOutcome, kOther };

// The columns a header row names; std::nullopt when the row is no header of
// a library table (a date column and an outcome, meeting or draft column).
std::optional<std::vector<Column>> HeaderColumns(const std::vector<std::string>& cells,
                                                 bool* has_outcome) {
  std::vector<Column> columns;
  bool date = false, outcome = false, other_table = false;
  for (const std::string& raw : cells) {
    const std::string cell = AsciiLower(CollapseWhitespace(raw));
    if (cell.find("outcome") != std::string::npos || cell.find("vote") == 0 ||
        cell.find("action") != std::string::npos) {
      columns.push_back(Column::kOutcome);
      outcome = true;
    } else if (cell.find("meeting") != std::string::npos) {
      columns.push_back(Column::kMeeting);
      other_table = true;
    } else if (cell.find("draft") != std::string::npos || cell.find("negative") != std::string::npos ||
               cell.find("record") != std::string::npos) {
      // A veto list: drafts and the members that voted them down.
      columns.push_back(Column::kOther);
      other_table = true;
    } else if (cell == "date" || cell.find("date") == 0) {
      columns.push_back(Column::kDate);
      date = true;
    } else if (cell.find("topic") != std::string::npos || cell.find("subject") != std::string::npos) {
      columns.push_back(Column::kTopic);
    } else {
      columns.push_back(Column::kOther);
    }
  }
  if (!date || (!outcome && !other_table)) return std::nullopt;
  *has_outcome = outcome;
  return columns;
}

std::optional<Vote> ReadVote(std::string_view text) {
  static const RE2 counts(R"((\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2}))");
  static const RE2 unanimous(R"((?i)((?:adopted\s+)?unanimously))");
  static const RE2 without(R"((?i)((?:adopted\s+)?without\s+(?:a\s+)?vote))");
  static const RE2 consensus(R"((?i)((?:adopted\s+)?by\s+consensus))");
  Vote vote;
  int yes = 0, no = 0, abstain = 0;
  std::string written;
  re2::StringPiece whole;
  if (RE2::PartialMatch(text, counts, &yes, &no, &abstain)) {
    vote.method = VoteMethod::kRecorded;
    vote.in_favour = yes;
    vote.against = no;
    vote.abstaining = abstain;
    vote.as_written = absl::StrCat(yes, "-", no, "-", abstain);
    return vote;
  }
  if (RE2::PartialMatch(text, unanimous, &written)) {
    vote.method = VoteMethod::kUnanimous;
  } else if (RE2::PartialMatch(text, without, &written)) {
    vote.method = VoteMethod::kWithoutVote;
  } else if (RE2::PartialMatch(text, consensus, &written)) {
    vote.method = VoteMethod::kConsensus;
  } else {
    return std::nullopt;
  }
  vote.as_written = CollapseWhitespace(written);
  return vote;
}

struct Found {
  std::string symbol;
  int year = 0;
  Vote vote;
};

// The resolutions an outcome cell lists, each with the vote printed after it.
std::vector<Found> ReadOutcome(const std::string& text) {
  static const RE2 symbol(R"((?i)\bS\s*/\s*RES\s*/\s*(\d{1,4})\s*\(\s*(\d{4})\s*\))");
  static const RE2 not_adopted(R"((?i)(?:draft|not\s+adopted|vetoed|failed|rejected))");
  struct Match {
    size_t begin = 0, end = 0;
    int number = 0, year = 0;
  };
  // Every symbol first, so that each vote is read up to the next one in one pass.
  std::vector<Match> matches;
  re2::StringPiece input(text);
  re2::StringPiece groups[3];
  size_t position = 0;
  while (position < text.size() && matches.size() < kMaxSymbolsPerCell &&
         symbol.Match(input, position, text.size(), RE2::UNANCHORED, groups, 3)) {
    Match match;
    match.begin = static_cast<size_t>(groups[0].data() - text.data());
    match.end = match.begin + groups[0].size();
    absl::SimpleAtoi(absl::string_view(groups[1].data(), groups[1].size()), &match.number);
    absl::SimpleAtoi(absl::string_view(groups[2].data(), groups[2].size()), &match.year);
    matches.push_back(match);
    position = match.end;
  }
  std::vector<Found> found;
  for (size_t i = 0; i < matches.size(); ++i) {
    const Match& match = matches[i];
    // A draft's line ("Draft resolution S/RES/... not adopted") is no resolution.
    const size_t newline = match.begin == 0 ? std::string::npos : text.rfind('\n', match.begin);
    const size_t line_begin = newline == std::string::npos ? 0 : newline + 1;
    size_t line_end = text.find('\n', match.end);
    if (line_end == std::string::npos) line_end = text.size();
    if (RE2::PartialMatch(std::string_view(text).substr(line_begin, line_end - line_begin),
                          not_adopted)) {
      continue;
    }
    Found item;
    item.year = match.year;
    item.symbol = absl::StrCat("S/RES/", match.number, " (", match.year, ")");
    const size_t next = i + 1 < matches.size() ? matches[i + 1].begin : text.size();
    if (std::optional<Vote> vote =
            ReadVote(std::string_view(text).substr(match.end, next - match.end))) {
      item.vote = *vote;
    }
    found.push_back(std::move(item));
  }
  return found;
}

std::optional<PartialDate> RowDate(const std::string& cell, int year) {
  static const RE2 day_month(R"((\d{1,2})\s+([A-Za-z]+)\.?(?:\s+(\d{4}))?)");
  static const RE2 month_day(R"(([A-Za-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?)");
  std::string day, month, stated_year;
  const std::string text = CollapseWhitespace(cell);
  if (!RE2::PartialMatch(text, day_month, &day, &month, &stated_year) &&
      !RE2::PartialMatch(text, month_day, &month, &day, &stated_year)) {
    return std::nullopt;
  }
  if (year == 0 && !stated_year.empty()) year = std::stoi(stated_year);
  if (year == 0) return std::nullopt;
  return ParseDate(absl::StrCat(std::stoi(day), " ", month, " ", year));
}

}  // namespace

MeetingTableReading ReadMeetingTable(std::string_view html, const MeetingTableLimits& limits) {
  MeetingTableReading reading;
  if (html.size() > limits.max_bytes) {
    reading.missing = absl::StrFormat("the page has %d bytes, more than the limit of %d",
                                      html.size(), limits.max_bytes);
    return reading;
  }
  // A BOM encoded twice ("ï»¿") opens some copies.
  while (html.substr(0, 6) == "\xc3\xaf\xc2\xbb\xc2\xbf") html.remove_prefix(6);
  while (html.substr(0, 3) == "\xef\xbb\xbf") html.remove_prefix(3);
  const HtmlDocument document(html);
  std::vector<const GumboNode*> tables;
  CollectTables(document.root(), tables, 0, limits.max_depth);

  static const RE2 caption_year(R"((?i)(?:in|for)\s+((?:19|20)\d\d)\b)");
  static const RE2 meeting_record(R"((S/PV\.\d{1,5}))");
  size_t rows_read = 0;
  bool veto_list = false;
  for (const GumboNode* table : tables) {
    std::vector<const GumboNode*> rows;
    CollectRows(*table, rows, 0, limits.max_depth);
    std::optional<std::vector<Column>> columns;
    bool has_outcome = false;
    int caption = 0;
    // Cells carried down by rowspan: column -> (rows left, text).
    std::map<size_t, std::pair<int, std::string>> carried;
    std::string last_meeting, last_date;
    for (const GumboNode* row : rows) {
      if (++rows_read > limits.max_rows) {
        reading.missing = absl::StrFormat("the tables have more than %d rows", limits.max_rows);
        reading.extraction.resolutions.clear();
        return reading;
      }
      std::vector<std::string> grid;
      size_t column = 0;
      auto fill_carried = [&] {
        while (true) {
          auto it = carried.find(column);
          if (it == carried.end() || it->second.first <= 0) break;
          grid.push_back(it->second.second);
          if (--it->second.first == 0) carried.erase(it);
          ++column;
        }
      };
      for (Cell& cell : RowCells(*row, limits.max_depth)) {
        fill_carried();
        for (int span = 0; span < cell.col_span; ++span) {
          if (cell.row_span > 1) carried[column] = {cell.row_span - 1, cell.text};
          grid.push_back(span == 0 ? cell.text : "");
          ++column;
        }
      }
      fill_carried();
      if (grid.empty()) continue;

      if (!columns) {
        if (grid.size() == 1 || caption == 0) {
          std::string year;
          for (const std::string& cell : grid) {
            if (AsciiLower(cell).find("meetings") != std::string::npos &&
                RE2::PartialMatch(cell, caption_year, &year)) {
              caption = std::stoi(year);
            }
          }
        }
        for (const std::string& cell : grid) {
          if (AsciiLower(cell).find("veto") != std::string::npos) veto_list = true;
        }
        columns = HeaderColumns(grid, &has_outcome);
        if (columns) reading.is_meeting_table = true;
        continue;
      }
      auto cell = [&](Column wanted) -> std::string {
        // The last column of a kind: "Letter with Vote Outcome" comes before
        // the Council's "Outcome / Vote".
        for (size_t i = std::min(columns->size(), grid.size()); i-- > 0;) {
          if ((*columns)[i] == wanted) return grid[i];
        }
        // Rows with fewer cells than the header: the outcome is the last one.
        if (wanted == Column::kOutcome && has_outcome && grid.size() < columns->size()) {
          return grid.back();
        }
        return "";
      };
      std::string meeting_cell = CollapseWhitespace(cell(Column::kMeeting));
      std::string date_cell = CollapseWhitespace(cell(Column::kDate));
      if (meeting_cell.empty() && date_cell.empty()) {
        meeting_cell = last_meeting;
        date_cell = last_date;
      } else {
        last_meeting = meeting_cell;
        last_date = date_cell;
      }
      const std::string topic = CollapseWhitespace(cell(Column::kTopic));
      std::vector<Found> outcome = ReadOutcome(cell(Column::kOutcome));
      if (outcome.size() >= kMaxSymbolsPerCell) {
        reading.extraction.warnings.push_back(absl::StrFormat(
            "a cell lists %d resolutions or more; those after the %dth were not read",
            kMaxSymbolsPerCell, kMaxSymbolsPerCell));
      }
      for (Found& found : outcome) {
        Resolution resolution;
        resolution.authority = Authority::kTableRow;
        resolution.symbol = found.symbol;
        resolution.body = "Security Council";
        // The row's own symbol states the year; the caption may be wrong.
        if (std::optional<PartialDate> date = RowDate(date_cell, found.year != 0 ? found.year : caption)) {
          resolution.adopted = *date;
        } else {
          reading.extraction.warnings.push_back(absl::StrFormat(
              "%s: cannot read the date \"%s\"", resolution.symbol, date_cell));
        }
        resolution.title = topic;
        std::string record;
        if (RE2::PartialMatch(meeting_cell, meeting_record, &record)) {
          resolution.meeting.record = record;
          absl::SimpleAtoi(absl::string_view(record).substr(5), &resolution.meeting.number);
        }
        resolution.meeting.date = resolution.adopted;
        resolution.vote = found.vote;
        if (found.year != 0 && caption != 0 && found.year != caption) {
          reading.extraction.warnings.push_back(absl::StrFormat(
              "%s: the caption says %d; the row's symbol says %d, which is used",
              resolution.symbol, caption, found.year));
        }
        reading.extraction.resolutions.push_back(std::move(resolution));
      }
    }
  }
  if (reading.extraction.resolutions.empty() && veto_list && reading.is_meeting_table) {
    reading.missing = "a veto list: the drafts it lists were not adopted, so it gives no resolution";
  } else if (reading.extraction.resolutions.empty()) {
    reading.missing = reading.is_meeting_table
                          ? "the table of meetings lists no adopted resolution (only meetings, "
                            "statements or drafts not adopted)"
                          : "no table with meeting, date and outcome columns";
  }
  return reading;
}

}  // namespace plenary::parsing
