// The domain records Plenary reads out of documents, stores and serves.
// Plain structs with no gRPC or SQL in sight: parsing fills them, storage
// persists them, services map them to and from the protobuf contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plenary {

// A calendar date as precise as its source: 0 in a field means the source
// does not state it ("2009" is {2009, 0, 0}; "February 2009" is {2009, 2, 0}).
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;

  bool empty() const { return year == 0; }
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// Where a paragraph stands in a resolution. kUnspecified is what sources
// that do not tell (a table cell of paragraphs) give.
enum class ParagraphKind {
  kUnspecified = 0,
  kPreambular,  // "Recalling ...": unnumbered, before the operative part
  kOperative,   // "1. Decides ...", its sub-items "(a)", "(i)", and unnumbered operative clauses
  kAnnex,       // text annexed to the resolution: a declaration, programme of action, ...
};

// One paragraph of a resolution, numbered as printed ("4", "(a)");
// an unnumbered paragraph has an empty number.
struct Paragraph {
  std::string number;
  std::string text;
  ParagraphKind kind = ParagraphKind::kUnspecified;
  friend bool operator==(const Paragraph&, const Paragraph&) = default;
};

// How a resolution was adopted.
enum class VoteMethod {
  kUnspecified = 0,  // the source does not say
  kWithoutVote,      // "adopted without a vote", "Without vote"
  kConsensus,        // "adopted by consensus"
  kUnanimous,        // "adopted unanimously"
  kRecorded,         // a vote with figures: recorded, roll-call or show of hands
  kShowOfHands,      // "adopted by a show of hands" without figures
};

// How one Member State voted, or said it had meant to vote.
enum class VotePosition {
  kUnspecified = 0,
  kInFavour,    // "In favour: ...", "85 in favour (...)"
  kAgainst,     // "Against: ...", "2 against (Australia, United States)"
  kAbstaining,  // "Abstaining: ...", "with the United States abstaining"
  kAbsent,      // "Absent: ..." in a roll-call list
};

// A Member State as a vote names it: ISO 3166-1 (Debian's iso-codes) in the
// form the UN writes it, e.g. {"United States of America", "USA"},
// {"Iran (Islamic Republic of)", "IRN"}.
struct MemberState {
  std::string name;    // canonical name
  std::string alpha3;  // ISO 3166-1 alpha-3 code
  friend bool operator==(const MemberState&, const MemberState&) = default;
};

// One Member State's position in a reported vote.
struct MemberStateVote {
  MemberState member_state;
  VotePosition position = VotePosition::kUnspecified;
  friend bool operator==(const MemberStateVote&, const MemberStateVote&) = default;
};

// The vote on a resolution, as far as the source states it.
struct Vote {
  VoteMethod method = VoteMethod::kUnspecified;
  std::optional<int> in_favour;   // "by 13 votes to 2": 13
  std::optional<int> against;     // 2
  std::optional<int> abstaining;  // "with 1 abstention": 1
  std::string as_written;         // the source's words, e.g. "15-0-0", "adopted unanimously"
  // Each Member State a list or parenthesis names, with how it voted.
  std::vector<MemberStateVote> member_states;

  bool empty() const { return method == VoteMethod::kUnspecified && as_written.empty(); }
  friend bool operator==(const Vote&, const Vote&) = default;
};

// The meeting at which a resolution was adopted.
struct Meeting {
  std::string record;  // the meeting record's symbol, e.g. "S/PV.1382"; empty when unknown
  int number = 0;      // 1382 in "1382nd meeting", 80 in "80th plenary meeting"; 0 when unknown
  PartialDate date;    // the meeting's date, as precise as the source

