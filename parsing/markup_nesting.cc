#include "parsing/markup_nesting.h"

#include <array>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"

namespace plenary::parsing {
namespace {

// Elements that never hold others (void) or that a sibling or parent's end
// closes implicitly: neither makes nesting that lasts.
constexpr auto kNonNesting = std::to_array<std::string_view>({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
    "tfoot", "option", "optgroup", "rb", "rt", "rp", "colgroup", "caption", "html", "head",
    "body", "basefont", "bgsound", "keygen", "frame",
});

bool IsNameStart(char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)); }

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

bool Nests(std::string_view name) {
  for (std::string_view other : kNonNesting) {
    if (name == other) return false;
  }
  return true;
}

// The position just past the '>' that ends the tag whose attributes start at
// `from`, honouring quoted attribute values; content.size() when unclosed.
size_t TagEnd(std::string_view content, size_t from, bool* self_closing) {
  char quote = 0;
  for (size_t i = from; i < content.size(); ++i) {
    const char c = content[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      *self_closing = i > from && content[i - 1] == '/';
      return i + 1;
    }
  }
  *self_closing = false;
  return content.size();
}

}  // namespace

absl::Status CheckMarkupNesting(std::string_view content, int max_depth) {
  std::vector<std::string> open;
  size_t i = 0;
  while ((i = content.find('<', i)) != std::string_view::npos) {
    if (content.substr(i, 4) == "<!--") {
      const size_t end = content.find("-->", i + 4);
      i = end == std::string_view::npos ? content.size() : end + 3;
      continue;
    }
    if (i + 1 < content.size() && (content[i + 1] == '!' || content[i + 1] == '?')) {
      const size_t end = content.find('>', i);
      i = end == std::string_view::npos ? content.size() : end + 1;
      continue;
    }
    const bool closing = i + 1 < content.size() && content[i + 1] == '/';
    size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= content.size() || !IsNameStart(content[name_start])) {
      i = name_start;
      continue;
    }
    size_t name_end = name_start;
    while (name_end < content.size() && IsNameChar(content[name_end])) ++name_end;
    const std::string name =
        absl::AsciiStrToLower(std::string(content.substr(name_start, name_end - name_start)));
    bool self_closing = false;
    const size_t tag_start = i;
    i = TagEnd(content, name_end, &self_closing);
    if (closing) {
      // Closes the innermost open element of that name, and those inside it.
      for (size_t k = open.size(); k > 0; --k) {
        if (open[k - 1] == name) {
          open.resize(k - 1);
          break;
        }
      }
      continue;
    }
    if (self_closing || !Nests(name)) continue;
    if (name == "script" || name == "style") {  // raw text up to the end tag
      const size_t end = content.find("</" + name, i);
      i = end == std::string_view::npos ? content.size() : end;
      continue;
    }
    open.push_back(name);
    if (open.size() > static_cast<size_t>(max_depth)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "the markup nests more than %d elements deep (at byte %d): no real page does; "
          "send the document with its markup repaired",
          max_depth, tag_start));
    }
  }
  return absl::OkStatus();
}

}  // namespace plenary::parsing
