// Fuzzes the resolution-text reader with small limits, so each input is cheap.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsing/resolution_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  plenary::parsing::ResolutionTextLimits limits;
  limits.max_bytes = 64 << 10;
  limits.max_lines = 4000;
  limits.max_resolutions = 50;
  (void)plenary::parsing::ReadResolutionText(content, limits);
  return 0;
}
