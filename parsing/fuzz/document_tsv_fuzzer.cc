// Fuzzes the text/tab-separated-values resolution table parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsing/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  (void)plenary::parsing::ParseDocument(content, plenary::parsing::MediaType::kTsv);
  return 0;
}
