// IngestService over a real gRPC channel, with a fake store.
#include "services/ingest/ingest_service.h"

#include <unistd.h>

#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/server.h"
#include "tests/support/fake_stores.h"

namespace plenary::ingest {
namespace {

constexpr char kTable[] =
    "Time\tResolution Number\tResolution Name\tDescription\n"
    "19 December 2014\tA/RES/69/239 General Assembly\t69/239 South-South cooperation\t"
    "<p>The General Assembly</p> <ul> \xE2\x80\xA2 9. Invites relevant Member States.</ul>\n";

class IngestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // ctest runs each test as its own process, in parallel: a file of its own.
    const std::string path = absl::StrCat(::testing::TempDir(), "/ingest-service-tokens-", getpid());
    std::ofstream(path) << "good-token\n";
    auth_ = std::make_unique<services::BearerTokens>(*services::BearerTokens::FromFile(path));
    StartServer(limits_);
  }

  // (Re)starts the service with these rate limits.
  void StartServer(RateLimiter& limits) {
    server_.reset();
    service_ = std::make_unique<IngestServiceImpl>(ingester_, *auth_, limits, executor_);
    services::ServerConfig config;
    config.name = "test-ingest";
    config.listen_address = "127.0.0.1:0";
    auto server = services::RunningServer::Start(config, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::IngestService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));
  }

  void Authorize(grpc::ClientContext& context, const std::string& token = "good-token") {
    context.AddMetadata("authorization", "Bearer " + token);
  }

  testing::FakeIngestStore store_;
  Ingester ingester_{store_, 1 << 20};
  Executor executor_{2};
  std::unique_ptr<services::BearerTokens> auth_;
  RateLimiter limits_{0.5, 4};  // 4 at once, then one every 2 s
  std::unique_ptr<IngestServiceImpl> service_;
  std::unique_ptr<services::RunningServer> server_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

TEST_F(IngestServiceTest, IngestsADocument) {
  grpc::ClientContext context;
  Authorize(context);
  v1::IngestDocumentRequest request;
  request.set_content(kTable);
  request.set_request_id("r-1");
  v1::IngestDocumentResponse response;
  grpc::Status status = stub_->IngestDocument(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.entries_size(), 1);
  EXPECT_EQ(response.entries(0).resolution().symbol(), "A/RES/69/239");
  EXPECT_EQ(response.request_id(), "r-1");
  EXPECT_FALSE(response.duplicate());
}

