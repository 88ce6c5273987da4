// The UN's own releases as text: press releases and meetings coverage
// (SG/SM/..., GA/..., SC/..., ECOSOC/...), statements attributable to the
// Spokesperson, the Secretary-General's messages and their reissues by UN
// information centres and reprints, releases in French, and the opening of a
// verbatim record (S/PV.7853).
#pragma once

#include <string>
#include <string_view>

#include "model/records.h"
#include "model/member_states.h"

namespace plenary::parsing {

// How surely a text is one of the UN's releases.
enum class PressSignal {
  kNone,
  // Reports an adoption with its vote ("By a recorded vote of ..., the
  // Assembly adopted ..."), as reprints of meetings coverage do, but has no
  // release furniture: read as a release only when it is no resolution text.
  kWeak,
  // A press symbol, a masthead ("Meetings Coverage and Press Releases"), a
  // meeting line ("75th Meeting (AM)"), "Statement attributable to the
  // Spokesperson", "Following is ... message", a verbatim record's heading.
  kStrong,
};

// Limits on what ReadPressRelease reads.
struct PressReleaseLimits {
  size_t max_bytes = 4 << 20;
  size_t max_lines = 100000;
};

// Whether far more of `text` (its first 8 KB) reads as French than as
// English. Never fails.
bool ReadsAsFrench(std::string_view text);

// How surely `content` (plain text) is a release. Never fails.
PressSignal PressReleaseSignal(std::string_view content);

struct PressReading {
  Extraction extraction;  // one statement, or none
  std::string missing;    // why there is none; empty when there is one
};

// Reads the statement a release makes: its press symbols as aliases (header
// or footer, "ECOSOC/6134/Corr.1", glued ones too), the headline without
// mastheads, session and meeting lines (joined when printed over several
// lines, its repeats dropped), the release date (never the date of an event
// the text mentions), the speaker (the Secretary-General of a message, the
// Spokesperson of an attributable statement, the one person quoted in
// meetings coverage; none when several speak or none is named), quotes with
// their speakers (titles and terms in quotation marks left out), places,
// resolutions cited, and the adoptions and votes it reports. A resolution's
// text quoted in full stays part of the statement. A release in French is
// read as French (language "fr"): its votes are not read. Never fails; a
// text past `limits` gives no statement, with the reason in `missing`.
PressReading ReadPressRelease(std::string_view content,
                              const MemberStates& states = MemberStates::Default(),
                              const PressReleaseLimits& limits = {});

}  // namespace plenary::parsing
