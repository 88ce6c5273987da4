// The domain records Plenary reads out of documents, stores and serves.
// Plain structs with no gRPC or SQL in sight: parsing fills them, storage
// persists them, services map them to and from the protobuf contract.
#pragma once

#include <cstdint>
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

// One numbered paragraph of a resolution, numbered as printed ("4", "(a)");
// an unnumbered paragraph has an empty number.
struct Paragraph {
  std::string number;
  std::string text;
  friend bool operator==(const Paragraph&, const Paragraph&) = default;
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
  friend bool operator==(const Resolution&, const Resolution&) = default;
};

// A quoted passage and who said it (empty when the text does not say).
struct Quote {
  std::string text;
  std::string speaker;
  friend bool operator==(const Quote&, const Quote&) = default;
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
  friend bool operator==(const Statement&, const Statement&) = default;
};

// Everything read out of one document.
struct Extraction {
  std::vector<Resolution> resolutions;
  std::vector<Statement> statements;
  std::vector<std::string> warnings;  // e.g. "row 7 has no date"; not fatal
};

}  // namespace plenary
