// PgIngestStore and PgRegistryStore against a real PostgreSQL.
#include <future>
#include <pqxx/pqxx>
#include <set>

#include "common/sha256.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/symbol.h"
#include "absl/synchronization/notification.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_feed_store.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/pg_registry_store.h"
#include "storage/pg/statements.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary::storage::pg {
namespace {

using ::plenary::testing::IsOk;
using ::plenary::testing::StatusIs;
using ::plenary::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

Resolution NairobiOutcome() {
  Resolution resolution;
  resolution.symbol = "A/RES/64/222";
  resolution.aliases = {"64/222", "Nairobi outcome document"};
  resolution.body = "General Assembly";
  resolution.adopted = {2009, 12, 21};
  resolution.title = "Nairobi outcome document of the High-level United Nations Conference";
  resolution.paragraphs = {{"16", "We welcome efforts ..."}, {"(a)", "Call for ..."}};
  resolution.references = {"A/RES/33/134"};
  return resolution;
}

Resolution BuenosAires() {
  Resolution resolution;
  resolution.symbol = "A/RES/33/134";
  resolution.aliases = {"33/134", "Buenos Aires Plan of Action"};
  resolution.body = "General Assembly";
  resolution.adopted = {1978, 12, 19};
  resolution.title = "United Nations Conference on Technical Co-operation among Developing Countries";
  return resolution;
}

IdentifiedStatement SolidarityMessage() {
  Statement statement;
  statement.headline = "Secretary-General calls for greater international cooperation";
  statement.speaker = "Ban Ki-moon";
  statement.speaker_role = "Secretary-General";
  statement.date = {2009, 12, 21};
  statement.places = {"Nairobi"};
  statement.text = "Secretary-General Ban Ki-moon called for greater collective action.";
  statement.quotes = {{"Solidarity with people affected by poverty", "Ban Ki-moon"}};
  statement.references = {"A/RES/64/222"};
  return {"st-solidarity", statement};
}

NewDocument Document(std::string content, std::vector<Resolution> resolutions,
                     std::vector<IdentifiedStatement> statements = {}) {
  NewDocument document;
  document.sha256 = Sha256(content);
  document.content = std::move(content);
  document.media_type = "text/tab-separated-values";
  document.source_uri = "https://example.org/doc";
  document.published_at = absl::FromUnixSeconds(1261353600);
  document.resolutions = std::move(resolutions);
  document.statements = std::move(statements);
  document.warnings = {"row 3 has no date"};
  return document;
}

class PgStoresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PLENARY_ASSERT_OK_AND_ASSIGN(database_, TestDatabase::CreateMigrated());
    pool_ = std::make_unique<ConnectionPool>(database_->url(), 8, PrepareStatements);
    ingest_ = std::make_unique<PgIngestStore>(*pool_);
    registry_ = std::make_unique<PgRegistryStore>(*pool_);
  }

  int64_t Count(const std::string& sql) {
    pqxx::connection connection(database_->url());
    return pqxx::nontransaction(connection).exec1(sql)[0].as<int64_t>();
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<PgIngestStore> ingest_;
  std::unique_ptr<PgRegistryStore> registry_;
};

TEST_F(PgStoresTest, StoresADocumentWithItsRecordsAndFeedEvents) {
  PLENARY_ASSERT_OK_AND_ASSIGN(
      IngestResult result,
      ingest_->StoreDocument(Document("doc one", {NairobiOutcome(), BuenosAires()},
                                      {SolidarityMessage()})));
  EXPECT_FALSE(result.duplicate);
  EXPECT_GT(result.document_id, 0);
  EXPECT_THAT(result.warnings, ElementsAre("row 3 has no date"));
  ASSERT_EQ(result.entries.size(), 3u);
  const auto& nairobi = std::get<StoredResolution>(result.entries[0]);
  EXPECT_EQ(nairobi.resolution.symbol, "A/RES/64/222");
  EXPECT_EQ(nairobi.revision, 1);
  EXPECT_EQ(nairobi.resolution.adopted, (PartialDate{2009, 12, 21}));
  EXPECT_EQ(nairobi.resolution.paragraphs, NairobiOutcome().paragraphs);
  EXPECT_THAT(nairobi.resolution.aliases, UnorderedElementsAre("64/222", "Nairobi outcome document"));
  EXPECT_EQ(nairobi.source.document_id, result.document_id);
  EXPECT_EQ(nairobi.source.sha256_hex, ToHex(Sha256("doc one")));
  EXPECT_EQ(std::get<StoredResolution>(result.entries[1]).resolution.symbol, "A/RES/33/134");
  const auto& statement = std::get<StoredStatement>(result.entries[2]);
  EXPECT_EQ(statement.id, "st-solidarity");
  EXPECT_EQ(statement.statement, SolidarityMessage().statement);

  EXPECT_EQ(Count("SELECT position FROM feed_head"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM documents WHERE content = 'doc one'::bytea"), 1);
}

TEST_F(PgStoresTest, SameBytesAgainAnswerTheSameEntriesAsADuplicate) {
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult first,
                               ingest_->StoreDocument(Document("same", {NairobiOutcome()})));
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult again,
                               ingest_->StoreDocument(Document("same", {NairobiOutcome()})));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.document_id, first.document_id);
  ASSERT_EQ(again.entries.size(), 1u);
  EXPECT_EQ(std::get<StoredResolution>(again.entries[0]).revision, 1);
  EXPECT_EQ(again.warnings, first.warnings);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), 1);

  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult found, ingest_->FindDocument(Sha256("same"), ""));
  EXPECT_TRUE(found.duplicate);
  EXPECT_EQ(found.document_id, first.document_id);
}

