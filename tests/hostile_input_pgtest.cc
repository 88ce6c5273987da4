// Every RPC fed injection strings, oversized fields and malformed
// protobufs: each answers a clean error (or a clean empty answer), the
// servers stay up, and the database is unchanged. What does get stored,
// stores its strings verbatim.
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "pqxx/pqxx"
#include "plenary/v1/feed_service.grpc.pb.h"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "plenary/v1/registry_service.grpc.pb.h"
#include "tests/support/grpc_errors.h"
#include "tests/support/in_process_services.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary {
namespace {

using testing::FieldViolation;

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
    PLENARY_ASSERT_OK_AND_ASSIGN(services_, testing::InProcessServices::Start(database_->url()));
    channel_ = services_->channel();
    ingest_ = v1::IngestService::NewStub(channel_);
    registry_ = v1::RegistryService::NewStub(channel_);
    feed_ = v1::FeedService::NewStub(channel_);

    grpc::ClientContext context;
    v1::IngestDocumentRequest request;
    request.set_content(kTable);
    v1::IngestDocumentResponse response;
    ASSERT_TRUE(ingest_->IngestDocument(&context, request, &response).ok());
  }

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
  std::unique_ptr<testing::InProcessServices> services_;
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
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << method << ": " << status.error_message();
      EXPECT_NE(status.error_message().find("could not be parsed"), std::string::npos)
          << status.error_message();
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

// Sends `request` serialized with `field`'s bytes replaced by ones that are
// not UTF-8, as a client with another protobuf library can.
template <typename Message>
std::string WithBadUtf8(Message request, const std::string& field) {
  const google::protobuf::FieldDescriptor* descriptor =
      request.GetDescriptor()->FindFieldByName(field);
  const std::string marker = "\x01MARK\x01";
  if (descriptor->is_repeated()) {
    request.GetReflection()->AddString(&request, descriptor, marker);
  } else {
    request.GetReflection()->SetString(&request, descriptor, marker);
  }
  std::string bytes = request.SerializeAsString();
  bytes.replace(bytes.find(marker), marker.size(), "\xff\xfe\xc0MAR\xfe\x80");
  return bytes;
}

