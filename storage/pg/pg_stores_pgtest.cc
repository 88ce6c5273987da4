// PgIngestStore and PgRegistryStore against a real PostgreSQL.
#include <future>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <type_traits>
#include <variant>

#include "common/sha256.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/symbol.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
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
using ::plenary::testing::IsOkAndHolds;
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

// The Nairobi outcome as its full text states it: kinds of paragraphs, the
// adoption and the report it was adopted on.
Resolution NairobiAsAdopted() {
  Resolution resolution = NairobiOutcome();
  resolution.paragraphs = {{"", "Recalling its resolution 33/134", ParagraphKind::kPreambular},
                           {"1", "Endorses the outcome document", ParagraphKind::kOperative},
                           {"16", "We welcome efforts ...", ParagraphKind::kAnnex}};
  resolution.vote = {VoteMethod::kRecorded, 100, 11, 58, "100 in favour to 11 against"};
  resolution.meeting = {"A/64/PV.66", 66, {2009, 12, 21}};
  resolution.source_documents = {"A/64/422/Add.2"};
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
  static std::string first_media_type() { return Document("", {}).media_type; }

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

  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult found,
                               ingest_->FindDocument({Sha256("same"), "", first_media_type()}));
  EXPECT_TRUE(found.duplicate);
  EXPECT_EQ(found.document_id, first.document_id);
}

TEST_F(PgStoresTest, TheSameBytesReadAsAnotherMediaTypeAreAnotherDocument) {
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult as_table,
                               ingest_->StoreDocument(Document("same", {NairobiOutcome()})));
  NewDocument as_text = Document("same", {NairobiAsAdopted()});
  as_text.media_type = "text/plain";
  EXPECT_THAT(ingest_->FindDocument({Sha256("same"), "", "text/plain"}),
              StatusIs(absl::StatusCode::kNotFound));
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult again, ingest_->StoreDocument(as_text));
  EXPECT_FALSE(again.duplicate);
  EXPECT_NE(again.document_id, as_table.document_id);
  EXPECT_EQ(std::get<StoredResolution>(again.entries[0]).revision, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 2);
}

// S/RES/66 (1948): a library table's row, then its full text, which states
// no vote and the year only.
Resolution TableRow() {
  Resolution resolution;
  resolution.authority = Authority::kTableRow;
  resolution.symbol = "S/RES/66 (1948)";
  resolution.body = "Security Council";
  resolution.adopted = {1948, 12, 29};
  resolution.title = "The Palestine question";
  resolution.vote = {VoteMethod::kRecorded, 8, 0, 3, "8-0-3"};
  resolution.meeting = {"S/PV.396", 396, {1948, 12, 29}};
  return resolution;
}

Resolution FullText() {
  Resolution resolution;
  resolution.symbol = "S/RES/66 (1948)";
  resolution.body = "Security Council";
  resolution.adopted = {1948, 0, 0};
  resolution.paragraphs = {{"1", "Calls upon the Governments concerned", ParagraphKind::kOperative}};
  return resolution;
}

TEST_F(PgStoresTest, SourcesOfOneResolutionMergeIntoOneRecordThatListsThemAll) {
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult table, ingest_->StoreDocument(Document("t", {TableRow()})));
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult text, ingest_->StoreDocument(Document("r", {FullText()})));
  EXPECT_EQ(text.revisions, 1);
  const std::vector<std::string> keys = {SymbolKey("S/RES/66 (1948)")};
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution merged, registry_->GetResolution(keys, 0));
  EXPECT_EQ(merged.revision, 2);
  EXPECT_EQ(merged.resolution.paragraphs, FullText().paragraphs);
  // The table's vote, meeting, day and title survive a text silent on them.
  EXPECT_EQ(merged.resolution.vote, TableRow().vote);
  EXPECT_EQ(merged.resolution.meeting, TableRow().meeting);
  EXPECT_EQ(merged.resolution.adopted, (PartialDate{1948, 12, 29}));
  EXPECT_EQ(merged.resolution.title, "The Palestine question");
  EXPECT_EQ(merged.resolution.authority, Authority::kFullText);
  EXPECT_EQ(merged.source.document_id, text.document_id);
  ASSERT_EQ(merged.sources.size(), 2u);
  EXPECT_EQ(merged.sources[0].document_id, table.document_id);
  EXPECT_EQ(merged.sources[1].document_id, text.document_id);

  // Either source again restates what is known: no revision, no event.
  const int events = Count("SELECT count(*) FROM feed_events");
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult table_again,
                               ingest_->StoreDocument(Document("t2", {TableRow()})));
  EXPECT_EQ(table_again.revisions, 0);
  ASSERT_THAT(ingest_->StoreDocument(Document("r2", {FullText()})), IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), events);
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution latest, registry_->GetResolution(keys, 0));
  EXPECT_EQ(latest.revision, 2);
  EXPECT_EQ(latest.sources.size(), 2u);  // restatements add nothing
}

