// UN document symbols: the forms texts cite resolutions and decisions by, and
// the one canonical form each of them maps to, so that every source agrees.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary {

// Returns the canonical form of `text` when all of it (surrounding whitespace
// aside) is one recognized symbol, whatever its case and spacing:
// "A/RES/64/222" and "64/222" -> "A/RES/64/222"; "2997 (XXVII)" ->
// "A/RES/2997(XXVII)"; "S/RES/2171(2014)" -> "S/RES/2171 (2014)";
// "E/RES/2013/5"; "UNEP/GC/24/12"; "UNEP/GC.23/6/Add.1"; "decision 25/9" and
// "UNEP/GC Decision 25/9" -> "Decision 25/9". Returns std::nullopt otherwise.
std::optional<std::string> CanonicalSymbol(std::string_view text);

// The lookup key two spellings of one identifier share: ASCII letters folded
// to lower case, whitespace removed. Never fails.
std::string SymbolKey(std::string_view text);

// One place where a text cites a resolution, by symbol or by name.
struct SymbolMention {
  std::string canonical;   // "A/RES/64/222"
  std::string as_written;  // "64/222", "Nairobi outcome document"
  size_t offset = 0;       // byte offset of as_written in the text searched
};

// Symbols cited in running text, one mention per occurrence, in order.
// Returns an empty vector when there are none.
std::vector<SymbolMention> FindSymbolMentions(std::string_view text);

// Canonical symbols cited in running text, deduplicated, in order of first
// appearance. Returns an empty vector when there are none.
std::vector<std::string> FindSymbols(std::string_view text);

// Returns the symbol of the resolution a well-known name designates
// ("Nairobi outcome document" -> "A/RES/64/222"), case and spacing aside;
// std::nullopt when the name is not a known one.
std::optional<std::string> SymbolForName(std::string_view name);

// Well-known names used in running text, one mention per occurrence, in
// order. A name counts only where it is capitalized, as names are ("the
// future we want" in a sentence is not "The future we want"). Returns an
// empty vector when there are none.
std::vector<SymbolMention> FindNameMentions(std::string_view text);

// Resolutions a text refers to by symbol or well-known name: canonical
// symbols, deduplicated, in order of first appearance. Returns an empty
// vector when there are none.
std::vector<std::string> FindReferences(std::string_view text);

}  // namespace plenary