// A proto3 string field holding bytes that are not UTF-8 made protobuf
// refuse the request, and gRPC answered UNIMPLEMENTED with no message.
TEST_F(HostileInputTest, StringFieldsThatAreNotUtf8AreInvalidArgumentNamingTheField) {
  const std::string before = Snapshot();
  grpc::GenericStub generic(channel_);
  struct Case {
    const char* method;
    std::string bytes;
    const char* field;
  };
  v1::SearchRequest search;
  search.set_query("South");
  const std::vector<Case> cases = {
      {"/plenary.v1.RegistryService/GetResolution", WithBadUtf8(v1::GetResolutionRequest(), "symbol"),
       "symbol"},
      {"/plenary.v1.RegistryService/BatchGetResolutions",
       WithBadUtf8(v1::BatchGetResolutionsRequest(), "symbols"), "symbols"},
      {"/plenary.v1.RegistryService/GetStatement", WithBadUtf8(v1::GetStatementRequest(), "id"), "id"},
      {"/plenary.v1.RegistryService/ListResolutions",
       WithBadUtf8(v1::ListResolutionsRequest(), "text"), "text"},
      {"/plenary.v1.RegistryService/ListStatements",
       WithBadUtf8(v1::ListStatementsRequest(), "speaker"), "speaker"},
      {"/plenary.v1.RegistryService/Search", WithBadUtf8(search, "body"), "body"},
      {"/plenary.v1.IngestService/IngestDocument",
       WithBadUtf8(v1::IngestDocumentRequest(), "media_type"), "media_type"},
  };
  for (const Case& one : cases) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::Slice slice(one.bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    absl::Notification done;
    grpc::Status status;
    generic.UnaryCall(&context, one.method, grpc::StubOptions(), &request, &response,
                      [&](grpc::Status s) {
                        status = std::move(s);
                        done.Notify();
                      });
    done.WaitForNotification();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << one.method << ": " << status.error_message();
    EXPECT_EQ(FieldViolation(status), one.field) << one.method << ": " << status.error_message();
  }

  // A subscription's request.
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::Slice slice(WithBadUtf8(v1::SubscribeRequest(), "query"));
    grpc::ByteBuffer request(&slice, 1);
    grpc::CompletionQueue queue;
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
        generic.PrepareCall(&context, "/plenary.v1.FeedService/Subscribe", &queue);
    void* tag;
    bool ok;
    call->StartCall(reinterpret_cast<void*>(1));
    queue.Next(&tag, &ok);
    call->Write(request, reinterpret_cast<void*>(2));
    queue.Next(&tag, &ok);
    call->WritesDone(reinterpret_cast<void*>(3));
    queue.Next(&tag, &ok);
    grpc::Status status;
    call->Finish(&status, reinterpret_cast<void*>(4));
    while (queue.Next(&tag, &ok) && tag != reinterpret_cast<void*>(4)) {
    }
    queue.Shutdown();
    while (queue.Next(&tag, &ok)) {
    }
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_EQ(FieldViolation(status), "query") << status.error_message();
  }

  // A stream of documents: the ones before are answered, then the stream
  // ends with the refusal.
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::CompletionQueue queue;
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
        generic.PrepareCall(&context, "/plenary.v1.IngestService/IngestDocuments", &queue);
    void* tag;
    bool ok;
    call->StartCall(reinterpret_cast<void*>(1));
    queue.Next(&tag, &ok);
    v1::IngestDocumentRequest good;
    good.set_content(kTable);
    for (const std::string& bytes :
         {good.SerializeAsString(), WithBadUtf8(v1::IngestDocumentRequest(), "request_id")}) {
      grpc::Slice slice(bytes);
      grpc::ByteBuffer message(&slice, 1);
      call->Write(message, reinterpret_cast<void*>(2));
      queue.Next(&tag, &ok);
    }
    int answers = 0;
    grpc::ByteBuffer answer;
    while (true) {
      call->Read(&answer, reinterpret_cast<void*>(5));
      queue.Next(&tag, &ok);
      if (!ok) break;
      ++answers;
    }
    grpc::Status status;
    call->Finish(&status, reinterpret_cast<void*>(4));
    queue.Next(&tag, &ok);
    queue.Shutdown();
    while (queue.Next(&tag, &ok)) {
    }
    EXPECT_EQ(answers, 1);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_EQ(FieldViolation(status), "request_id") << status.error_message();
  }
  EXPECT_EQ(Snapshot(), before);
}

// Distinct made-up words, as many as `count`: "qa0", "qb0", ...
std::string DistinctWords(int count) {
  std::string words;
  for (int i = 0; i < count; ++i) {
    absl::StrAppend(&words, "q", std::string(1, static_cast<char>('a' + i % 26)), i / 26, " ");
  }
  return words;
}

// A tsvector holds at most 1 MB: a valid document with ~120,000 distinct
// words made PostgreSQL refuse the whole insert (INTERNAL). Such records are
// stored whole and found by the words the index could hold.
TEST_F(HostileInputTest, RecordsWithMoreWordsThanASearchVectorHoldsAreStored) {
  const std::string table = absl::StrCat(
      "Time\tResolution Number\tResolution Name\tDescription\n",
      "1 May 2020\tA/RES/74/2 General Assembly\tMany words\t<p>The General Assembly</p> <ul> "
      "\xE2\x80\xA2 1. Decides: zyxwordfirst ",
      DistinctWords(120000), ".</ul>\n");
  const std::string story = absl::StrCat(
      "Secretary-General calls for words\n\nUNITED NATIONS, 3 May 2020 - Secretary-General "
      "Antonio Guterres said: \"zyxquotefirst ", DistinctWords(120000), "\"\n");
  for (const std::string& content : {table, story}) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    v1::IngestDocumentRequest request;
    request.set_content(content);
    v1::IngestDocumentResponse response;
    const grpc::Status status = ingest_->IngestDocument(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    EXPECT_GE(response.entries_size(), 1);
  }
  for (const char* word : {"zyxwordfirst", "zyxquotefirst"}) {
    grpc::ClientContext context;
    v1::SearchRequest search;
    search.set_query(word);
    v1::SearchResponse found;
    ASSERT_TRUE(registry_->Search(&context, search, &found).ok()) << word;
    EXPECT_EQ(found.results_size(), 1) << word;
  }
}

}  // namespace
}  // namespace plenary