// Meetings coverage of S/RES/2208 (2015)'s adoption.
IdentifiedStatement CoverageOf(const std::string& symbol, Vote vote) {
  Statement statement;
  statement.headline = "Security Council Extends Support Mission";
  statement.aliases = {"SC/11808"};
  ReportedAdoption adoption;
  adoption.resolution_symbol = symbol;
  adoption.vote = std::move(vote);
  ReportedAdoption amendment;
  amendment.resolution_symbol = symbol;
  amendment.subject = VoteSubject::kAmendment;
  amendment.vote = {VoteMethod::kRecorded, 3, 10, 2, "3-10-2"};
  statement.adoptions = {adoption, amendment};
  return {"st-coverage-" + symbol, statement};
}

const Vote kUnanimous{VoteMethod::kUnanimous, 15, 0, 0, "unanimously",
                      {{{"United States of America", "USA"}, VotePosition::kInFavour}}};

TEST_F(PgStoresTest, AStatementRestatedUnchangedByAnotherDocumentIsNoRevision) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {}, {SolidarityMessage()})), IsOk());
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult again,
                               ingest_->StoreDocument(Document("b", {}, {SolidarityMessage()})));
  EXPECT_EQ(again.revisions, 0);
  EXPECT_EQ(std::get<StoredStatement>(again.entries[0]).revision, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM statement_revisions"), 1);
}

TEST_F(PgStoresTest, StatementsAreFoundByTheirPressSymbols) {
  ASSERT_THAT(ingest_->StoreDocument(Document("c", {}, {CoverageOf("S/RES/1 (1946)", kUnanimous)})),
              IsOk());
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredStatement found, registry_->GetStatement("sc/11808", 0));
  EXPECT_EQ(found.id, "st-coverage-S/RES/1 (1946)");
  EXPECT_THAT(found.statement.aliases, ElementsAre("SC/11808"));
  EXPECT_EQ(found.statement.adoptions.size(), 2u);
  EXPECT_THAT(registry_->GetStatement("SC/99999", 0), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoresTest, AVoteAReleaseReportsIsRecordedOnItsResolution) {
  Resolution text = FullText();
  text.symbol = "S/RES/2208 (2015)";
  ASSERT_THAT(ingest_->StoreDocument(Document("text", {text})), IsOk());
  const int events = Count("SELECT count(*) FROM feed_events");
  PLENARY_ASSERT_OK_AND_ASSIGN(
      IngestResult coverage,
      ingest_->StoreDocument(Document("coverage", {}, {CoverageOf(text.symbol, kUnanimous)})));
  // The statement, and one revision of the resolution: the vote on the
  // amendment is not the resolution's.
  EXPECT_EQ(coverage.revisions, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), events + 2);
  const std::vector<std::string> keys = {SymbolKey(text.symbol)};
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution voted, registry_->GetResolution(keys, 0));
  EXPECT_EQ(voted.revision, 2);
  EXPECT_EQ(voted.resolution.vote, kUnanimous);
  EXPECT_EQ(voted.resolution.paragraphs, text.paragraphs);
  EXPECT_EQ(voted.source.document_id, coverage.document_id);
  // Reported again: nothing changes.
  ASSERT_THAT(
      ingest_->StoreDocument(Document("coverage again", {}, {CoverageOf(text.symbol, kUnanimous)})),
      IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM resolution_revisions"), 2);
}

