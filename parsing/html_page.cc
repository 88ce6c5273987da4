#include "parsing/html_page.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "parsing/dates.h"
#include "parsing/html_text.h"
#include "common/text.h"
#include "parsing/story.h"
#include "parsing/text_cleanup.h"

namespace plenary::parsing {
namespace {

constexpr int kMaxDepth = 256;

const GumboNode* ArticleRoot(const GumboNode& root) {
  for (GumboTag tag : {GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN, GUMBO_TAG_BODY}) {
    if (const GumboNode* found = FindElement(root, tag)) return found;
  }
  return &root;
}

std::string Headline(const GumboNode& root, const GumboNode& article) {
  const GumboNode* h1 = FindElement(article, GUMBO_TAG_H1);
  if (h1 == nullptr) h1 = FindElement(root, GUMBO_TAG_H1);
  if (h1 != nullptr) return NodeText(*h1);
  const GumboNode* title = FindElement(root, GUMBO_TAG_TITLE);
  if (title == nullptr) return "";
  const std::string text = NodeText(*title);
  return std::string(TrimSpace(std::string_view(text).substr(0, text.find(" | "))));
}

PartialDate PublicationDate(const GumboNode& root, const GumboNode& article) {
  for (const GumboNode* scope : {&article, &root}) {
    const GumboNode* time = FindElement(*scope, GUMBO_TAG_TIME);
    if (time == nullptr) continue;
    std::optional<PartialDate> date = ParseDate(Attribute(*time, "datetime"));
    if (!date) date = ParseDate(NodeText(*time));
    if (date) return *date;
  }
  return {};
}

bool HasClassWord(const GumboNode& node, std::string_view word) {
  const std::string classes = AsciiLower(Attribute(node, "class"));
  return classes.find(word) != std::string::npos;
}

// The first element marked as a byline: class "byline" or "author", or
// rel="author".
const GumboNode* FindByline(const GumboNode& node, int depth = 0) {
  if (node.type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return nullptr;
  if (HasClassWord(node, "byline") || HasClassWord(node, "author") ||
      Attribute(node, "rel") == "author") {
    return &node;
  }
  const GumboVector& children = node.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const GumboNode& child = *static_cast<const GumboNode*>(children.data[i]);
    if (const GumboNode* found = FindByline(child, depth + 1)) return found;
  }
  return nullptr;
}

}  // namespace

Extraction ParseHtmlPage(std::string_view content) {
  const HtmlDocument document(content);
  const GumboNode& root = document.root();
  const GumboNode& article = *ArticleRoot(root);

  StoryText story;
  story.headline = Headline(root, article);
  story.date = PublicationDate(root, article);
  std::vector<std::string> paragraphs;
  if (const GumboNode* byline = FindByline(root)) {
    if (std::string text = NodeText(*byline); !text.empty()) paragraphs.push_back(std::move(text));
  }
  for (TextBlock& block : TextBlocks(article)) {
    const bool repeated = block.text == story.headline ||
                          std::find(paragraphs.begin(), paragraphs.end(), block.text) !=
                              paragraphs.end();
    if (!repeated) paragraphs.push_back(std::move(block.text));
  }
  story.paragraphs = RemovePageChrome(paragraphs);

  Extraction extraction;
  if (std::optional<Statement> statement = ReadStatement(story)) {
    extraction.statements.push_back(std::move(*statement));
  }
  return extraction;
}

}  // namespace plenary::parsing