  bool empty() const { return record.empty() && number == 0 && date.empty(); }
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

// What kind of source states a resolution, in increasing authority: where
// two disagree, the more authoritative one's fields win (model/merge.h).
enum class Authority {
  kTableRow = 1,  // a row of a library table or list of resolutions
  kReport = 2,    // a press release or meeting coverage reporting the adoption
  kFullText = 3,  // the resolution's own text, as published
};

// A resolution or decision of a UN organ as one source states it.
struct Resolution {
  std::string symbol;                   // canonical form, e.g. "A/RES/64/222"
  std::vector<std::string> aliases;     // other forms the sources use
  std::string body;                     // adopting organ
  PartialDate adopted;
  std::string title;
  std::vector<Paragraph> paragraphs;
  std::vector<std::string> references;  // canonical symbols cited
  Vote vote;                            // empty when the source does not state it
  Meeting meeting;                      // empty when the source does not state it
  // Drafts and reports the resolution was adopted on, as printed in
  // "[on the report of the Second Committee (A/64/422/Add.2)]" or the
  // compilation's "[S/1501]": documents, never resolutions.
  std::vector<std::string> source_documents;
  // The kind of source this reading came from; after merging, the most
  // authoritative of the sources merged.
  Authority authority = Authority::kFullText;
  friend bool operator==(const Resolution&, const Resolution&) = default;
};

// A quoted passage and who said it (empty when the text does not say).
struct Quote {
  std::string text;
  std::string speaker;
  friend bool operator==(const Quote&, const Quote&) = default;
};

// A correction printed after a vote ("Subsequently, the delegation of X
// advised that it had intended to vote in favour"): the vote as taken stands,
// the correction is kept beside it.
struct VoteCorrection {
  MemberState member_state;
  VotePosition intended = VotePosition::kUnspecified;  // kUnspecified: "had not intended to vote"
  std::string as_written;
  friend bool operator==(const VoteCorrection&, const VoteCorrection&) = default;
};

// What a reported vote was taken on.
enum class VoteSubject {
  kUnspecified = 0,
  kWholeText,  // the resolution or draft as a whole: its adoption
  kParagraph,  // a separate vote on one paragraph, or part, of the text
  kAmendment,  // a vote on an amendment to the draft
  // A Main Committee's vote approving a draft it recommends to the plenary
  // ("approved by a vote of 132 to 3, the text would have the Assembly
  // ..."): not the resolution's adoption, which comes later.
  kCommitteeDraft,
};

// An adoption (or, for a separate vote, a vote on part of a text or on an
// amendment) that a press release or meeting coverage reports. Only a
// kWholeText vote is the resolution's vote; the others are kept as such.
struct ReportedAdoption {
  std::string resolution_symbol;  // canonical, e.g. "S/RES/2208 (2015)"; empty when not printed
  std::string title;              // "Status of Jerusalem"; empty when not printed
  std::string draft_symbol;       // "A/ES-10/L.22", "S/2016/1100"; empty when not printed
  VoteSubject subject = VoteSubject::kWholeText;
  std::string part;               // kParagraph/kAmendment: "operative paragraph 3", "amendment A/C.3/72/L.61"
  bool adopted = true;            // false: the paragraph was deleted, the amendment or draft rejected
  Vote vote;                      // method, figures and as_written ("by a recorded vote of ...")
  std::vector<VoteCorrection> corrections;
  friend bool operator==(const ReportedAdoption&, const ReportedAdoption&) = default;
};

// A statement: a message, speech or news story about what someone said.
struct Statement {
  std::string headline;
  std::string speaker;       // "Ban Ki-moon"
  std::string speaker_role;  // "Secretary-General"
  PartialDate date;
  std::vector<std::string> places;
  std::string text;  // body text without page chrome
  std::vector<Quote> quotes;
  std::vector<std::string> references;  // canonical symbols cited
  // The press symbols the release is published under ("SG/SM/12668",
  // "ECOSOC/6134/Corr.1", "AFR/682"), or a verbatim record's symbol
  // ("S/PV.7853"): other names of the statement. Empty for news stories.
  std::vector<std::string> aliases;
  std::string language;                  // "en" or "fr"; empty when not told
  std::vector<ReportedAdoption> adoptions;  // votes and adoptions the text reports
  friend bool operator==(const Statement&, const Statement&) = default;
};

// Everything read out of one document.
struct Extraction {
  std::vector<Resolution> resolutions;
  std::vector<Statement> statements;
  std::vector<std::string> warnings;  // e.g. "row 7 has no date"; not fatal
};

}  // namespace plenary