TEST_F(PgStoresTest, AReleaseThatNamesOnlyTheTitleVotesOnTheOneResolutionWithIt) {
  Resolution ukraine = NairobiOutcome();
  ukraine.symbol = "A/RES/68/262";
  ukraine.aliases = {};
  ukraine.title = "Territorial integrity of Ukraine";
  ASSERT_THAT(ingest_->StoreDocument(Document("text", {ukraine, BuenosAires()})), IsOk());
  IdentifiedStatement coverage = CoverageOf("", {VoteMethod::kRecorded, 100, 11, 58, "100-11-58"});
  coverage.statement.adoptions[0].title = "territorial  integrity of Ukraine";
  ASSERT_THAT(ingest_->StoreDocument(Document("coverage", {}, {coverage})), IsOk());
  const std::vector<std::string> keys = {SymbolKey("A/RES/68/262")};
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution voted, registry_->GetResolution(keys, 0));
  EXPECT_EQ(voted.resolution.vote.in_favour, 100);
  EXPECT_EQ(voted.revision, 2);
  // A title no resolution bears is no resolution.
  coverage.id = "st-other";
  coverage.statement.adoptions[0].title = "Situation in the Middle East";
  ASSERT_THAT(ingest_->StoreDocument(Document("coverage 2", {}, {coverage})), IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM resolutions"), 2);
}

TEST_F(PgStoresTest, AVoteReportedBeforeItsResolutionArrivesWaitsForIt) {
  ASSERT_THAT(ingest_->StoreDocument(
                  Document("coverage", {}, {CoverageOf("S/RES/2208 (2015)", kUnanimous)})),
              IsOk());
  // No resolution is made out of a report.
  EXPECT_EQ(Count("SELECT count(*) FROM resolutions"), 0);
  Resolution text = FullText();
  text.symbol = "S/RES/2208 (2015)";
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult arrived, ingest_->StoreDocument(Document("text", {text})));
  EXPECT_EQ(arrived.revisions, 1);
  const auto& stored = std::get<StoredResolution>(arrived.entries[0]);
  EXPECT_EQ(stored.revision, 1);
  EXPECT_EQ(stored.resolution.vote, kUnanimous);
  EXPECT_EQ(Count("SELECT count(*) FROM pending_adoptions"), 0);
}

// The General Assembly adopts a resolution of this title every year.
Resolution Embargo(int year, int month, int day) {
  Resolution resolution = NairobiOutcome();
  resolution.symbol = absl::StrCat("A/RES/", year - 1945, "/", day);
  resolution.aliases = {};
  resolution.adopted = {year, month, day};
  resolution.title = "Necessity of ending the economic embargo";
  return resolution;
}

// Meeting coverage dated `date` that names the resolution by title alone.
IdentifiedStatement CoverageByTitle(const std::string& title, PartialDate date, int in_favour) {
  IdentifiedStatement coverage =
      CoverageOf("", {VoteMethod::kRecorded, in_favour, 2, 1, absl::StrCat(in_favour, "-2-1")});
  coverage.id = absl::StrCat("st-", title, "-", date.year);
  coverage.statement.date = date;
  coverage.statement.adoptions[0].title = title;
  return coverage;
}

TEST_F(PgStoresTest, ADatedReleaseVotesOnTheResolutionOfThatTitleAdoptedThatWeek) {
  ASSERT_THAT(ingest_->StoreDocument(
                  Document("texts", {Embargo(2021, 6, 23), Embargo(2022, 11, 3)})),
              IsOk());
  const std::string title = "Necessity of ending the economic embargo";
  ASSERT_THAT(ingest_->StoreDocument(
                  Document("coverage 2022", {}, {CoverageByTitle(title, {2022, 11, 3}, 185)})),
              IsOk());
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution of_2022,
                               registry_->GetResolution({SymbolKey("A/RES/77/3")}, 0));
  EXPECT_EQ(of_2022.resolution.vote.in_favour, 185);
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution of_2021,
                               registry_->GetResolution({SymbolKey("A/RES/76/23")}, 0));
  EXPECT_EQ(of_2021.revision, 1);
  EXPECT_TRUE(of_2021.resolution.vote.empty());
}

