// Fuzzes the library-table reader with small limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsing/meeting_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  plenary::parsing::MeetingTableLimits limits;
  limits.max_bytes = 64 << 10;
  limits.max_rows = 2000;
  limits.max_depth = 100;
  (void)plenary::parsing::ReadMeetingTable(content, limits);
  return 0;
}
