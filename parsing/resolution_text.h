// Resolution texts: General Assembly, Security Council and Economic and
// Social Council resolutions as pdftotext prints the official PDFs, as web
// pages render them, and as the Official Records compile them (several
// resolutions a page, English and French side by side, OCR noise).
#pragma once

#include <string>
#include <string_view>

#include "model/records.h"

namespace plenary::parsing {

// Limits on what ParseResolutionText reads.
struct ResolutionTextLimits {
  size_t max_bytes = 8 << 20;
  size_t max_lines = 200000;
  size_t max_resolutions = 500;
};

// What a resolution text holds and, when it holds no resolution, why.
struct ResolutionTextReading {
  Extraction extraction;
  // Whether the text reads as a resolution document at all (a masthead, an
  // adoption line, "The General Assembly," opening a preamble): such a text
  // must never be read as a statement.
  bool looks_like_resolution_text = false;
  // Why no resolution was read: "a draft resolution (A/L.632), not an adopted
  // one", "no resolution number or adoption line". Empty when one was.
  std::string missing;
};

// Reads every resolution in `content` (plain text, form feeds between
// pages): symbol (with the forms the text uses as aliases), organ, adoption
// date (never the distribution date), title (empty where the organ gives
// none, as the Security Council), preambular, operative and annex paragraphs
// without page furniture and footnotes, the resolutions it cites, its vote
// and meeting where stated, and the drafts or reports it was adopted on. A
// compilation page gives one record per resolution whose number it shows,
// in English. Never fails: a text past `limits` gives no record, with the
// reason in `missing`.
ResolutionTextReading ReadResolutionText(std::string_view content,
                                         const ResolutionTextLimits& limits = {});

// The visible text of `html` (a web copy of a resolution), one line per
// block, for ReadResolutionText. Never fails.
std::string HtmlToLines(std::string_view html);

}  // namespace plenary::parsing