TEST_F(PgStoresTest, AVoteReportedByTitleBeforeItsResolutionArrivesWaitsForIt) {
  const std::string title = "Necessity of ending the economic embargo";
  ASSERT_THAT(ingest_->StoreDocument(
                  Document("coverage 2023", {}, {CoverageByTitle(title, {2023, 11, 2}, 187)})),
              IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM pending_title_adoptions"), 1);
  // The previous year's resolution, arriving later, is not the one.
  ASSERT_THAT(ingest_->StoreDocument(Document("text 2022", {Embargo(2022, 11, 3)})), IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM pending_title_adoptions"), 1);
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult arrived,
                               ingest_->StoreDocument(Document("text 2023", {Embargo(2023, 11, 2)})));
  const auto& stored = std::get<StoredResolution>(arrived.entries[0]);
  EXPECT_EQ(stored.revision, 1);
  EXPECT_EQ(stored.resolution.vote.in_favour, 187);
  EXPECT_EQ(Count("SELECT count(*) FROM pending_title_adoptions"), 0);
  // An undated release by title does not wait: its date could not tell
  // one year's resolution from another's.
  ASSERT_THAT(ingest_->StoreDocument(Document(
                  "undated", {}, {CoverageByTitle("Situation in the Middle East", {}, 90)})),
              IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM pending_title_adoptions"), 0);
}

TEST_F(PgStoresTest, AVoteReportedByTitleWhileItsResolutionIsStoredIsNeverLeftWaiting) {
  constexpr int kPairs = 12;
  std::vector<std::future<absl::Status>> stored;
  for (int i = 0; i < kPairs; ++i) {
    Resolution resolution = Embargo(2000 + i, 11, 3);
    resolution.title = absl::StrCat("Embargo question ", i);
    IdentifiedStatement coverage = CoverageByTitle(resolution.title, {2000 + i, 11, 3}, 100 + i);
    stored.push_back(std::async(std::launch::async, [this, coverage, i] {
      return ingest_->StoreDocument(Document(absl::StrCat("coverage ", i), {}, {coverage})).status();
    }));
    stored.push_back(std::async(std::launch::async, [this, resolution, i] {
      return ingest_->StoreDocument(Document(absl::StrCat("text ", i), {resolution})).status();
    }));
  }
  for (auto& done : stored) EXPECT_THAT(done.get(), IsOk());
  for (int i = 0; i < kPairs; ++i) {
    PLENARY_ASSERT_OK_AND_ASSIGN(
        StoredResolution voted,
        registry_->GetResolution({SymbolKey(absl::StrCat("A/RES/", 55 + i, "/3"))}, 0));
    EXPECT_EQ(voted.resolution.vote.in_favour, 100 + i) << voted.resolution.symbol;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM pending_title_adoptions"), 0);
}

TEST_F(PgStoresTest, RereadingChangesOnlyWhatReadsDifferently) {
  NewDocument table = Document("t", {TableRow(), BuenosAires()});
  table.parser_version = "old";
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult stored, ingest_->StoreDocument(table));
  PLENARY_ASSERT_OK_AND_ASSIGN(std::vector<StoredDocument> outdated,
                               ingest_->ReadDocuments(0, 10, 1 << 20, "new"));
  ASSERT_EQ(outdated.size(), 1u);
  EXPECT_EQ(outdated[0].content, "t");
  EXPECT_EQ(outdated[0].parser_version, "old");

  Resolution corrected = TableRow();
  corrected.vote = {VoteMethod::kRecorded, 9, 0, 2, "9-0-2"};
  Rereading rereading{stored.document_id, "new", {corrected, BuenosAires()}, {}, {}};
  const int events = Count("SELECT count(*) FROM feed_events");
  PLENARY_ASSERT_OK_AND_ASSIGN(std::vector<IngestResult> reread,
                               ingest_->StoreRereadings({&rereading, 1}));
  EXPECT_EQ(reread[0].revisions, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), events + 1);
  const std::vector<std::string> keys = {SymbolKey("S/RES/66 (1948)")};
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution latest, registry_->GetResolution(keys, 0));
  EXPECT_EQ(latest.resolution.vote.in_favour, 9);
  EXPECT_EQ(latest.source.parser_version, "new");
  // The document now counts as read by "new", and reading it again so
  // changes nothing.
  EXPECT_THAT(ingest_->ReadDocuments(0, 10, 1 << 20, "new"), IsOkAndHolds(::testing::IsEmpty()));
  PLENARY_ASSERT_OK_AND_ASSIGN(reread, ingest_->StoreRereadings({&rereading, 1}));
  EXPECT_EQ(reread[0].revisions, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), events + 1);
  EXPECT_EQ(Count("SELECT count(*) FROM document_entries"), 2);
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
  EXPECT_THAT(ingest_->FindDocument({Sha256("never stored"), "nope"}),
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

  const std::vector<std::string> keys = {SymbolKey("A/RES/64/222")};
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution latest, registry_->GetResolution(keys, 0));
  EXPECT_EQ(latest.revision, 2);
  EXPECT_EQ(latest.resolution.title, "Nairobi outcome document (corrected)");
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution first, registry_->GetResolution(keys, 1));
  EXPECT_EQ(first.revision, 1);
  EXPECT_EQ(first.resolution.title, NairobiOutcome().title);
  EXPECT_THAT(registry_->GetResolution(keys, 3), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoresTest, HowAResolutionWasAdoptedIsKeptAndAChangeIsARevision) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiAsAdopted()})), IsOk());
  const std::vector<std::string> keys = {SymbolKey("A/RES/64/222")};
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution stored, registry_->GetResolution(keys, 0));
  EXPECT_EQ(stored.resolution.paragraphs, NairobiAsAdopted().paragraphs);
  EXPECT_EQ(stored.resolution.vote, NairobiAsAdopted().vote);
  EXPECT_EQ(stored.resolution.meeting, NairobiAsAdopted().meeting);
  EXPECT_THAT(stored.resolution.source_documents, ElementsAre("A/64/422/Add.2"));

  // The same again is no revision; a vote stated otherwise is one.
  ASSERT_THAT(ingest_->StoreDocument(Document("b", {NairobiAsAdopted()})), IsOk());
  EXPECT_EQ(Count("SELECT count(*) FROM resolution_revisions"), 1);
  Resolution corrected = NairobiAsAdopted();
  corrected.vote.abstaining = 57;
  PLENARY_ASSERT_OK_AND_ASSIGN(IngestResult result,
                               ingest_->StoreDocument(Document("c", {corrected})));
  EXPECT_EQ(std::get<StoredResolution>(result.entries[0]).revision, 2);
  EXPECT_EQ(std::get<StoredResolution>(result.entries[0]).resolution.vote.abstaining, 57);
}

