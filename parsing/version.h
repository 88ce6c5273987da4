// The version of Plenary's readers, recorded with every revision they make
// (Source.parser_version) so that stored documents can be read again when
// the readers change (IngestService.ReparseDocuments).
#pragma once

namespace plenary::parsing {

// Raise it with every change to what any reader reads out of a document.
inline constexpr char kParserVersion[] = "2026.11.30.2";

}  // namespace plenary::parsing
