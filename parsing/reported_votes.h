// Adoptions and votes that press releases and meeting coverage report in
// prose ("adopted without a vote", "by a recorded vote of 93 in favour to
// none against, with 1 abstention (United States)", roll-call lists, separate
// votes on a paragraph or an amendment, corrections printed afterwards).
#pragma once

#include <string>
#include <vector>

#include "model/records.h"
#include "parsing/citations.h"
#include "model/member_states.h"

namespace plenary::parsing {

// Limits on the work FindReportedAdoptions does.
struct ReportedVoteLimits {
  size_t max_paragraphs = 20000;
  size_t max_paragraph_bytes = 64 << 10;  // longer paragraphs are not read for votes
  size_t max_adoptions = 500;
};

// The adoptions `paragraphs` (a release's body, in order) report. Each names
// its resolution by symbol (canonical, `organ` being the organ whose meeting
// the release covers), by title or by draft symbol, or is the text an earlier
// paragraph adopted ("The contentious measure passed by 14 votes ..."). A
// paragraph that opens with a quotation mark is quoted text (a resolution
// read out in full), never a report. Member States come from `states`; names
// it does not know are reported in `warnings` and left out. Never fails.
std::vector<ReportedAdoption> FindReportedAdoptions(const std::vector<std::string>& paragraphs,
                                                    Organ organ, const MemberStates& states,
                                                    std::vector<std::string>* warnings,
                                                    const ReportedVoteLimits& limits = {});

// "45-2-3" for a vote with all three figures, "unanimous", "without vote" or
// "consensus" for those methods; "" otherwise. For tests and logs.
std::string VoteSummary(const Vote& vote);

}  // namespace plenary::parsing
