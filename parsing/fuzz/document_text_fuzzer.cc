// Fuzzes media-type sniffing and the text/plain and text/markdown parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsing/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  (void)plenary::parsing::ResolveMediaType("", content);
  (void)plenary::parsing::ParseDocument(content, plenary::parsing::MediaType::kMarkdown);
  return 0;
}
