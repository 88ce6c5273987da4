#include "services/ingest/ingester.h"

#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/fake_stores.h"
#include "tests/support/status_matchers.h"

namespace plenary::ingest {
namespace {

using ::plenary::testing::FakeIngestStore;
using ::plenary::testing::IsOk;
using ::plenary::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kTable[] =
    "Time\tResolution Number\tResolution Name\tDescription\n"
    "21 December 2009\tA/RES/64/222 General Assembly\t64/222. Nairobi outcome document\t"
    "<p>The General Assembly</p> <ul> \xE2\x80\xA2 16. We welcome efforts.</ul>\n";

DocumentRequest Request(std::string content, std::string media_type = "") {
  DocumentRequest request;
  request.content = std::move(content);
  request.media_type = std::move(media_type);
  request.source_uri = "https://example.org/table";
  return request;
}

class IngesterTest : public ::testing::Test {
 protected:
  FakeIngestStore store_;
  Ingester ingester_{store_, 1024};
};

TEST_F(IngesterTest, StoresTheDocumentWithItsRecords) {
  PLENARY_ASSERT_OK_AND_ASSIGN(storage::IngestResult result,
                               ingester_.Ingest(Request(kTable, "text/tab-separated-values")));
  EXPECT_FALSE(result.duplicate);
  ASSERT_THAT(result.entries, SizeIs(1));
  EXPECT_EQ(std::get<StoredResolution>(result.entries[0]).resolution.symbol, "A/RES/64/222");
  ASSERT_THAT(store_.documents(), SizeIs(1));
  const storage::NewDocument stored = store_.documents()[0];
  EXPECT_EQ(stored.content, kTable);
  EXPECT_EQ(stored.sha256.size(), 32u);
  EXPECT_EQ(stored.media_type, "text/tab-separated-values");
}

TEST_F(IngesterTest, RecordsTheSniffedMediaType) {
  ASSERT_THAT(ingester_.Ingest(Request(kTable)), IsOk());
  EXPECT_EQ(store_.documents()[0].media_type, "text/tab-separated-values");
}

TEST_F(IngesterTest, SameBytesAgainAreADuplicate) {
  ASSERT_THAT(ingester_.Ingest(Request(kTable)), IsOk());
  PLENARY_ASSERT_OK_AND_ASSIGN(storage::IngestResult again, ingester_.Ingest(Request(kTable)));
  EXPECT_TRUE(again.duplicate);
  EXPECT_THAT(again.entries, SizeIs(1));
  EXPECT_THAT(store_.documents(), SizeIs(1));
}

TEST_F(IngesterTest, RefusesBadInputNamingTheFieldAndStoresNothing) {
  struct Case {
    std::string content;
    std::string media_type;
    std::string field;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"", "", "content", "empty"},
      {std::string(2000, 'a'), "text/plain", "content", "limit"},
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "", "content", ""},
      {"caf\xC3 au lait", "text/plain", "content", "UTF-8"},
      {kTable, "application/pdf", "media_type", "application/pdf"},
      {"Just a sentence with nothing in it.", "text/plain", "content", "nothing"},
  };
  for (const Case& bad : cases) {
    absl::StatusOr<storage::IngestResult> result = ingester_.Ingest(Request(bad.content, bad.media_type));
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(bad.says)))
        << bad.field << " / " << bad.says;
    EXPECT_EQ(FieldOf(result.status()), bad.field) << result.status();
  }
  EXPECT_THAT(store_.documents(), IsEmpty());
}

TEST_F(IngesterTest, DatabaseErrorsPassThrough) {
  store_.FailWith(absl::UnavailableError("database down"));
  EXPECT_THAT(ingester_.Ingest(Request(kTable)), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(IngesterTest, ABatchAnswersEachDocumentInOrder) {
  const std::vector<DocumentRequest> requests = {Request(kTable), Request(""),
                                                 Request("no records in this text"), Request(kTable)};
  const std::vector<absl::StatusOr<storage::IngestResult>> results = ingester_.IngestAll(requests);
  ASSERT_THAT(results, SizeIs(4));
  EXPECT_THAT(results[0], IsOk());
  EXPECT_FALSE(results[0]->duplicate);
  EXPECT_THAT(results[1], StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(results[2], StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_THAT(results[3], IsOk());
  EXPECT_TRUE(results[3]->duplicate);
  EXPECT_EQ(results[3]->document_id, results[0]->document_id);
  EXPECT_THAT(store_.documents(), SizeIs(1));
  EXPECT_EQ(store_.batches(), 1);
}

TEST_F(IngesterTest, ABatchTheStoreRefusesIsStoredOneDocumentAtATime) {
  store_.FailBatchesWith(absl::InternalError("a row the database refuses"));
  std::vector<DocumentRequest> requests;
  for (int i = 0; i < 3; ++i) requests.push_back(Request(absl::StrCat(kTable, i)));
  const std::vector<absl::StatusOr<storage::IngestResult>> results = ingester_.IngestAll(requests);
  for (const auto& result : results) EXPECT_THAT(result, IsOk());
  EXPECT_THAT(store_.documents(), SizeIs(3));
}

TEST_F(IngesterTest, ABatchIsNotRetriedOneByOneWhenTheDatabaseIsDown) {
  store_.FailBatchesWith(absl::UnavailableError("database down"));
  const std::vector<absl::StatusOr<storage::IngestResult>> results =
      ingester_.IngestAll({Request(absl::StrCat(kTable, 1)), Request(absl::StrCat(kTable, 2))});
  for (const auto& result : results) {
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kUnavailable));
  }
  EXPECT_THAT(store_.documents(), IsEmpty());
  EXPECT_EQ(store_.batches(), 0);
}

// A document whose caller has gone (deadline passed, cancelled) is neither
// parsed nor stored; known documents are still answered as they were.
TEST_F(IngesterTest, DocumentsNoLongerWantedAreNotRead) {
  DocumentRequest late = Request(kTable);
  late.wanted = [] { return absl::DeadlineExceededError("the call's deadline passed"); };
  EXPECT_THAT(ingester_.Ingest(late), StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(store_.documents(), IsEmpty());

  ASSERT_THAT(ingester_.Ingest(Request(kTable)), IsOk());
  PLENARY_ASSERT_OK_AND_ASSIGN(storage::IngestResult again, ingester_.Ingest(late));
  EXPECT_TRUE(again.duplicate);
}

TEST(StatementIdTest, SameSourceSameIdWhateverTheContent) {
  Statement first;
  first.headline = "Secretary-General urges action";
  Statement corrected = first;
  corrected.headline = "Secretary-General urges swift action";
  EXPECT_EQ(StatementId(first, "https://news.un.org/1"), StatementId(corrected, "https://news.un.org/1"));
  EXPECT_NE(StatementId(first, "https://news.un.org/1"), StatementId(first, "https://news.un.org/2"));
}

TEST(StatementIdTest, WithoutSourceTheHeadlineSpeakerAndDateDecide) {
  Statement statement;
  statement.headline = "Annan stresses  multilateralism";
  statement.speaker = "Kofi Annan";
  Statement respaced = statement;
  respaced.headline = "annan stresses multilateralism";
  EXPECT_EQ(StatementId(statement, ""), StatementId(respaced, ""));
  Statement dated = statement;
  dated.date = {2006, 7, 25};
  EXPECT_NE(StatementId(statement, ""), StatementId(dated, ""));
  EXPECT_THAT(StatementId(statement, ""), ::testing::MatchesRegex("st-[0-9a-f]{16}"));
}

}  // namespace
}  // namespace plenary::ingest