TEST_F(PgStoresTest, SameRequestIdIsADuplicateWhateverTheBytes) {
  NewDocument first = Document("first bytes", {NairobiOutcome()});
  first.request_id = "req-1";
  ASSERT_THAT(ingest_->StoreDocument(first), IsOk());
  NewDocument retry = Document("other bytes", {BuenosAires()});
  retry.request_id = "req-1";
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult result, ingest_->StoreDocument(retry));
  EXPECT_TRUE(result.duplicate);
  EXPECT_EQ(std::get<StoredResolution>(result.entries[0]).resolution.symbol, "A/RES/64/222");
  EXPECT_EQ(Count("SELECT count(*) FROM resolutions"), 1);
}

TEST_F(PgStoresTest, UnknownDocumentIsNotFound) {
  EXPECT_THAT(ingest_->FindDocument(Sha256("never stored"), "nope"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoresTest, UnchangedRestatementMakesNoRevision) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()})), IsOk());
  Resolution restated = NairobiOutcome();
  restated.aliases = {"A/RES/64/222"};  // other names do not change content
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult result,
                               ingest_->StoreDocument(Document("b", {restated})));
  EXPECT_FALSE(result.duplicate);
  EXPECT_EQ(std::get<StoredResolution>(result.entries[0]).revision, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM resolution_revisions"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), 1);
}

TEST_F(PgStoresTest, ChangedRestatementMakesANewRevisionAndKeepsHistory) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()})), IsOk());
  Resolution corrected = NairobiOutcome();
  corrected.title = "Nairobi outcome document (corrected)";
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult result,
                               ingest_->StoreDocument(Document("b", {corrected})));
  EXPECT_EQ(std::get<StoredResolution>(result.entries[0]).revision, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), 2);
  EXPECT_EQ(Count("SELECT max(revision) FROM feed_events"), 2);

  const std::vector<std::string> keys = {parsing::SymbolKey("A/RES/64/222")};
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution latest, registry_->GetResolution(keys, 0));
  EXPECT_EQ(latest.revision, 2);
  EXPECT_EQ(latest.resolution.title, "Nairobi outcome document (corrected)");
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution first, registry_->GetResolution(keys, 1));
  EXPECT_EQ(first.revision, 1);
  EXPECT_EQ(first.resolution.title, NairobiOutcome().title);
  EXPECT_THAT(registry_->GetResolution(keys, 3), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoresTest, ResolutionsAreFoundByAnyAlias) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()})), IsOk());
  for (const char* form : {"64/222", "nairobi  OUTCOME document", "a/res/64/222"}) {
    PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution found,
                                 registry_->GetResolution({parsing::SymbolKey(form)}, 0));
    EXPECT_EQ(found.resolution.symbol, "A/RES/64/222") << form;
  }
  EXPECT_THAT(registry_->GetResolution({parsing::SymbolKey("A/RES/1/1")}, 0),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoresTest, StatementsAreFoundByIdAndRevision) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {}, {SolidarityMessage()})), IsOk());
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredStatement found, registry_->GetStatement("st-solidarity", 0));
  EXPECT_EQ(found.statement, SolidarityMessage().statement);
  EXPECT_EQ(found.revision, 1);
  EXPECT_THAT(registry_->GetStatement("st-nothing", 0), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoresTest, ConcurrentCopiesOfOneDocumentStoreItOnce) {
  std::vector<std::future<absl::StatusOr<IngestResult>>> runs;
  for (int i = 0; i < 6; ++i) {
    runs.push_back(std::async(std::launch::async, [this] {
      return ingest_->StoreDocument(Document("racing", {NairobiOutcome(), BuenosAires()}));
    }));
  }
  int originals = 0;
  for (auto& run : runs) {
    absl::StatusOr<IngestResult> result = run.get();
    ASSERT_THAT(result, IsOk());
    if (!result->duplicate) ++originals;
    EXPECT_EQ(result->entries.size(), 2u);
  }
  EXPECT_EQ(originals, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), 2);
}

