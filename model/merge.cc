#include "model/merge.h"

#include <algorithm>
#include <optional>

namespace plenary {
namespace {

// Whether `less` states part of what `more` states and nothing else.
bool Refines(const PartialDate& more, const PartialDate& less) {
  return less.year == more.year && (less.month == 0 || less.month == more.month) &&
         (less.day == 0 || less.day == more.day);
}

PartialDate MergeDates(const PartialDate& known, const PartialDate& reading, bool reading_wins) {
  if (reading.empty()) return known;
  if (known.empty()) return reading;
  if (Refines(known, reading)) return known;    // the reading only says less
  if (Refines(reading, known)) return reading;  // the reading says more
  return reading_wins ? reading : known;
}

// Whether two readings' votes can be one vote told two ways: methods that
// agree ("adopted unanimously" restates "15-0-0" without its figures) and
// no figure both state that differs.
bool SameVote(const Vote& a, const Vote& b) {
  auto agree = [](VoteMethod x, VoteMethod y) {
    return x == y || x == VoteMethod::kUnspecified || y == VoteMethod::kUnspecified ||
           (x == VoteMethod::kRecorded && y == VoteMethod::kUnanimous) ||
           (x == VoteMethod::kUnanimous && y == VoteMethod::kRecorded);
  };
  auto same = [](const std::optional<int>& x, const std::optional<int>& y) {
    return !x || !y || *x == *y;
  };
  return agree(a.method, b.method) && same(a.in_favour, b.in_favour) &&
         same(a.against, b.against) && same(a.abstaining, b.abstaining);
}

// The winner's vote, with what only the other states of the same vote (its
// figures, the Member States it names) filled in: a press report names the
// Member States a full text's recorded vote leaves out.
Vote MergeVotes(const Vote& known, const Vote& reading, bool reading_wins) {
  if (reading.empty()) return known;
  if (known.empty()) return reading;
  Vote merged = reading_wins ? reading : known;
  const Vote& other = reading_wins ? known : reading;
  if (!SameVote(merged, other)) return merged;
  if (!merged.in_favour) merged.in_favour = other.in_favour;
  if (!merged.against) merged.against = other.against;
  if (!merged.abstaining) merged.abstaining = other.abstaining;
  if (merged.method == VoteMethod::kUnspecified) merged.method = other.method;
  if (merged.member_states.empty()) merged.member_states = other.member_states;
  return merged;
}

template <typename T>
void Take(T& field, const T& stated, bool reading_wins, bool is_stated) {
  if (is_stated && (reading_wins || field.empty())) field = stated;
}

}  // namespace

Resolution MergeReadings(const Resolution& known, const Resolution& reading) {
  const bool wins = reading.authority >= known.authority;
  Resolution merged = known;
  merged.symbol = reading.symbol;
  merged.aliases = reading.aliases;
  Take(merged.body, reading.body, wins, !reading.body.empty());
  merged.adopted = MergeDates(known.adopted, reading.adopted, wins);
  Take(merged.title, reading.title, wins, !reading.title.empty());
  Take(merged.paragraphs, reading.paragraphs, wins, !reading.paragraphs.empty());
  Take(merged.references, reading.references, wins, !reading.references.empty());
  merged.vote = MergeVotes(known.vote, reading.vote, wins);
  Take(merged.meeting.record, reading.meeting.record, wins, !reading.meeting.record.empty());
  if (reading.meeting.number != 0 && (wins || known.meeting.number == 0)) {
    merged.meeting.number = reading.meeting.number;
  }
  merged.meeting.date = MergeDates(known.meeting.date, reading.meeting.date, wins);
  Take(merged.source_documents, reading.source_documents, wins,
       !reading.source_documents.empty());
  merged.authority = std::max(known.authority, reading.authority);
  return merged;
}

}  // namespace plenary
