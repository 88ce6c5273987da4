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
// `max_depth`. Counts the elements left open, as a browser would keep them:
// void elements (<br>, <img>), self-closing tags and elements that the next
// sibling closes (<p>, <li>, <td>, ...) do not nest; an end tag closes what
// it matches. Comments, doctypes and the text of <script> and <style> are
// skipped. Runs in time linear in the size of `content`.
absl::Status CheckMarkupNesting(std::string_view content, int max_depth = kMaxMarkupNesting);

}  // namespace plenary::parsing
