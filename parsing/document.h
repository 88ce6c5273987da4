// The parsing library's entry point: a document and its media type in, the
// resolutions and statements it holds out.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/records.h"

namespace plenary::parsing {

enum class MediaType { kPlainText, kMarkdown, kHtml, kTsv, kPdf };

// The media type `media_type` names ("text/plain", "text/markdown",
// "text/html", "text/tab-separated-values", "application/pdf"; also
// "text/x-markdown" and "application/xhtml+xml"; parameters such as
// "; charset=utf-8" allowed, case aside). Content wins over the declared
// type: a PDF is a PDF whatever it is declared as, and a document declared
// as text/plain, application/octet-stream or nothing is sniffed from
// `content`: a PDF header, HTML markup at the start, rows of tabs, or
// Markdown headings and emphasis, else plain text. Returns INVALID_ARGUMENT
// naming the type when it is not one of these, when a charset other than
// UTF-8 (or US-ASCII) is declared, or when content declared application/pdf
// is no PDF.
absl::StatusOr<MediaType> ResolveMediaType(std::string_view media_type, std::string_view content);

// The name of `type` ("text/plain", ..., "application/pdf"): what a document
// read as `type` is stored and counted under.
std::string_view MediaTypeName(MediaType type);

// OK when `content` is text the parsers can read. Returns INVALID_ARGUMENT
// saying why when it is empty or only whitespace, holds a NUL byte or other
// binary control bytes, or is not valid UTF-8 (with the byte offset).
absl::Status ValidateText(std::string_view content);

// Validates `content` and reads it as `type`, trying each reading that
// kind of document may hold: a UN release (press release, meetings
// coverage, message, verbatim record: see press_release.h), a resolution
// text, a library table of meetings, a news story or page. A text with a
// release's furniture (a press symbol, a masthead, a meeting line) is read
// as a release first, so that a resolution it quotes in full stays part of
// it; otherwise a document that reads as a resolution text is never read as
// a statement. Returns INVALID_ARGUMENT when
// ValidateText rejects it (a PDF is not text: its text layer is read
// instead, and a PDF without one is refused as such), or "nothing could be
// extracted: ..." naming each reading tried and what it lacked when it
// holds no resolution and no statement. Problems that do not stop
// extraction (a row without a date, say) are listed in Extraction::warnings.
// Each reader has its own limits on size and work (see resolution_text.h,
// meeting_table.h, pdf_text.h); the caller's request limits come first.
absl::StatusOr<Extraction> ParseDocument(std::string_view content, MediaType type);

}  // namespace plenary::parsing
