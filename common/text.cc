#include "common/text.h"

#include <array>

namespace plenary {
namespace {

// Unicode spaces scraped pages carry besides ASCII ones.
constexpr auto kUnicodeSpaces = std::to_array<std::string_view>({
    "\u00a0",  // no-break space
    "\u2007",  // figure space
    "\u2009",  // thin space
    "\u202f",  // narrow no-break space
    "\u3000",  // ideographic space
    "\ufeff",  // byte order mark / zero-width no-break space
});

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

size_t WhitespaceLength(std::string_view text, size_t offset) {
  if (offset >= text.size()) return 0;
  if (IsAsciiSpace(text[offset])) return 1;
  for (std::string_view space : kUnicodeSpaces) {
    if (text.substr(offset, space.size()) == space) return space.size();
  }
  // En space through hair space (U+2002..U+200A) share a prefix.
  if (text.substr(offset, 2) == "\xe2\x80" && offset + 2 < text.size()) {
    const unsigned char last = static_cast<unsigned char>(text[offset + 2]);
    if (last >= 0x80 && last <= 0x8a) return 3;
  }
  return 0;
}

std::string_view TrimSpace(std::string_view text) {
  size_t begin = 0;
  while (size_t length = WhitespaceLength(text, begin)) begin += length;
  size_t end = text.size();
  while (end > begin) {
    // Step back over one character: find its first byte.
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xc0) == 0x80) --start;
    if (WhitespaceLength(text, start) != end - start) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string CollapseWhitespace(std::string_view text) {
  std::string collapsed;
  collapsed.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    if (size_t length = WhitespaceLength(text, i)) {
      pending_space = !collapsed.empty();
      i += length;
      continue;
    }
    if (pending_space) collapsed.push_back(' ');
    pending_space = false;
    collapsed.push_back(text[i++]);
  }
  return collapsed;
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

std::optional<size_t> FirstInvalidUtf8(std::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    size_t length = 0;
    unsigned char min_second = 0x80, max_second = 0xbf;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) min_second = 0xa0;  // overlong
      if (lead == 0xed) max_second = 0x9f;  // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) min_second = 0x90;  // overlong
      if (lead == 0xf4) max_second = 0x8f;  // beyond U+10FFFF
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = byte(i + k);
      const unsigned char low = k == 1 ? min_second : 0x80;
      const unsigned char high = k == 1 ? max_second : 0xbf;
      if (next < low || next > high) return i;
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace plenary
