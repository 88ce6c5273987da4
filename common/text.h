// Whitespace, case and UTF-8 primitives on text, shared by the parsers, the
// symbol rules and the services: the one whitespace normalizer is here.
// (Abseil's string helpers take absl::string_view, which is not
// std::string_view in the Abseil build this project uses.)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary {

// `text` without leading and trailing whitespace, ASCII or Unicode (no-break
// space and the other Unicode spaces). Never fails.
std::string_view TrimSpace(std::string_view text);

// `text` with every run of whitespace, ASCII or Unicode, replaced by a single
// ASCII space, and trimmed. Never fails.
std::string CollapseWhitespace(std::string_view text);

// `text` with ASCII letters folded to lower case. Never fails.
std::string AsciiLower(std::string_view text);

// The lines of `text`, split at '\n', without a trailing '\r'. Never fails.
std::vector<std::string_view> SplitLines(std::string_view text);

// Byte offset of the first byte of `text` that is not part of well-formed
// UTF-8 (overlong forms and surrogates included); std::nullopt when all of it
// is well-formed.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// Length in bytes of the Unicode whitespace character at `offset`, 0 if
// there is none there.
size_t WhitespaceLength(std::string_view text, size_t offset);

}  // namespace plenary
