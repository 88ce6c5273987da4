// Fuzzes the reader of UN releases and the votes they report: whatever the
// input, it returns, within its limits, and every vote it reads is
// consistent (a recorded vote has its figures' order, Member States named
// once per adoption).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "model/member_states.h"
#include "parsing/press_release.h"
#include "parsing/reported_votes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenary;
  using namespace plenary::parsing;
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  (void)PressReleaseSignal(content);
  PressReading reading = ReadPressRelease(content);
  if (reading.extraction.statements.size() > 1) std::abort();
  for (const Statement& statement : reading.extraction.statements) {
    for (const ReportedAdoption& adoption : statement.adoptions) {
      std::set<std::string> seen;
      for (const MemberStateVote& vote : adoption.vote.member_states) {
        if (vote.member_state.alpha3.size() != 3) std::abort();
        if (!seen.insert(vote.member_state.alpha3).second) std::abort();
      }
      (void)VoteSummary(adoption.vote);
    }
  }
  (void)MemberStates::FromJson(content);
  (void)MemberStates::Default().Find(content);
  return 0;
}
