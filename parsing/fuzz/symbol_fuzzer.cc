// Fuzzes symbol recognition: whatever CanonicalSymbol accepts must come back
// unchanged when canonicalized again, and be found in running text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/symbol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenary;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)FindSymbols(text);
  (void)FindReferences(text);
  (void)SymbolKey(text);
  (void)SymbolForName(text);
  if (const std::optional<std::string> canonical = CanonicalSymbol(text)) {
    if (CanonicalSymbol(*canonical) != canonical) std::abort();
    if (FindSymbols(*canonical).empty()) std::abort();
  }
  return 0;
}
