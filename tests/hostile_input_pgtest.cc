// Every RPC fed injection strings, oversized fields and malformed
// protobufs: each answers a clean error (or a clean empty answer), the
// servers stay up, and the database is unchanged. What does get stored,
// stores its strings verbatim.
#include "absl/strings/str_cat.h"
#include "common/executor.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "pqxx/pqxx"
#include "services/common/server.h"
#include "services/ingest/ingest_service.h"
#include "services/registry/feed_hub.h"
#include "services/registry/feed_service.h"
#include "services/registry/registry_service.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_feed_store.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/pg_registry_store.h"
#include "storage/pg/statements.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary {
namespace {

const std::vector<std::string> kHostile = {
    "'; DROP TABLE resolutions; --",
    "\" OR 1=1 --",
    "A/RES/64/222' UNION SELECT secret FROM deployment --",
    "%_\\\\%",
    "$1 $2 ::text",
    std::string("nul\0byte", 8),
    "\xF0\x9F\x92\xA3 <script>alert(1)</script> &amp;",
    std::string(1 << 20, 'x'),  // a megabyte
};

constexpr char kTable[] =
    "Time\tResolution Number\tResolution Name\tDescription\n"
    "21 December 2009\tA/RES/64/222 General Assembly\t64/222. Nairobi outcome document\t"
    "<p>The General Assembly</p> <ul> \xE2\x80\xA2 16. We welcome efforts.</ul>\n";

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PLENARY_ASSERT_OK_AND_ASSIGN(database_, testing::TestDatabase::CreateMigrated());
    pool_ = std::make_unique<storage::pg::ConnectionPool>(database_->url(), 4,
                                                          storage::pg::PrepareStatements);
    ingest_store_ = std::make_unique<storage::pg::PgIngestStore>(*pool_);
    registry_store_ = std::make_unique<storage::pg::PgRegistryStore>(*pool_);
    feed_store_ = std::make_unique<storage::pg::PgFeedStore>(*pool_);
    watcher_ = std::make_unique<storage::pg::PgFeedWatcher>(database_->url());
    hub_ = std::make_unique<registry::FeedHub>(*feed_store_, *watcher_, executor_,
                                               registry::FeedOptions{});
    ASSERT_TRUE(hub_->Start().ok());
    ingester_ = std::make_unique<ingest::Ingester>(*ingest_store_, 1 << 20);
    ingest_service_ =
        std::make_unique<ingest::IngestServiceImpl>(*ingester_, publishers_, limits_, executor_);
    registry_service_ =
        std::make_unique<registry::RegistryServiceImpl>(*registry_store_, executor_, tokens_);
    feed_service_ = std::make_unique<registry::FeedServiceImpl>(*hub_);
    services::ServerConfig config;
    config.name = "hostile";
    config.listen_address = "127.0.0.1:0";
    config.before_shutdown = [this] { hub_->Shutdown(); };
    auto server = services::RunningServer::Start(
        config, {ingest_service_.get(), registry_service_.get(), feed_service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
    ingest_ = v1::IngestService::NewStub(channel_);
    registry_ = v1::RegistryService::NewStub(channel_);
    feed_ = v1::FeedService::NewStub(channel_);

    grpc::ClientContext context;
    v1::IngestDocumentRequest request;
    request.set_content(kTable);
    v1::IngestDocumentResponse response;
    ASSERT_TRUE(ingest_->IngestDocument(&context, request, &response).ok());
  }

  void TearDown() override { server_->Shutdown(); }

  // Every table's rows, in one string: equal snapshots, unchanged database.
  std::string Snapshot() {
    pqxx::connection connection(database_->url());
    pqxx::nontransaction tx(connection);
    std::string snapshot;
    for (const char* table : {"documents", "resolutions", "resolution_aliases",
                              "resolution_revisions", "statements", "statement_revisions",
                              "document_entries", "feed_events", "feed_head", "deployment"}) {
      snapshot += tx.exec1(absl::StrCat("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY "
                                        "t::text)), '') FROM ", table, " t"))[0]
                      .as<std::string>();
    }
    return snapshot;
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<storage::pg::ConnectionPool> pool_;
  std::unique_ptr<storage::pg::PgIngestStore> ingest_store_;
  std::unique_ptr<storage::pg::PgRegistryStore> registry_store_;
  std::unique_ptr<storage::pg::PgFeedStore> feed_store_;
  std::unique_ptr<storage::pg::PgFeedWatcher> watcher_;
  Executor executor_{4};
  std::unique_ptr<registry::FeedHub> hub_;
  services::BearerTokens publishers_ = services::BearerTokens::AllowAll();
  ingest::RateLimiter limits_{0, 1};
  services::SignedTokenCodec tokens_{"hostile", "secret"};
  std::unique_ptr<ingest::Ingester> ingester_;
  std::unique_ptr<ingest::IngestServiceImpl> ingest_service_;
  std::unique_ptr<registry::RegistryServiceImpl> registry_service_;
  std::unique_ptr<registry::FeedServiceImpl> feed_service_;
  std::unique_ptr<services::RunningServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::FeedService::Stub> feed_;
};

// A clean answer: OK, or an error that says what was wrong; never a crash
// (UNAVAILABLE), an unknown failure or an internal error.
void ExpectClean(const grpc::Status& status, const std::string& what) {
  EXPECT_NE(status.error_code(), grpc::StatusCode::UNKNOWN) << what;
  EXPECT_NE(status.error_code(), grpc::StatusCode::INTERNAL) << what << ": " << status.error_message();
  EXPECT_NE(status.error_code(), grpc::StatusCode::UNAVAILABLE) << what;
  EXPECT_EQ(status.error_message().find("SQL"), std::string::npos) << what;
}

TEST_F(HostileInputTest, EveryRpcAnswersCleanlyAndChangesNothing) {
  const std::string before = Snapshot();
  for (const std::string& hostile : kHostile) {
    const std::string what = hostile.substr(0, 40);
    {
      grpc::ClientContext context;
      v1::GetResolutionRequest request;
      request.set_symbol(hostile);
      v1::Resolution response;
      ExpectClean(registry_->GetResolution(&context, request, &response), "GetResolution " + what);
    }
    {
      grpc::ClientContext context;
      v1::BatchGetResolutionsRequest request;
      request.add_symbols(hostile);
      request.add_symbols("A/RES/64/222");
      v1::BatchGetResolutionsResponse response;
      ExpectClean(registry_->BatchGetResolutions(&context, request, &response), "Batch " + what);
    }
    {
      grpc::ClientContext context;
      v1::GetStatementRequest request;
      request.set_id(hostile);
      v1::Statement response;
      ExpectClean(registry_->GetStatement(&context, request, &response), "GetStatement " + what);
    }
    {
      grpc::ClientContext context;
      v1::ListResolutionsRequest request;
      request.set_body(hostile);
      request.set_references(hostile);
      request.set_text(hostile);
      v1::ListResolutionsResponse response;
      ExpectClean(registry_->ListResolutions(&context, request, &response), "List " + what);
      grpc::ClientContext token_context;
      v1::ListResolutionsRequest with_token;
      with_token.set_page_token(hostile);
      with_token.set_order_by(hostile);
      ExpectClean(registry_->ListResolutions(&token_context, with_token, &response),
                  "List token " + what);
    }
    {
      grpc::ClientContext context;
      v1::ListStatementsRequest request;
      request.set_speaker(hostile);
      request.set_text(hostile);
      v1::ListStatementsResponse response;
      ExpectClean(registry_->ListStatements(&context, request, &response), "ListStatements " + what);
    }
    {
      grpc::ClientContext context;
      v1::SearchRequest request;
      request.set_query(hostile);
      request.set_body(hostile);
      v1::SearchResponse response;
      ExpectClean(registry_->Search(&context, request, &response), "Search " + what);
    }
    {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
      v1::SubscribeRequest request;
      request.set_after_cursor(hostile);
      auto reader = feed_->Subscribe(&context, request);
      v1::FeedEvent event;
      while (reader->Read(&event)) {
      }
      EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT) << what;
    }
    {
      // Ingestion of documents that cannot be read, with hostile metadata.
      grpc::ClientContext context;
      v1::IngestDocumentRequest request;
      request.set_content(hostile);
      request.set_media_type(hostile);
      request.set_source_uri(hostile);
      request.set_request_id(hostile);
      v1::IngestDocumentResponse response;
      grpc::Status status = ingest_->IngestDocument(&context, request, &response);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "Ingest " << what;
    }
  }
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(HostileInputTest, MalformedProtobufsAreRefusedAndTheServerStaysUp) {
  const std::string before = Snapshot();
  grpc::GenericStub generic(channel_);
  for (const char* method :
       {"/plenary.v1.RegistryService/GetResolution", "/plenary.v1.RegistryService/Search",
        "/plenary.v1.RegistryService/ListResolutions", "/plenary.v1.IngestService/IngestDocument"}) {
    for (const std::string& bytes : {std::string("\xff\xff\xff\xff\x0f garbage", 14),
                                     std::string("\x0a\xff\xff\xff\xff\x07", 6),
                                     std::string(3, '\x80')}) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      grpc::Slice slice(bytes);
      grpc::ByteBuffer request(&slice, 1);
      grpc::ByteBuffer response;
      absl::Notification done;
      grpc::Status status;
      generic.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                        [&](grpc::Status s) {
                          status = std::move(s);
                          done.Notify();
                        });
      done.WaitForNotification();
      EXPECT_FALSE(status.ok()) << method;
      EXPECT_NE(status.error_code(), grpc::StatusCode::UNAVAILABLE) << method;
    }
  }
  // Still serving, and nothing changed.
  grpc::ClientContext context;
  v1::GetResolutionRequest request;
  request.set_symbol("64/222");
  v1::Resolution resolution;
  EXPECT_TRUE(registry_->GetResolution(&context, request, &resolution).ok());
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(HostileInputTest, StoredStringsComeBackVerbatim) {
  const std::string title = "Nairobi'; DROP TABLE documents; -- \"quoted\" $1 \\\\";
  const std::string table = absl::StrCat(
      "Time\tResolution Number\tResolution Name\tDescription\n",
      "1 May 2020\tA/RES/74/1 General Assembly\t", title,
      "\t<p>The General Assembly</p> <ul> \xE2\x80\xA2 1. Decides.</ul>\n");
  grpc::ClientContext context;
  v1::IngestDocumentRequest request;
  request.set_content(table);
  request.set_request_id("'; DELETE FROM documents; --");
  v1::IngestDocumentResponse response;
  ASSERT_TRUE(ingest_->IngestDocument(&context, request, &response).ok());
  grpc::ClientContext get_context;
  v1::GetResolutionRequest get;
  get.set_symbol("74/1");
  v1::Resolution resolution;
  ASSERT_TRUE(registry_->GetResolution(&get_context, get, &resolution).ok());
  EXPECT_EQ(resolution.title(), title);
  pqxx::connection connection(database_->url());
  EXPECT_EQ(pqxx::nontransaction(connection).exec1("SELECT count(*) FROM documents")[0].as<int>(), 2);
}

}  // namespace
}  // namespace plenary