TEST_F(PgStoresTest, TheFirstKeyThatNamesAResolutionChoosesItWhateverTheRevision) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome(), BuenosAires()})), IsOk());
  Resolution corrected = BuenosAires();
  corrected.title = "corrected";
  ASSERT_THAT(ingest_->StoreDocument(Document("b", {corrected})), IsOk());
  const std::vector<std::string> keys = {SymbolKey("64/222"),
                                         SymbolKey("33/134")};
  // A/RES/64/222 has no revision 2: the second key is not tried instead.
  EXPECT_THAT(registry_->GetResolution(keys, 2), StatusIs(absl::StatusCode::kNotFound));
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution latest, registry_->GetResolution(keys, 0));
  EXPECT_EQ(latest.resolution.symbol, "A/RES/64/222");
}

TEST_F(PgStoresTest, QueriesWhoseCallerHasGivenUpAreNotRun) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()})), IsOk());
  ListQuery list;
  list.deadline = absl::Now() - absl::Milliseconds(1);
  EXPECT_THAT(registry_->ListResolutions(list), StatusIs(absl::StatusCode::kDeadlineExceeded));
  SearchQuery search;
  search.words = "Nairobi";
  search.deadline = list.deadline;
  EXPECT_THAT(registry_->Search(search), StatusIs(absl::StatusCode::kDeadlineExceeded));
  // With time left, the same run, bounded by a statement_timeout.
  list.deadline = search.deadline = absl::Now() + absl::Seconds(30);
  EXPECT_THAT(registry_->ListResolutions(list), IsOk());
  EXPECT_THAT(registry_->Search(search), IsOk());
}

