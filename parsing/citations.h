// Resolutions of the UN's principal organs cited in a resolution's text, in
// every form the UN writes them ("resolution 64/222", "resolutions 1261
// (1999) of 25 August 1999, 1265 (1999) ...", "2625 (XXV)", "3201 (S-VI)",
// "ES-10/19", "S/RES/2171(2014)"), with the organ inferred from the form and
// from the words before "resolution". Drafts, reports, presidential
// statements, meeting records and other bodies' resolutions (Human Rights
// Council, UNFCCC decisions, Arab League, OAU) are never taken for one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/symbol.h"

namespace plenary::parsing {

// The organ whose text is read: the one "its resolution" and "the Council"
// refer to.
enum class Organ { kUnknown, kGeneralAssembly, kSecurityCouncil, kEconomicAndSocialCouncil };

// The canonical symbol prefix of `organ` ("A/RES/", ...); "" for kUnknown.
std::string_view SymbolPrefix(Organ organ);

// The organ a symbol's prefix names; kUnknown when none.
Organ OrganOfSymbol(std::string_view symbol);

// The organ's name as records give it ("General Assembly", ...).
std::string OrganName(Organ organ);

// The canonical symbol of a resolution number as a text writes it in a
// list after "resolution(s)" or as a heading: "64/222", "ES-10/19",
// "2625 (XXV)", "3201 (S-VI)", "1325 (2000)", "660 ( 1990)", "1990/19",
// "1768 (LIV)", "1973/1768(LIV)", explicit "S/RES/2171(2014)". `organ` is the
// organ the context names (kUnknown when it names none); the form decides
// where it can ("1325 (2000)" is the Council's, "2625 (XXV)" the Assembly's
// unless the context names the Economic and Social Council). Lettered parts
// ("2453 A (XXIII)") come back as "A/RES/2453(XXIII)[A]". Returns "" when
// `number` is no resolution of a principal organ (a General Assembly number
// impossible for its session, say).
std::string CanonicalResolutionNumber(std::string_view number, Organ organ);

// Every resolution `text` cites, one mention per occurrence, in order.
// `document_organ` is the organ whose text it is. Paragraphs are separated
// by blank lines: the organ a clause names ("Human Rights Council resolution
// 48/13 ..., including resolutions 44/7") carries over to the rest of its
// paragraph, never beyond. Never fails.
std::vector<SymbolMention> FindResolutionCitations(std::string_view text, Organ document_organ);

// The canonical symbols of FindResolutionCitations, deduplicated, in order.
std::vector<std::string> FindCitedResolutions(std::string_view text, Organ document_organ);

}  // namespace plenary::parsing