TEST_F(PgStoresTest, ConcurrentWritersGetGapFreeFeedPositions) {
  // Each document revises both resolutions, listed in opposite orders: lock
  // ordering must keep the writers from deadlocking.
  constexpr int kDocuments = 40;
  std::vector<std::future<absl::Status>> runs;
  for (int i = 0; i < kDocuments; ++i) {
    runs.push_back(std::async(std::launch::async, [this, i] {
      Resolution a = NairobiOutcome();
      Resolution b = BuenosAires();
      a.title += " v" + std::to_string(i);
      b.title += " v" + std::to_string(i);
      std::vector<Resolution> records = i % 2 ? std::vector{a, b} : std::vector{b, a};
      return ingest_->StoreDocument(Document("doc " + std::to_string(i), records)).status();
    }));
  }
  for (auto& run : runs) EXPECT_THAT(run.get(), IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), 2 * kDocuments);
  EXPECT_EQ(Count("SELECT max(position) FROM feed_events"), 2 * kDocuments);
  EXPECT_EQ(Count("SELECT min(position) FROM feed_events"), 1);
  EXPECT_EQ(Count("SELECT max(latest_revision) FROM resolutions"), kDocuments);
  // Feed order agrees with revision order for each record.
  EXPECT_EQ(Count("SELECT count(*) FROM (SELECT revision - lag(revision) OVER "
                  "(PARTITION BY entity_id ORDER BY position) AS step FROM feed_events) s "
                  "WHERE step <> 1"),
            0);
}

TEST_F(PgStoresTest, FeedReadsChangesInPositionOrderWithTheirRecords) {
  PgFeedStore feed(*pool_);
  EXPECT_THAT(feed.Head(), ::plenary::testing::IsOkAndHolds(0));
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()}, {SolidarityMessage()})),
              IsOk());
  Resolution corrected = NairobiOutcome();
  corrected.title = "corrected";
  ASSERT_THAT(ingest_->StoreDocument(Document("b", {corrected})), IsOk());

  EXPECT_THAT(feed.Head(), ::plenary::testing::IsOkAndHolds(3));
  PLENARY_ASSERT_OK_AND_ASSIGN(std::vector<FeedRecord> records, feed.ReadFeed(0, 10));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].position, 1);
  EXPECT_EQ(std::get<StoredResolution>(records[0].entry).revision, 1);
  EXPECT_EQ(std::get<StoredStatement>(records[1].entry).id, "st-solidarity");
  EXPECT_EQ(std::get<StoredResolution>(records[2].entry).revision, 2);
  EXPECT_EQ(std::get<StoredResolution>(records[2].entry).resolution.title, "corrected");
  PLENARY_ASSERT_OK_AND_ASSIGN(std::vector<FeedRecord> tail, feed.ReadFeed(1, 1));
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].position, 2);

  PLENARY_ASSERT_OK_AND_ASSIGN(DeploymentIdentity identity, feed.Identity());
  EXPECT_FALSE(identity.id.empty());
  EXPECT_EQ(identity.secret.size(), 32u);
}

TEST_F(PgStoresTest, WatcherReportsCommitsAndSurvivesLosingItsConnection) {
  PgFeedWatcher watcher(database_->url());
  absl::Mutex mu;
  int changes = 0;
  watcher.Start([&] {
    absl::MutexLock lock(&mu);
    ++changes;
  });
  auto changes_reach = [&](int n) {
    absl::MutexLock lock(&mu);
    auto reached = [&]() { return changes >= n; };
    return mu.AwaitWithTimeout(absl::Condition(&reached), absl::Seconds(10));
  };
  ASSERT_TRUE(changes_reach(1));  // on connecting
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()})), IsOk());
  EXPECT_TRUE(changes_reach(2));

  pqxx::connection admin(database_->url());
  pqxx::nontransaction(admin).exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
  EXPECT_TRUE(changes_reach(3));  // on reconnecting
  ASSERT_THAT(ingest_->StoreDocument(Document("b", {BuenosAires()})), IsOk());
  EXPECT_TRUE(changes_reach(4));
  watcher.Stop();
}

}  // namespace
}  // namespace plenary::storage::pg