TEST_F(IngestServiceTest, RefusesCallersWithoutAValidToken) {
  for (const char* token : {"", "wrong-token"}) {
    grpc::ClientContext context;
    if (*token != '\0') Authorize(context, token);
    v1::IngestDocumentRequest request;
    request.set_content(kTable);
    v1::IngestDocumentResponse response;
    EXPECT_EQ(stub_->IngestDocument(&context, request, &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_TRUE(store_.documents().empty());
}

TEST_F(IngestServiceTest, BadDocumentIsInvalidArgumentWithTheField) {
  grpc::ClientContext context;
  Authorize(context);
  v1::IngestDocumentRequest request;
  request.set_content(kTable);
  request.set_media_type("image/png");
  v1::IngestDocumentResponse response;
  grpc::Status status = stub_->IngestDocument(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  EXPECT_EQ(bad_request.field_violations(0).field(), "media_type");
}

TEST_F(IngestServiceTest, StreamAnswersEachDocumentInOrderAndSurvivesABadOne) {
  grpc::ClientContext context;
  Authorize(context);
  auto stream = stub_->IngestDocuments(&context);
  const std::vector<std::string> contents = {kTable, "", kTable};
  for (size_t i = 0; i < contents.size(); ++i) {
    v1::IngestDocumentRequest request;
    request.set_content(contents[i]);
    request.set_request_id(absl::StrCat("doc-", i));
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::IngestDocumentResponse> answers;
  v1::IngestDocumentResponse answer;
  while (stream->Read(&answer)) answers.push_back(answer);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].request_id(), "doc-0");
  EXPECT_FALSE(answers[0].has_error());
  EXPECT_EQ(answers[1].request_id(), "doc-1");
  EXPECT_EQ(answers[1].error().code(), 3);
  EXPECT_EQ(answers[1].error().field(), "content");
  EXPECT_EQ(answers[2].request_id(), "doc-2");
  // The same bytes as doc-0, under another request id: a duplicate.
  EXPECT_TRUE(answers[2].duplicate());
  EXPECT_EQ(store_.documents().size(), 1u);
}

TEST_F(IngestServiceTest, StreamIngestsWhatArrivedMeanwhileAsOneBatch) {
  RateLimiter unlimited(0, 1);
  StartServer(unlimited);
  absl::Notification stores_may_go_on;
  store_.HoldStoresUntil(&stores_may_go_on);
  constexpr int kDocuments = 60;
  grpc::ClientContext context;
  Authorize(context);
  auto stream = stub_->IngestDocuments(&context);
  size_t bytes = 0;
  for (int i = 0; i < kDocuments; ++i) {
    v1::IngestDocumentRequest request;
    request.set_content(absl::StrCat(kTable, "\n", i));  // distinct bytes
    request.set_request_id(absl::StrCat("doc-", i));
    bytes += request.content().size();
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  // The first batch waits in the store while the others arrive: every
  // document read is in flight until it is answered.
  service_->AwaitBytesInFlightForTest(bytes);
  stores_may_go_on.Notify();
  std::vector<v1::IngestDocumentResponse> answers;
  v1::IngestDocumentResponse answer;
  while (stream->Read(&answer)) answers.push_back(answer);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(answers.size(), static_cast<size_t>(kDocuments));
  for (int i = 0; i < kDocuments; ++i) {
    EXPECT_EQ(answers[i].request_id(), absl::StrCat("doc-", i));
    EXPECT_FALSE(answers[i].has_error()) << answers[i].error().message();
    EXPECT_FALSE(answers[i].duplicate());
  }
  EXPECT_EQ(store_.documents().size(), static_cast<size_t>(kDocuments));
  EXPECT_LE(store_.batches(), 3);
}

TEST_F(IngestServiceTest, ConcurrentCallsAreStoredTogetherAndEachGetsItsOwnAnswer) {
  RateLimiter unlimited(0, 1);
  StartServer(unlimited);
  {
    grpc::ClientContext context;  // connects the channel before the timed part
    Authorize(context);
    v1::IngestDocumentRequest request;
    request.set_content(kTable);
    v1::IngestDocumentResponse response;
    ASSERT_TRUE(stub_->IngestDocument(&context, request, &response).ok());
  }
  const int batches_before = store_.batches();
  absl::Notification stores_may_go_on;
  store_.HoldStoresUntil(&stores_may_go_on);
  constexpr int kCalls = 20;
  std::vector<std::thread> callers;
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<v1::IngestDocumentResponse> answers(kCalls);
  for (int i = 0; i < kCalls; ++i) {
    callers.emplace_back([&, i] {
      grpc::ClientContext context;
      Authorize(context);
      v1::IngestDocumentRequest request;
      request.set_content(absl::StrCat(kTable, "\n", i));  // distinct bytes
      request.set_request_id(absl::StrCat("call-", i));
      if (i == kCalls - 1) request.set_content("");  // refused alone
      statuses[i] = stub_->IngestDocument(&context, request, &answers[i]);
    });
  }
  // The first calls' batches wait in the store while the others arrive
  // (with the warm-up, kCalls + 1 calls since the start).
  service_->AwaitQueuedCallsForTest(kCalls + 1);
  stores_may_go_on.Notify();
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < kCalls - 1; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    EXPECT_EQ(answers[i].request_id(), absl::StrCat("call-", i));
    ASSERT_EQ(answers[i].entries_size(), 1);
    EXPECT_FALSE(answers[i].duplicate());
  }
  EXPECT_EQ(statuses[kCalls - 1].error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(store_.documents().size(), static_cast<size_t>(kCalls));  // with the warm-up's
  // Two batches of the first arrivals, then what waited meanwhile.
  EXPECT_LE(store_.batches() - batches_before, 4);
}

TEST_F(IngestServiceTest, APublisherOverItsRateIsThrottled) {
  std::vector<grpc::StatusCode> codes;
  for (int i = 0; i < 6; ++i) {
    grpc::ClientContext context;
    Authorize(context);
    v1::IngestDocumentRequest request;
    request.set_content(kTable);
    v1::IngestDocumentResponse response;
    codes.push_back(stub_->IngestDocument(&context, request, &response).error_code());
  }
  EXPECT_EQ(std::count(codes.begin(), codes.end(), grpc::StatusCode::OK), 4);
  EXPECT_EQ(codes.back(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(IngestServiceTest, StreamWithoutTokenIsRefused) {
  grpc::ClientContext context;
  auto stream = stub_->IngestDocuments(&context);
  v1::IngestDocumentRequest request;
  request.set_content(kTable);
  stream->Write(request);
  stream->WritesDone();
  v1::IngestDocumentResponse answer;
  EXPECT_FALSE(stream->Read(&answer));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(store_.documents().empty());
}

}  // namespace
}  // namespace plenary::ingest
