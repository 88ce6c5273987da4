#include "parsing/markup_nesting.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"

namespace plenary::parsing {
namespace {

bool OneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never hold others, and those that are unique in a page.
bool NeverNests(std::string_view name) {
  return OneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                      "param", "source", "track", "wbr", "basefont", "bgsound", "keygen", "frame",
                      "html", "head", "body"});
}

// Formatting elements: browsers reopen them after the blocks that closed
// them, so they stay counted until their own end tag.
bool IsFormatting(std::string_view name) {
  return OneOf(name, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                      "strong", "tt", "u"});
}

// Elements whose text runs to their end tag, markup included.
bool IsRawText(std::string_view name) {
  return OneOf(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                      "noframes"});
}

bool IsNameStart(char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)); }

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

// The position just past the '>' that ends the tag whose attributes start at
// `from`; content.size() when unclosed. Quotes delimit only attribute
// values, after '='.
size_t TagEnd(std::string_view content, size_t from, bool* self_closing) {
  bool after_equals = false;
  for (size_t i = from; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '>') {
      *self_closing = i > from && content[i - 1] == '/';
      return i + 1;
    }
    if (after_equals && (c == '"' || c == '\'')) {
      const size_t close = content.find(c, i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      after_equals = false;
    } else if (c == '=') {
      after_equals = true;
    } else if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
      after_equals = false;
    }
  }
  *self_closing = false;
  return content.size();
}

// Where the comment starting at `start` ("<!--") ends: "<!-->" and
// "<!--->" are complete, else at "-->" or "--!>".
size_t CommentEnd(std::string_view content, size_t start) {
  const std::string_view rest = content.substr(start + 4);
  if (rest.starts_with(">")) return start + 5;
  if (rest.starts_with("->")) return start + 6;
  const size_t dashes = rest.find("-->");
  const size_t bang = rest.find("--!>");
  if (dashes == std::string_view::npos && bang == std::string_view::npos) return content.size();
  return dashes <= bang ? start + 4 + dashes + 3 : start + 4 + bang + 4;
}

// The elements open at one point, as a browser's tree builder keeps them
// (approximately, and never fewer).
class OpenElements {
 public:
  size_t depth() const { return names_.size(); }

  void Open(const std::string& name) {
    CloseImplied(name);
    names_.push_back(name);
    if (name == "svg" || name == "math") ++foreign_;
  }

  void Close(const std::string& name) {
    // A misnested formatting end tag leaves the blocks inside open.
    if (IsFormatting(name)) {
      if (!names_.empty() && names_.back() == name) PopTo(names_.size() - 1);
      return;
    }
    for (size_t k = names_.size(); k > 0; --k) {
      if (names_[k - 1] == name) {
        PopTo(k - 1);
        return;
      }
    }
  }

  bool InForeignContent() const { return foreign_ > 0; }

 private:
  // A new cell, row or section closes the open one and all inside it; a
  // new paragraph or item closes one that is innermost.
  void CloseImplied(const std::string& name) {
    const auto close_within = [&](std::initializer_list<std::string_view> targets,
                                  std::initializer_list<std::string_view> boundaries) {
      for (size_t k = names_.size(); k > 0; --k) {
        if (OneOf(names_[k - 1], targets)) {
          PopTo(k - 1);
          return;
        }
        if (OneOf(names_[k - 1], boundaries)) return;
      }
    };
    if (name == "td" || name == "th") {
      close_within({"td", "th"}, {"tr", "table", "tbody", "thead", "tfoot"});
    } else if (name == "tr") {
      close_within({"tr"}, {"table", "tbody", "thead", "tfoot"});
    } else if (name == "tbody" || name == "thead" || name == "tfoot") {
      close_within({"tbody", "thead", "tfoot"}, {"table"});
    } else if (name == "p" || name == "li" || name == "dt" || name == "dd" ||
               name == "option") {
      if (!names_.empty() &&
          (names_.back() == name || (name == "dt" && names_.back() == "dd") ||
           (name == "dd" && names_.back() == "dt") || (name == "li" && names_.back() == "p"))) {
        PopTo(names_.size() - 1);
      }
    }
  }

  void PopTo(size_t size) {
    for (size_t k = size; k < names_.size(); ++k) {
      if (names_[k] == "svg" || names_[k] == "math") --foreign_;
    }
    names_.resize(size);
  }

  std::vector<std::string> names_;
  int foreign_ = 0;
};

}  // namespace

absl::Status CheckMarkupNesting(std::string_view content, int max_depth) {
  OpenElements open;
  size_t i = 0;
  while ((i = content.find('<', i)) != std::string_view::npos) {
    if (content.substr(i, 4) == "<!--") {
      i = CommentEnd(content, i);
      continue;
    }
    if (i + 1 < content.size() && (content[i + 1] == '!' || content[i + 1] == '?')) {
      const size_t end = content.find('>', i);
      i = end == std::string_view::npos ? content.size() : end + 1;
      continue;
    }
    const bool closing = i + 1 < content.size() && content[i + 1] == '/';
    const size_t name_start = i + (closing ? 2 : 1);
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
      open.Close(name);
      continue;
    }
    if (name == "plaintext") break;  // the rest is text
    if (IsRawText(name)) {  // its text runs to its end tag, in any case
      const std::string end_tag = "</" + name;
      size_t k = i;
      while (k < content.size()) {
        k = content.find("</", k);
        if (k == std::string_view::npos) {
          k = content.size();
          break;
        }
        const std::string_view candidate = content.substr(k, end_tag.size());
        if (absl::EqualsIgnoreCase(absl::string_view(candidate.data(), candidate.size()), end_tag)) {
          break;
        }
        k += 2;
      }
      i = k;
      continue;
    }
    // A slash closes only foreign elements (SVG, MathML); HTML ignores it.
    if (NeverNests(name) || (self_closing && open.InForeignContent())) continue;
    open.Open(name);
    if (open.depth() > static_cast<size_t>(max_depth)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "the markup nests more than %d elements deep (at byte %d): no real page does; "
          "send the document with its markup repaired",
          max_depth, tag_start));
    }
  }
  return absl::OkStatus();
}

}  // namespace plenary::parsing