// Search's kinds run at once on an executor, also when every thread of it
// is itself searching (the fork then runs on the caller's thread), and
// answer as one after the other does.
TEST_F(PgStoresTest, SearchFansOutOnTheExecutorAndAnswersAsWithout) {
  ASSERT_THAT(ingest_->StoreDocument(
                  Document("a", {NairobiOutcome(), BuenosAires()}, {SolidarityMessage()})),
              IsOk());
  SearchQuery search;
  search.words = "Nairobi OR cooperation";
  PLENARY_ASSERT_OK_AND_ASSIGN(SearchResults alone, registry_->Search(search));
  ASSERT_EQ(alone.kinds.size(), 2u);
  Executor executor(2);
  PgRegistryStore fanned(*pool_, &executor);
  constexpr int kSearches = 8;
  std::vector<absl::StatusOr<SearchResults>> found(kSearches);
  absl::BlockingCounter searched(kSearches);
  Executor callers(2);  // searches on a pool of their own, and on the fan-out pool itself
  for (int i = 0; i < kSearches; ++i) {
    (i % 2 == 0 ? callers : executor).Schedule([&, i] {
      found[i] = fanned.Search(search);
      searched.DecrementCount();
    });
  }
  searched.Wait();
  for (const absl::StatusOr<SearchResults>& results : found) {
    ASSERT_THAT(results, IsOk());
    EXPECT_EQ(results->total, alone.total);
    ASSERT_EQ(results->hits.size(), alone.hits.size());
    for (size_t i = 0; i < alone.hits.size(); ++i) {
      EXPECT_EQ(results->hits[i].score, alone.hits[i].score);
    }
  }
}

TEST_F(PgStoresTest, ManyResolutionsAreFoundInOneCallEachInItsPlace) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome(), BuenosAires()})), IsOk());
  Resolution corrected = NairobiOutcome();
  corrected.title = "corrected";
  ASSERT_THAT(ingest_->StoreDocument(Document("b", {corrected})), IsOk());
  PLENARY_ASSERT_OK_AND_ASSIGN(
      auto found,
      registry_->GetResolutions({{SymbolKey("Buenos Aires Plan of Action")},
                                 {SymbolKey("A/RES/1/1")},
                                 {SymbolKey("A/RES/1/1"), SymbolKey("64/222")},
                                 {SymbolKey("33/134")}}));
  ASSERT_EQ(found.size(), 4u);
  ASSERT_TRUE(found[0].has_value());
  EXPECT_EQ(found[0]->resolution.symbol, "A/RES/33/134");
  EXPECT_FALSE(found[1].has_value());
  ASSERT_TRUE(found[2].has_value());  // the second key names it
  EXPECT_EQ(found[2]->resolution.symbol, "A/RES/64/222");
  EXPECT_EQ(found[2]->revision, 2);  // the latest
  EXPECT_EQ(found[2]->resolution.title, "corrected");
  EXPECT_THAT(found[2]->resolution.aliases,
              UnorderedElementsAre("64/222", "Nairobi outcome document"));
  ASSERT_TRUE(found[3].has_value());
  EXPECT_EQ(found[3]->resolution, found[0]->resolution);
  EXPECT_THAT(registry_->GetResolutions({}),
              ::plenary::testing::IsOkAndHolds(::testing::IsEmpty()));
}

