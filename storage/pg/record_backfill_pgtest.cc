// Migrations 0006 and 0010 against a real PostgreSQL: revisions the
// previous releases stored are encoded as this release encodes them, and
// their votes' Member States are indexed.
#include "storage/pg/record_backfill.h"

#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "codec/record_codec.h"
#include "common/sha256.h"
#include "gtest/gtest.h"
#include "storage/migration.h"
#include "storage/pg/migrator.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary::storage::pg {
namespace {

using ::plenary::testing::IsOk;
using ::plenary::testing::TestDatabase;

// A document and its records as release 0005 wrote them: the vote, meeting
// and source documents in `adoption`, paragraph kinds as numbers.
constexpr char kWrittenByTheRelease0005[] = R"sql(
  INSERT INTO documents (sha256, media_type, content)
    VALUES (sha256('a'), 'text/plain', 'a');
  INSERT INTO resolutions (symbol, latest_revision) VALUES ('A/RES/68/262', 1), ('S/RES/242 (1967)', 1);
  INSERT INTO resolution_revisions
    (resolution_id, revision, document_id, body, adopted_year, adopted_month, adopted_day,
     title, paragraphs, refs, adoption, content_sha256)
  VALUES
    (1, 1, 1, 'General Assembly', 2014, 3, 27, 'Territorial integrity of Ukraine',
     '[{"number": "", "text": "Reaffirming", "kind": 1}, {"number": "1", "text": "Affirms", "kind": 2},
       {"number": "2", "text": "Calls upon"}]',
     '{A/RES/2625 (XXV)}',
     '{"vote": {"method": 4, "as_written": "100-11-58", "in_favour": 100, "against": 11,
                "abstaining": 58},
       "meeting": {"record": "A/68/PV.80", "number": 80, "date": [2014, 3, 27]},
       "source_documents": ["A/68/L.39", "A/68/L.39/Add.1"]}',
     '\x00'),
    (2, 1, 1, 'Security Council', 1967, 11, 22, '', '[]', '{}',
     '{"vote": {"method": 3, "as_written": "adopted unanimously"}}', '\x00');
  INSERT INTO statements (public_id, latest_revision) VALUES ('st-1', 1), ('st-2', 1);
  INSERT INTO statement_revisions
    (statement_id, revision, document_id, headline, speaker, speaker_role, date_year,
     date_month, date_day, places, body_text, quotes, refs, content_sha256)
  VALUES
    (1, 1, 1, 'Secretary-General welcomes adoption', 'Ban Ki-moon', 'Secretary-General',
     2012, 4, 0, '{Syria,Geneva}', 'The Secretary-General welcomes ...',
     '[{"text": "We need to ensure", "speaker": "Ban Ki-moon"}]', '{S/RES/2043 (2012)}', '\x00'),
    (2, 1, 1, '', '', '', 0, 0, 0, '{}', 'Undated', '[]', '{}', '\x00');
)sql";

Resolution Ukraine() {
  Resolution resolution;
  resolution.symbol = "A/RES/68/262";
  resolution.body = "General Assembly";
  resolution.adopted = {2014, 3, 27};
  resolution.title = "Territorial integrity of Ukraine";
  resolution.paragraphs = {{"", "Reaffirming", ParagraphKind::kPreambular},
                           {"1", "Affirms", ParagraphKind::kOperative},
                           {"2", "Calls upon", ParagraphKind::kUnspecified}};
  resolution.references = {"A/RES/2625 (XXV)"};
  resolution.vote = {VoteMethod::kRecorded, 100, 11, 58, "100-11-58"};
  resolution.meeting = {"A/68/PV.80", 80, {2014, 3, 27}};
  resolution.source_documents = {"A/68/L.39", "A/68/L.39/Add.1"};
  return resolution;
}

Resolution Resolution242() {
  Resolution resolution;
  resolution.symbol = "S/RES/242 (1967)";
  resolution.body = "Security Council";
  resolution.adopted = {1967, 11, 22};
  resolution.vote = {VoteMethod::kUnanimous, {}, {}, {}, "adopted unanimously"};
  return resolution;
}

Statement Welcome() {
  Statement statement;
  statement.headline = "Secretary-General welcomes adoption";
  statement.speaker = "Ban Ki-moon";
  statement.speaker_role = "Secretary-General";
  statement.date = {2012, 4, 0};
  statement.places = {"Syria", "Geneva"};
  statement.text = "The Secretary-General welcomes ...";
  statement.quotes = {{"We need to ensure", "Ban Ki-moon"}};
  statement.references = {"S/RES/2043 (2012)"};
  return statement;
}

Statement Undated() {
  Statement statement;
  statement.text = "Undated";
  return statement;
}

class RecordBackfillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = TestDatabase::CreateEmpty();
    ASSERT_THAT(database.status(), IsOk());
    database_ = *std::move(database);
  }

  // The record and digest migration 0006 gave revision 1 of `key`.
  std::pair<std::string, std::string> Encoded(const char* records, const char* key_column,
                                              const char* revisions, const char* record_id,
                                              const std::string& key) {
    pqxx::connection connection(database_->url());
    const pqxx::row row = pqxx::nontransaction(connection).exec_params1(
        std::string("SELECT v.record, v.content_sha256 FROM ") + records + " r JOIN " +
            revisions + " v ON v." + record_id + " = r.id WHERE r." + key_column + " = $1",
        key);
    return {pqxx::binarystring(row[0]).str(), pqxx::binarystring(row[1]).str()};
  }

  std::unique_ptr<TestDatabase> database_;
};

