#include "parsing/dates.h"

#include <array>
#include <string>

#include "absl/strings/numbers.h"
#include "common/text.h"
#include "re2/re2.h"

namespace plenary::parsing {
namespace {

#define PLENARY_MONTH                                                                 \
  "(?:January|February|March|April|May|June|July|August|September|October|November|" \
  "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"

constexpr std::string_view kWrittenDate =
    "(?i:\\d{1,2}\\s+" PLENARY_MONTH "\\.?,?\\s+\\d{4}|" PLENARY_MONTH
    "\\.?\\s+\\d{1,2},?\\s+\\d{4}|" PLENARY_MONTH "\\.?,?\\s+\\d{4})";

// Month number of an English month name or its usual abbreviation; 0 if none.
int MonthNumber(std::string_view name) {
  static constexpr auto kMonths = std::to_array<std::string_view>({
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"});
  const std::string folded = AsciiLower(name);
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (folded.compare(0, 3, kMonths[i]) == 0) return static_cast<int>(i) + 1;
  }
  return 0;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<size_t>(month - 1)];
}

std::optional<PartialDate> Checked(int year, int month, int day) {
  if (year < 1000 || year > 2999) return std::nullopt;
  if (month < 0 || month > 12 || (month == 0 && day != 0)) return std::nullopt;
  if (day < 0 || (month > 0 && day > DaysInMonth(year, month))) return std::nullopt;
  return PartialDate{year, month, day};
}

int ToInt(const std::string& digits) {
  int value = 0;
  return digits.empty() || !absl::SimpleAtoi(digits, &value) ? 0 : value;
}

}  // namespace

std::string_view WrittenDatePattern() { return kWrittenDate; }

std::optional<PartialDate> ParseDate(std::string_view text) {
  static const RE2 day_month_year("(?i)(\\d{1,2})\\s+(" PLENARY_MONTH ")\\.?,?\\s+(\\d{4})");
  static const RE2 month_day_year("(?i)(" PLENARY_MONTH ")\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})");
  static const RE2 month_year("(?i)(" PLENARY_MONTH ")\\.?,?\\s+(\\d{4})");
  static const RE2 year("(\\d{4})");
  static const RE2 iso(
      "(\\d{4})-(\\d{2})(?:-(\\d{2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
      "(?:Z|[+-]\\d{2}:?\\d{2})?)?)?");
  // "Monday, December 12, 2016": the weekday adds nothing.
  static const RE2 weekday(
      "(?i)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\\s+(.*)");
  re2::StringPiece input = re2::StringPiece(TrimSpace(text));
  re2::StringPiece without_weekday;
  if (RE2::FullMatch(input, weekday, &without_weekday)) input = without_weekday;
  std::string a, b, c;
  if (RE2::FullMatch(input, day_month_year, &a, &b, &c)) {
    return ToInt(a) == 0 ? std::nullopt : Checked(ToInt(c), MonthNumber(b), ToInt(a));
  }
  if (RE2::FullMatch(input, month_day_year, &a, &b, &c)) {
    return ToInt(b) == 0 ? std::nullopt : Checked(ToInt(c), MonthNumber(a), ToInt(b));
  }
  if (RE2::FullMatch(input, month_year, &a, &b)) return Checked(ToInt(b), MonthNumber(a), 0);
  if (RE2::FullMatch(input, year, &a)) return Checked(ToInt(a), 0, 0);
  if (RE2::FullMatch(input, iso, &a, &b, &c)) {
    const int month = ToInt(b);
    if (month == 0 || (!c.empty() && ToInt(c) == 0)) return std::nullopt;
    return Checked(ToInt(a), month, ToInt(c));
  }
  return std::nullopt;
}

#undef PLENARY_MONTH

}  // namespace plenary::parsing