TEST_F(PgStoresTest, ResolutionsAreFoundByAnyAlias) {
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()})), IsOk());
  for (const char* form : {"64/222", "nairobi  OUTCOME document", "a/res/64/222"}) {
    PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution found,
                                 registry_->GetResolution({SymbolKey(form)}, 0));
    EXPECT_EQ(found.resolution.symbol, "A/RES/64/222") << form;
  }
  EXPECT_THAT(registry_->GetResolution({SymbolKey("A/RES/1/1")}, 0),
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

TEST_F(PgStoresTest, ABatchStoresLikeItsDocumentsOneAfterAnother) {
  ASSERT_THAT(ingest_->StoreDocument(Document("stored before", {BuenosAires()})), IsOk());
  Resolution corrected = NairobiOutcome();
  corrected.title += " (corrected)";
  NewDocument with_request = Document("new bytes", {BuenosAires()});
  with_request.request_id = "req-7";
  NewDocument same_request = Document("other bytes", {BuenosAires()});
  same_request.request_id = "req-7";
  const std::vector<NewDocument> batch = {
      Document("first", {NairobiOutcome()}, {SolidarityMessage()}),
      Document("stored before", {BuenosAires()}),  // a duplicate of the earlier call
      Document("second", {corrected}),             // revision 2
      Document("first", {NairobiOutcome()}),       // the same bytes again in the batch
      Document("third", {NairobiOutcome()}),       // back to the first content: revision 3
      with_request,
      same_request,  // the same request_id again in the batch
  };
  PLENARY_ASSERT_OK_AND_ASSIGN(std::vector<IngestResult> results,
                               ingest_->StoreDocuments(batch));
  ASSERT_EQ(results.size(), batch.size());
  auto revision_of = [](const IngestResult& result, size_t entry) {
    return std::visit([](const auto& stored) { return stored.revision; },
                      result.entries.at(entry));
  };
  EXPECT_FALSE(results[0].duplicate);
  ASSERT_EQ(results[0].entries.size(), 2u);
  EXPECT_EQ(revision_of(results[0], 0), 1);
  EXPECT_TRUE(results[1].duplicate);
  EXPECT_EQ(revision_of(results[2], 0), 2);
  EXPECT_TRUE(results[3].duplicate);
  EXPECT_EQ(results[3].document_id, results[0].document_id);
  EXPECT_EQ(revision_of(results[4], 0), 3);
  EXPECT_FALSE(results[5].duplicate);
  EXPECT_EQ(revision_of(results[5], 0), 1);  // unchanged: matched, not revised
  EXPECT_TRUE(results[6].duplicate);
  EXPECT_EQ(results[6].document_id, results[5].document_id);
  EXPECT_EQ(results[0].warnings, batch[0].warnings);

  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 5);
  // Buenos Aires once; Nairobi three times and the statement, in document order.
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), 5);
  EXPECT_EQ(Count("SELECT (string_agg(kind || revision, ',' ORDER BY position) = "
                  "'resolution1,resolution1,statement1,resolution2,resolution3')::int "
                  "FROM feed_events"),
            1);
  PLENARY_ASSERT_OK_AND_ASSIGN(StoredResolution latest,
                               registry_->GetResolution({SymbolKey("64/222")}, 0));
  EXPECT_EQ(latest.revision, 3);
  EXPECT_EQ(latest.resolution.title, NairobiOutcome().title);
}

TEST_F(PgStoresTest, ConcurrentBatchesOfOverlappingRecordsAllLandInOneGapFreeOrder) {
  // Batches that revise the same records and create new ones concurrently:
  // none is lost, none is refused, the feed has no gap.
  constexpr int kWriters = 6;
  constexpr int kBatches = 5;
  constexpr int kPerBatch = 4;
  std::vector<std::future<absl::Status>> runs;
  for (int w = 0; w < kWriters; ++w) {
    runs.push_back(std::async(std::launch::async, [this, w] {
      for (int b = 0; b < kBatches; ++b) {
        std::vector<NewDocument> batch;
        for (int d = 0; d < kPerBatch; ++d) {
          const std::string tag = absl::StrCat(w, "-", b, "-", d);
          Resolution shared = d % 2 ? NairobiOutcome() : BuenosAires();
          shared.title += " v" + tag;
          Resolution created = BuenosAires();
          created.symbol = absl::StrCat("A/RES/70/", 100 + (w + b + d) % 9);
          created.aliases.clear();
          created.title += " v" + tag;
          batch.push_back(Document("doc " + tag, {created, shared}));
        }
        if (absl::Status status = ingest_->StoreDocuments(batch).status(); !status.ok()) {
          return status;
        }
      }
      return absl::OkStatus();
    }));
  }
  for (auto& run : runs) EXPECT_THAT(run.get(), IsOk());
  constexpr int kEvents = 2 * kWriters * kBatches * kPerBatch;
  EXPECT_EQ(Count("SELECT count(*) FROM feed_events"), kEvents);
  EXPECT_EQ(Count("SELECT max(position) FROM feed_events"), kEvents);
  EXPECT_EQ(Count("SELECT count(*) FROM (SELECT revision - lag(revision) OVER "
                  "(PARTITION BY entity_id ORDER BY position) AS step FROM feed_events) s "
                  "WHERE step <> 1"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM resolutions r WHERE latest_revision <> "
                  "(SELECT max(revision) FROM resolution_revisions v WHERE v.resolution_id = r.id)"),
            0);
}

