#include "storage/pg/feed_notice.h"

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "codec/record_codec.h"

namespace plenary::storage::pg {

std::optional<std::string> NoticeEntries(absl::Span<const StoredEntry* const> entries) {
  // Stops at the first entry past the limit: a large batch costs one entry.
  std::string joined;
  for (const StoredEntry* entry : entries) {
    if (!joined.empty()) joined += ',';
    joined += absl::Base64Escape(codec::ToProto(*entry).SerializeAsString());
    if (joined.size() > kMaxNoticeEntriesBytes) return std::nullopt;
  }
  return joined;
}

FeedNotice ParseFeedNotice(absl::string_view payload) {
  FeedNotice notice;
  if (absl::SimpleAtoi(payload, &notice.last_position)) return notice;
  const std::vector<absl::string_view> parts = absl::StrSplit(payload, ' ');
  int64_t committed_us = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &notice.last_position) ||
      !absl::SimpleAtoi(parts[1], &committed_us)) {
    notice.last_position = 0;
    return notice;
  }
  const std::vector<absl::string_view> entries = absl::StrSplit(parts[2], ',');
  int64_t position = notice.last_position - static_cast<int64_t>(entries.size());
  std::string bytes;
  for (absl::string_view encoded : entries) {
    v1::Entry entry;
    if (!absl::Base64Unescape(encoded, &bytes) || !entry.ParseFromString(bytes) ||
        entry.kind_case() == v1::Entry::KIND_NOT_SET) {
      notice.records.clear();  // read from the log instead
      return notice;
    }
    notice.records.push_back({++position, absl::FromUnixMicros(committed_us), std::move(entry)});
  }
  return notice;
}

FeedNotice CombineFeedNotices(std::vector<FeedNotice> notices) {
  FeedNotice combined;
  bool carrying = true;
  bool unknown = false;
  for (FeedNotice& notice : notices) {
    carrying = carrying && !notice.records.empty() &&
               (combined.records.empty() ||
                notice.records.front().position == combined.records.back().position + 1);
    if (carrying) {
      for (FeedRecord& record : notice.records) combined.records.push_back(std::move(record));
    }
    unknown = unknown || notice.last_position == 0;
    combined.last_position = notice.last_position;
  }
  if (unknown) combined.last_position = 0;
  return combined;
}

}  // namespace plenary::storage::pg
