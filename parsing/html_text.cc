#include "parsing/html_text.h"

#include <array>

#include "common/text.h"

namespace plenary::parsing {
namespace {

// Deeper markup is not read: no real page nests this deep, and walking
// further would only risk the stack.
constexpr int kMaxDepth = 256;

// Characters pages and tables use as list bullets.
constexpr auto kBullets = std::to_array<std::string_view>({
    "\u2022",  // •
    "\u25cf",  // ●
    "\u25cb",  // ○
    "\u25e6",  // ◦
    "\u25aa",  // ▪
    "\u25a0",  // ■
    "\u2023",  // ‣
});

bool IsSkipped(const GumboElement& element) {
  switch (element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      break;
  }
  if (gumbo_get_attribute(&element.attributes, "hidden") != nullptr) return true;
  const GumboAttribute* aria_hidden = gumbo_get_attribute(&element.attributes, "aria-hidden");
  return aria_hidden != nullptr && std::string_view(aria_hidden->value) == "true";
}

bool EndsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Collects blocks while walking the tree.
class BlockWriter {
 public:
  void Walk(const GumboNode& node, bool skip_hidden, int depth = 0) {
    if (depth > kMaxDepth) return;
    switch (node.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        AddText(node.v.text.text);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
      case GUMBO_NODE_DOCUMENT:
        break;
      default:
        return;
    }
    const GumboVector& children =
        node.type == GUMBO_NODE_DOCUMENT ? node.v.document.children : node.v.element.children;
    if (node.type != GUMBO_NODE_DOCUMENT) {
      const GumboElement& element = node.v.element;
      if (skip_hidden && IsSkipped(element)) return;
      if (EndsBlock(element.tag)) Break(element.tag == GUMBO_TAG_LI);
    }
    for (unsigned i = 0; i < children.length; ++i) {
      Walk(*static_cast<const GumboNode*>(children.data[i]), skip_hidden, depth + 1);
    }
    if (node.type != GUMBO_NODE_DOCUMENT && EndsBlock(node.v.element.tag)) Break(false);
  }

  std::vector<TextBlock> Finish() {
    Break(false);
    return std::move(blocks_);
  }

 private:
  void AddText(std::string_view text) {
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      for (std::string_view bullet : kBullets) {
        if (text.substr(i, bullet.size()) != bullet) continue;
        current_.append(text.substr(start, i - start));
        Break(true);
        i += bullet.size() - 1;
        start = i + 1;
        break;
      }
    }
    current_.append(text.substr(start));
  }

  // Ends the current block; the next one is a list item if `list_item`.
  void Break(bool list_item) {
    std::string text = CollapseWhitespace(current_);
    current_.clear();
    const bool emitted = !text.empty();
    if (emitted) blocks_.push_back({std::move(text), next_is_item_});
    if (emitted || list_item) next_is_item_ = list_item;
  }

  std::string current_;
  bool next_is_item_ = false;
  std::vector<TextBlock> blocks_;
};

const GumboNode* FindElementWithin(const GumboNode& node, GumboTag tag, int depth) {
  if (depth > kMaxDepth) return nullptr;
  if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_DOCUMENT) return nullptr;
  if (node.type == GUMBO_NODE_ELEMENT && node.v.element.tag == tag) return &node;
  const GumboVector& children =
      node.type == GUMBO_NODE_DOCUMENT ? node.v.document.children : node.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const GumboNode& child = *static_cast<const GumboNode*>(children.data[i]);
    if (const GumboNode* found = FindElementWithin(child, tag, depth + 1)) return found;
  }
  return nullptr;
}

std::string JoinBlocks(const std::vector<TextBlock>& blocks) {
  std::string text;
  for (const TextBlock& block : blocks) {
    if (!text.empty()) text.push_back(' ');
    text += block.text;
  }
  return text;
}

}  // namespace

// Parse errors are not used, and gumbo copies the stack of open elements
// into each one it keeps: keep none.
GumboOptions ParseOptions() {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  return options;
}

void HtmlDocument::Destroy::operator()(GumboOutput* output) const {
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

HtmlDocument::HtmlDocument(std::string_view html) {
  static const GumboOptions options = ParseOptions();
  output_.reset(gumbo_parse_with_options(&options, html.data(), html.size()));
}

std::vector<TextBlock> TextBlocks(const GumboNode& node) {
  BlockWriter writer;
  writer.Walk(node, /*skip_hidden=*/true);
  return writer.Finish();
}

std::vector<TextBlock> FragmentBlocks(std::string_view html) {
  const HtmlDocument document(html);
  return TextBlocks(document.root());
}

std::string FragmentText(std::string_view html) { return JoinBlocks(FragmentBlocks(html)); }

std::string NodeText(const GumboNode& node) {
  BlockWriter writer;
  writer.Walk(node, /*skip_hidden=*/false);
  return JoinBlocks(writer.Finish());
}

std::string_view Attribute(const GumboNode& node, const char* name) {
  if (node.type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attribute = gumbo_get_attribute(&node.v.element.attributes, name);
  return attribute == nullptr ? std::string_view() : std::string_view(attribute->value);
}

const GumboNode* FindElement(const GumboNode& node, GumboTag tag) {
  return FindElementWithin(node, tag, 0);
}

}  // namespace plenary::parsing
