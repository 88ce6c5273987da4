// A linear pre-check of how deeply a document's markup nests, before gumbo
// parses it: gumbo's tree builder spends time in proportion to the depth of
// open elements for every tag, and memory per parse error, so deeply nested
// markup costs far more than its size.
#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace plenary::parsing {

// Elements open at once past which a document is refused. Real pages nest
// a few dozen deep.
inline constexpr int kMaxMarkupNesting = 256;

// OK, or INVALID_ARGUMENT saying where `content`'s tags nest deeper than
// `max_depth`. Counts the elements left open as a browser's tree builder
// would keep them, never fewer: void elements (<br>, <img>) do not nest, a
// new cell, row, paragraph or item closes the one before, an end tag closes
// what it matches, but a formatting element (<b>, <font>) stays open until
// its own end tag, since browsers reopen it, and "/>" closes only SVG and
// MathML elements. Comments, doctypes and the text of <script>, <style>,
// <textarea> and the like are skipped. Time linear in the size of `content`
// (times the depth, at most max_depth).
absl::Status CheckMarkupNesting(std::string_view content, int max_depth = kMaxMarkupNesting);

}  // namespace plenary::parsing
