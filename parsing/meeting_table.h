// Dag Hammarskjöld Library tables of meetings ("Meetings conducted by the
// Security Council in 1948"): one row a meeting, the resolutions adopted at
// it and their votes in an outcome cell.
#pragma once

#include <string>
#include <string_view>

#include "model/records.h"

namespace plenary::parsing {

// Limits on what ReadMeetingTable reads.
struct MeetingTableLimits {
  size_t max_bytes = 16 << 20;
  size_t max_rows = 20000;
  int max_depth = 200;  // of the HTML element tree
};

struct MeetingTableReading {
  Extraction extraction;
  // Whether `html` holds a table of meetings at all (a header row naming
  // the meeting record, date and outcome columns).
  bool is_meeting_table = false;
  // Why no resolution was read; empty when one was.
  std::string missing;
};

// Reads every resolution a meeting table lists: one record per symbol in an
// outcome cell (S/RES/66 (1948)), with its adoption date (day and month from
// the row, the year from the symbol, else from the table's caption), the
// topic as its title, the meeting record (S/PV.396; a row with empty meeting
// and date cells continues the row above) and the vote ("8-0-3", "adopted
// unanimously", "Without vote"). Drafts "not adopted" give no record. Broken
// HTML (fragments, CRLF, </br>, rowspans and colspans that do not add up)
// is read as browsers read it. Never fails: a document past `limits` gives
// no record, with the reason in `missing`.
MeetingTableReading ReadMeetingTable(std::string_view html, const MeetingTableLimits& limits = {});

}  // namespace plenary::parsing
