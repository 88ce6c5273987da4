// Readable text out of HTML, parsed with gumbo: pages and the HTML fragments
// that table cells carry.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gumbo.h"

namespace plenary::parsing {

// A parsed HTML document; frees gumbo's tree when it goes.
class HtmlDocument {
 public:
  // Parses `html` as a whole document, as browsers do: never fails, broken
  // markup is repaired.
  explicit HtmlDocument(std::string_view html);
  const GumboNode& root() const { return *output_->root; }

 private:
  struct Destroy {
    void operator()(GumboOutput* output) const;
  };
  std::unique_ptr<GumboOutput, Destroy> output_;
};

// A run of text between block boundaries, in document order.
struct TextBlock {
  std::string text;        // entities decoded, whitespace collapsed
  bool list_item = false;  // opened by <li> or by a bullet (•, ●, ○, ...)
};

// The text blocks under `node`. Elements that never hold article text
// (script, style, nav, header, footer, aside, forms, figures, hidden ones)
// are skipped; <p>, <div>, <li>, <br>, headings and the like end a block, and
// so does a bullet character in the text. Never fails; may be empty.
std::vector<TextBlock> TextBlocks(const GumboNode& node);

// The text blocks of an HTML fragment such as a table cell. Never fails.
std::vector<TextBlock> FragmentBlocks(std::string_view html);

// The text of an HTML fragment on one line: blocks joined by spaces.
std::string FragmentText(std::string_view html);

// The text under `node` on one line, nothing skipped. Never fails.
std::string NodeText(const GumboNode& node);

// The value of `node`'s attribute `name`; empty when absent or not an element.
std::string_view Attribute(const GumboNode& node, const char* name);

// The first element under `node` (itself included) with tag `tag`, in
// document order; nullptr when there is none.
const GumboNode* FindElement(const GumboNode& node, GumboTag tag);

}  // namespace plenary::parsing
