// IngestService.ReparseDocuments from a gRPC call down to PostgreSQL: stored
// documents read again with this release's readers change their records
// where the reading changed, once, and nothing else.
#include "gtest/gtest.h"
#include "parsing/version.h"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "storage/pg/pg_database.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/in_process_services.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary {
namespace {

using testing::FieldViolation;

// A resolution text as pdftotext prints the official PDF, shortened.
constexpr char kResolutionText[] =
    "United Nations A/RES/68/262\n"
    "General Assembly Distr.: General\n"
    "1 April 2014\n"
    "Sixty-eighth session\n"
    "Agenda item 33 (b)\n"
    "Resolution adopted by the General Assembly on 27 March 2014\n"
    "[without reference to a Main Committee (A/68/L.39 and Add.1)]\n"
    "68/262. Territorial integrity of Ukraine\n"
    "The General Assembly,\n"
    "Reaffirming the paramount importance of the Charter of the United Nations in the "
    "promotion of the rule of law among nations,\n"
    "1. Affirms its commitment to the sovereignty, political independence, unity and "
    "territorial integrity of Ukraine within its internationally recognized borders;\n"
    "2. Calls upon all States to desist and refrain from actions aimed at the partial or "
    "total disruption of the national unity and territorial integrity of Ukraine;\n"
    "80th plenary meeting\n"
    "27 March 2014\n";

class ReparseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PLENARY_ASSERT_OK_AND_ASSIGN(database_, testing::TestDatabase::CreateMigrated());
    PLENARY_ASSERT_OK_AND_ASSIGN(services_, testing::InProcessServices::Start(database_->url()));
    ingest_ = v1::IngestService::NewStub(services_->channel());
    registry_ = v1::RegistryService::NewStub(services_->channel());
  }

  // What an older release read out of kResolutionText: a wrong title, no
  // paragraphs, no vote or meeting.
  int64_t StoreAsAnOlderReleaseReadIt() {
    storage::pg::PgDatabase database({.url = database_->url(), .pool_size = 1});
    storage::NewDocument document;
    document.content = kResolutionText;
    document.sha256 = std::string(32, 'x');
    document.media_type = "text/plain";
    document.parser_version = "2026.01.01";
    Resolution resolution;
    resolution.symbol = "A/RES/68/262";
    resolution.body = "General Assembly";
    resolution.title = "Territorial integrity of Ukrain";
    document.resolutions = {resolution};
    absl::StatusOr<storage::IngestResult> stored =
        database.ingest_store().StoreDocument(document);
    EXPECT_TRUE(stored.ok()) << stored.status();
    if (!stored.ok()) return 0;
    EXPECT_EQ(std::get<StoredResolution>(stored->entries[0]).resolution.title,
              "Territorial integrity of Ukrain");
    return stored->document_id;
  }

  // Every progress message of one re-reading, and how it ended.
  std::pair<std::vector<v1::ReparseDocumentsResponse>, grpc::Status> Reparse(
      const v1::ReparseDocumentsRequest& request) {
    grpc::ClientContext context;
    auto reader = ingest_->ReparseDocuments(&context, request);
    std::vector<v1::ReparseDocumentsResponse> progress;
    v1::ReparseDocumentsResponse message;
    while (reader->Read(&message)) progress.push_back(message);
    return {progress, reader->Finish()};
  }

  v1::Resolution Get(const std::string& symbol) {
    grpc::ClientContext context;
    v1::GetResolutionRequest request;
    request.set_symbol(symbol);
    v1::Resolution resolution;
    const grpc::Status status = registry_->GetResolution(&context, request, &resolution);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resolution;
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<testing::InProcessServices> services_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
};

TEST_F(ReparseTest, DocumentsReadByOlderReadersAreReadAgainOnce) {
  const int64_t document_id = StoreAsAnOlderReleaseReadIt();

  v1::ReparseDocumentsRequest outdated;
  outdated.set_only_outdated(true);
  auto [progress, status] = Reparse(outdated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_FALSE(progress.empty());
  const v1::ReparseDocumentsResponse& last = progress.back();
  EXPECT_TRUE(last.done());
  EXPECT_EQ(last.documents_read(), 1);
  EXPECT_EQ(last.documents_changed(), 1);
  EXPECT_EQ(last.records_revised(), 1);
  EXPECT_EQ(last.last_document_id(), document_id);
  EXPECT_EQ(last.parser_version(), parsing::kParserVersion);

  const v1::Resolution reread = Get("68/262");
  EXPECT_EQ(reread.revision(), 2);
  EXPECT_EQ(reread.title(), "Territorial integrity of Ukraine");
  EXPECT_EQ(reread.meeting().number(), 80);
  EXPECT_GE(reread.paragraphs_size(), 3);
  EXPECT_EQ(reread.source().parser_version(), parsing::kParserVersion);

  // Nothing is outdated now; reading everything again changes nothing.
  auto [none, none_status] = Reparse(outdated);
  ASSERT_TRUE(none_status.ok());
  EXPECT_EQ(none.back().documents_read(), 0);
  EXPECT_TRUE(none.back().done());
  v1::ReparseDocumentsRequest all;
  auto [again, again_status] = Reparse(all);
  ASSERT_TRUE(again_status.ok());
  EXPECT_EQ(again.back().documents_read(), 1);
  EXPECT_EQ(again.back().records_revised(), 0);
  EXPECT_EQ(Get("68/262").revision(), 2);
}

TEST_F(ReparseTest, ARequestOutOfRangeIsRefusedNamingTheField) {
  v1::ReparseDocumentsRequest request;
  request.set_after_document_id(-1);
  auto [progress, status] = Reparse(request);
  EXPECT_TRUE(progress.empty());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolation(status), "after_document_id");
  request.set_after_document_id(0);
  request.set_max_documents(-5);
  EXPECT_EQ(FieldViolation(Reparse(request).second), "max_documents");
}

}  // namespace
}  // namespace plenary
