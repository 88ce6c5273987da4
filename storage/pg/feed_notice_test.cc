// The feed channel's payloads, read and combined (no database needed).
#include "storage/pg/feed_notice.h"

#include "absl/strings/str_cat.h"
#include "codec/record_codec.h"
#include "gtest/gtest.h"

namespace plenary::storage::pg {
namespace {

StoredEntry ResolutionEntry(const std::string& symbol) {
  StoredResolution stored;
  stored.resolution.symbol = symbol;
  stored.resolution.paragraphs = {{"1", "Decides"}};
  stored.revision = 1;
  stored.source.document_id = 7;
  return stored;
}

// A notice carrying records at first .. last.
FeedNotice Carrying(int64_t first, int64_t last) {
  FeedNotice notice{last, {}};
  for (int64_t p = first; p <= last; ++p) {
    notice.records.push_back({p, absl::FromUnixSeconds(p), codec::ToProto(ResolutionEntry("A/RES/1/1"))});
  }
  return notice;
}

std::vector<int64_t> Positions(const FeedNotice& notice) {
  std::vector<int64_t> positions;
  for (const FeedRecord& record : notice.records) positions.push_back(record.position);
  return positions;
}

TEST(FeedNoticeTest, ReadsWhatTheWriterSaysAndNothingFromAnythingElse) {
  const StoredEntry entry = ResolutionEntry("A/RES/64/222");
  const std::vector<const StoredEntry*> entries = {&entry, &entry};
  const std::optional<std::string> carried = NoticeEntries(entries);
  ASSERT_TRUE(carried.has_value());
  const FeedNotice notice = ParseFeedNotice(absl::StrCat("12 1000000 ", *carried));
  EXPECT_EQ(notice.last_position, 12);
  ASSERT_EQ(Positions(notice), (std::vector<int64_t>{11, 12}));
  EXPECT_EQ(notice.records[0].committed_at, absl::FromUnixSeconds(1));
  const v1::Resolution& resolution = notice.records[1].entry.resolution();
  EXPECT_EQ(codec::FromProto(resolution).resolution, std::get<StoredResolution>(entry).resolution);
  EXPECT_EQ(resolution.source().document_id(), 7);
  EXPECT_EQ(resolution.revision(), 1);

  // A writer that carries no records, then what no writer sends: the JSON
  // notices of releases before 0006, an entry that is not base64 or not an
  // Entry.
  EXPECT_EQ(ParseFeedNotice("42").last_position, 42);
  EXPECT_TRUE(ParseFeedNotice("42").records.empty());
  EXPECT_EQ(ParseFeedNotice("").last_position, 0);
  EXPECT_EQ(ParseFeedNotice(R"({"last":5,"committed_at":1,"entries":[]})").last_position, 0);
  EXPECT_EQ(ParseFeedNotice("5 1 a b").last_position, 0);
  for (const char* damaged : {"5 1 !!!!", "5 1 AAAA", "5 1 /w=="}) {
    const FeedNotice read = ParseFeedNotice(damaged);
    EXPECT_EQ(read.last_position, 5) << damaged;
    EXPECT_TRUE(read.records.empty()) << damaged;
  }
}

TEST(FeedNoticeTest, EntriesTooLongForANoticeAreLeftToTheLog) {
  StoredEntry entry = ResolutionEntry("A/RES/64/222");
  std::get<StoredResolution>(entry).resolution.title = std::string(kMaxNoticeEntriesBytes, 't');
  const std::vector<const StoredEntry*> entries = {&entry};
  EXPECT_FALSE(NoticeEntries(entries).has_value());
}

TEST(FeedNoticeTest, CombinesNoticesThatArrivedTogetherWhileTheirRecordsFollowOneAnother) {
  const FeedNotice all = CombineFeedNotices({Carrying(1, 2), Carrying(3, 3), Carrying(4, 6)});
  EXPECT_EQ(all.last_position, 6);
  EXPECT_EQ(Positions(all), (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));

  // A notice without its records ends the carried ones; the last position
  // still tells the reader how far to read.
  const FeedNotice prefix =
      CombineFeedNotices({Carrying(1, 2), FeedNotice{4, {}}, Carrying(5, 5)});
  EXPECT_EQ(prefix.last_position, 5);
  EXPECT_EQ(Positions(prefix), (std::vector<int64_t>{1, 2}));

  const FeedNotice gap = CombineFeedNotices({Carrying(1, 2), Carrying(4, 4)});
  EXPECT_EQ(gap.last_position, 4);
  EXPECT_EQ(Positions(gap), (std::vector<int64_t>{1, 2}));

  const FeedNotice unknown = CombineFeedNotices({Carrying(1, 2), FeedNotice{}});
  EXPECT_EQ(unknown.last_position, 0);
}

}  // namespace
}  // namespace plenary::storage::pg
