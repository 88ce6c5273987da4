// The payload of the feed channel's notices. A writer's transaction
// announces the last position it committed and, when they fit, the records
// themselves, so that registries can push them without reading the log:
//
//   <last> <committed_at, µs since 1970> <entry>,<entry>...
//
// each entry a plenary.v1.Entry (codec/record_codec.h) in base64, or just
// "<last>" when the entries do not fit (NOTIFY payloads stay under 8000
// bytes). Readers treat anything else as "something changed".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "model/stored.h"
#include "storage/feed_store.h"

namespace plenary::storage::pg {

// Entries beyond this many bytes are left for readers to read.
inline constexpr size_t kMaxNoticeEntriesBytes = 7000;

// The entries part of a notice, in feed order, or nullopt when it would be
// longer than kMaxNoticeEntriesBytes.
std::optional<std::string> NoticeEntries(absl::Span<const StoredEntry* const> entries);

// What a payload says; an unreadable one says only that the log moved.
FeedNotice ParseFeedNotice(absl::string_view payload);

// One notice for several that arrived together, in commit order: their
// last position, and the records they carry as long as these follow one
// another (a gap, or a notice without its records, ends them). A reader
// that falls behind then catches up in one step instead of one per notice.
FeedNotice CombineFeedNotices(std::vector<FeedNotice> notices);

}  // namespace plenary::storage::pg