TEST_F(RecordBackfillTest, RevisionsOfThePreviousReleaseAreEncodedAsThisReleaseEncodesThem) {
  std::vector<Migration> before_0006;
  for (const Migration& migration : AllMigrations()) {
    if (migration.version < 6) before_0006.push_back(migration);
  }
  ASSERT_THAT(ApplyMigrations(database_->url(), before_0006).status(), IsOk());
  {
    pqxx::connection connection(database_->url());
    pqxx::work tx(connection);
    tx.exec0(kWrittenByTheRelease0005);
    tx.commit();
  }
  ASSERT_THAT(ApplyMigrations(database_->url()).status(), IsOk());

  for (const Resolution& expected : {Ukraine(), Resolution242()}) {
    const auto [record, digest] = Encoded("resolutions", "symbol", "resolution_revisions",
                                          "resolution_id", expected.symbol);
    EXPECT_EQ(record, codec::ContentBytes(expected)) << expected.symbol;
    EXPECT_EQ(digest, Sha256(codec::ContentBytes(expected))) << expected.symbol;
  }
  const std::pair<const char*, Statement> statements[] = {{"st-1", Welcome()},
                                                         {"st-2", Undated()}};
  for (const auto& [id, expected] : statements) {
    const auto [record, digest] = Encoded("statements", "public_id", "statement_revisions",
                                          "statement_id", id);
    EXPECT_EQ(record, codec::ContentBytes(expected)) << id;
    EXPECT_EQ(digest, Sha256(codec::ContentBytes(expected))) << id;
  }
}

TEST_F(RecordBackfillTest, RevisionsAWriterOfThePreviousReleaseAddsDuringTheUpgradeAreEncodedToo) {
  std::vector<Migration> through_0006;
  for (const Migration& migration : AllMigrations()) {
    if (migration.version <= 6) through_0006.push_back(migration);
  }
  ASSERT_THAT(ApplyMigrations(database_->url(), through_0006).status(), IsOk());
  {
    // As a writer of release 0005 still running between 0006 and 0007.
    pqxx::connection connection(database_->url());
    pqxx::work tx(connection);
    tx.exec0(kWrittenByTheRelease0005);
    tx.commit();
  }
  ASSERT_THAT(ApplyMigrations(database_->url()).status(), IsOk());
  const auto [record, digest] = Encoded("resolutions", "symbol", "resolution_revisions",
                                        "resolution_id", Ukraine().symbol);
  EXPECT_EQ(record, codec::ContentBytes(Ukraine()));
}

TEST_F(RecordBackfillTest, ARevisionWithoutItsRecordIsRefusedOnceMigrated) {
  ASSERT_THAT(ApplyMigrations(database_->url()).status(), IsOk());
  pqxx::connection connection(database_->url());
  pqxx::work tx(connection);
  tx.exec0("INSERT INTO documents (sha256, media_type, content) VALUES (sha256('a'), 'x', 'a')");
  tx.exec0("INSERT INTO resolutions (symbol, latest_revision) VALUES ('A/RES/1/1', 1)");
  EXPECT_THROW(tx.exec0("INSERT INTO resolution_revisions (resolution_id, revision, document_id,"
                        " content_sha256) VALUES (1, 1, 1, '\\x00')"),
               pqxx::not_null_violation);
}

TEST_F(RecordBackfillTest, MemberStatesInTheVotesOfEarlierRevisionsAreIndexed) {
  std::vector<Migration> before_0010;
  for (const Migration& migration : AllMigrations()) {
    if (migration.version < 10) before_0010.push_back(migration);
  }
  ASSERT_THAT(ApplyMigrations(database_->url(), before_0010).status(), IsOk());
  Resolution named = Ukraine();
  named.vote.member_states = {
      {{"United States of America", "USA"}, VotePosition::kInFavour},
      {{"Russian Federation", "RUS"}, VotePosition::kAgainst},
      {{"China", "CHN"}, VotePosition::kAbstaining}};
  {
    // As release 0009 wrote them: one vote naming Member States, one not.
    pqxx::connection connection(database_->url());
    pqxx::work tx(connection);
    tx.exec0("INSERT INTO documents (sha256, media_type, content) VALUES (sha256('a'), 'x', 'a')");
    tx.exec0("INSERT INTO resolutions (symbol, latest_revision) VALUES"
             " ('A/RES/68/262', 1), ('S/RES/242 (1967)', 1)");
    for (const auto& [id, resolution] : {std::pair{1, named}, std::pair{2, Resolution242()}}) {
      tx.exec_params0(
          "INSERT INTO resolution_revisions (resolution_id, revision, document_id, record,"
          " content_sha256) VALUES ($1, 1, 1, decode($2, 'hex'), '\\x00')",
          id, absl::BytesToHexString(codec::ContentBytes(resolution)));
    }
    tx.commit();
  }
  ASSERT_THAT(ApplyMigrations(database_->url()).status(), IsOk());

  pqxx::connection connection(database_->url());
  pqxx::nontransaction tx(connection);
  auto keys = [&tx](int id) {
    return tx.exec_params1("SELECT array_to_string(vote_keys, ' ') FROM resolution_revisions"
                           " WHERE resolution_id = $1",
                           id)[0]
        .as<std::string>();
  };
  EXPECT_EQ(keys(1), "CHN CHN:abstaining RUS RUS:against USA USA:in_favour");
  EXPECT_EQ(keys(2), "");
}

}  // namespace
}  // namespace plenary::storage::pg