TEST_F(PgStoresTest, AFailedBatchStoresNothing) {
  NewDocument unstorable = Document("bad", {BuenosAires()});
  unstorable.resolutions[0].adopted.month = 13;  // refused by a CHECK constraint
  EXPECT_THAT(ingest_->StoreDocuments({Document("good", {NairobiOutcome()}), unstorable}),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM resolutions"), 0);
  EXPECT_EQ(Count("SELECT position FROM feed_head"), 0);
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
  EXPECT_EQ(records[0].entry.resolution().revision(), 1);
  EXPECT_EQ(records[1].entry.statement().id(), "st-solidarity");
  EXPECT_EQ(records[2].entry.resolution().revision(), 2);
  EXPECT_EQ(records[2].entry.resolution().title(), "corrected");
  PLENARY_ASSERT_OK_AND_ASSIGN(std::vector<FeedRecord> tail, feed.ReadFeed(1, 1));
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].position, 2);

  PLENARY_ASSERT_OK_AND_ASSIGN(DeploymentIdentity identity, feed.Identity());
  EXPECT_FALSE(identity.id.empty());
  EXPECT_EQ(identity.secret.size(), 32u);
}

// The notices a watcher delivered.
class NoticeLog {
 public:
  void Start(PgFeedWatcher& watcher) {
    watcher.Start([this](FeedNotice notice) {
      absl::MutexLock lock(&mu_);
      notices_.push_back(std::move(notice));
    });
  }
  // Waits for the n-th notice (from 1) and returns it.
  std::optional<FeedNotice> Await(size_t n) {
    absl::MutexLock lock(&mu_);
    auto reached = [&]() { return notices_.size() >= n; };
    if (!mu_.AwaitWithTimeout(absl::Condition(&reached), absl::Seconds(10))) return std::nullopt;
    return notices_[n - 1];
  }

 private:
  absl::Mutex mu_;
  std::vector<FeedNotice> notices_ ABSL_GUARDED_BY(mu_);
};

TEST_F(PgStoresTest, WatcherReportsCommitsAndSurvivesLosingItsConnection) {
  PgFeedWatcher watcher(database_->url());
  NoticeLog notices;
  notices.Start(watcher);
  ASSERT_TRUE(notices.Await(1).has_value());  // on connecting
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiOutcome()})), IsOk());
  EXPECT_TRUE(notices.Await(2).has_value());

  pqxx::connection admin(database_->url());
  pqxx::nontransaction(admin).exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
  std::optional<FeedNotice> reconnected = notices.Await(3);
  ASSERT_TRUE(reconnected.has_value());
  EXPECT_EQ(reconnected->last_position, 0);  // unknown: notices may have been missed
  ASSERT_THAT(ingest_->StoreDocument(Document("b", {BuenosAires()})), IsOk());
  EXPECT_TRUE(notices.Await(4).has_value());
  watcher.Stop();
}

TEST_F(PgStoresTest, NoticesCarryTheCommittedRecordsAsTheLogHasThemWhenTheyFit) {
  PgFeedWatcher watcher(database_->url());
  NoticeLog notices;
  notices.Start(watcher);
  ASSERT_TRUE(notices.Await(1).has_value());
  ASSERT_THAT(ingest_->StoreDocument(Document("a", {NairobiAsAdopted()}, {SolidarityMessage()})),
              IsOk());
  std::optional<FeedNotice> small = notices.Await(2);
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->last_position, 2);
  PgFeedStore feed(*pool_);
  PLENARY_ASSERT_OK_AND_ASSIGN(std::vector<FeedRecord> logged, feed.ReadFeed(0, 10));
  ASSERT_EQ(small->records.size(), 2u);
  ASSERT_EQ(logged.size(), 2u);
  for (size_t i = 0; i < logged.size(); ++i) {
    const FeedRecord& carried = small->records[i];
    EXPECT_EQ(carried.position, logged[i].position);
    EXPECT_EQ(carried.committed_at, logged[i].committed_at);
    // The same message, field for field, whichever way it came.
    EXPECT_EQ(carried.entry.SerializeAsString(), logged[i].entry.SerializeAsString());
  }

  // NOTIFY payloads must stay under 8000 bytes: a long text stays in the log.
  IdentifiedStatement long_statement = SolidarityMessage();
  long_statement.id = "st-long";
  long_statement.statement.text = std::string(9000, 'x');
  ASSERT_THAT(ingest_->StoreDocument(Document("b", {}, {long_statement})), IsOk());
  std::optional<FeedNotice> large = notices.Await(3);
  ASSERT_TRUE(large.has_value());
  EXPECT_EQ(large->last_position, 3);
  EXPECT_TRUE(large->records.empty());
  watcher.Stop();
}

}  // namespace
}  // namespace plenary::storage::pg
