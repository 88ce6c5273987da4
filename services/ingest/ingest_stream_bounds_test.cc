// IngestDocuments under hostile clients: streams cancelled mid-batch, streams
// that never read their answers, more streams and bytes than the bounds
// allow. ctest runs this binary with glibc overwriting freed memory, so that
// a reactor used after its deletion fails loudly instead of by luck.
#include <atomic>
#include <fstream>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/server.h"
#include "services/ingest/ingest_service.h"
#include "tests/support/fake_stores.h"

namespace plenary::ingest {
namespace {

// A table of several rows, as publishers stream them.
std::string Table(int n) {
  std::string table = "Time\tResolution Number\tResolution Name\tDescription\n";
  for (int row = 0; row < 4; ++row) {
    absl::StrAppend(&table, "19 December 2014\tA/RES/69/", 200 + row, " General Assembly\t69/",
                    200 + row, " Title ", n, "\t<p>The General Assembly</p>\n");
  }
  return table;
}

class IngestStreamBoundsTest : public ::testing::Test {
 protected:
  void StartServer(IngestBounds bounds) {
    service_ = std::make_unique<IngestServiceImpl>(ingester_, auth_, limits_, executor_, bounds);
    services::ServerConfig config;
    config.name = "test-ingest";
    config.listen_address = "127.0.0.1:0";
    config.shutdown_grace = absl::Seconds(2);
    auto server = services::RunningServer::Start(config, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    address_ = absl::StrCat("127.0.0.1:", server_->port());
    stub_ = NewStub();
  }

  std::unique_ptr<v1::IngestService::Stub> NewStub() {
    grpc::ChannelArguments arguments;
    arguments.SetInt("grpc.use_local_subchannel_pool", 1);  // a connection of its own
    return v1::IngestService::NewStub(grpc::CreateCustomChannel(
        address_, grpc::InsecureChannelCredentials(), arguments));
  }

  grpc::Status IngestOne(const std::string& content, v1::IngestDocumentResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::IngestDocumentRequest request;
    request.set_content(content);
    return stub_->IngestDocument(&context, request, response);
  }

  testing::FakeIngestStore store_;
  Ingester ingester_{store_, 1 << 20};
  Executor executor_{2};
  services::BearerTokens auth_ = services::BearerTokens::AllowAll();
  RateLimiter limits_{0, 1};
  std::unique_ptr<IngestServiceImpl> service_;
  std::unique_ptr<services::RunningServer> server_;
  std::string address_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

// Eight clients open streams, send tables without reading the answers and
// cancel after a few of them, or drop their connection, again and again. Before
// the reactor decided under its lock and acted after it, a stream could be
// deleted while its own lock was still held: with freed memory overwritten
// this aborted within two seconds, every run.
TEST_F(IngestStreamBoundsTest, CancelStormLeavesTheServerServing) {
  StartServer({});
  store_.SlowDownStoresBy(absl::Milliseconds(2));
  std::atomic<int> streams = 0;
  const absl::Time end = absl::Now() + absl::Seconds(3);
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      std::mt19937 random(c);
      std::uniform_int_distribution<int> documents(1, 60);
      for (int round = 0; absl::Now() < end; ++round) {
        std::unique_ptr<v1::IngestService::Stub> stub = NewStub();
        grpc::ClientContext context;
        auto stream = stub->IngestDocuments(&context);
        const bool drop_connection = round % 3 == 2;
        // Cancelled after 1-60 documents, while the server reads, stores
        // and answers them.
        const int cancel_after = documents(random);
        for (int i = 0; i < cancel_after; ++i) {
          v1::IngestDocumentRequest request;
          request.set_content(Table(c * 100000 + round * 1000 + i));
          if (!stream->Write(request)) break;
        }
        context.TryCancel();
        stream->Finish();
        if (drop_connection) stub.reset();
        ++streams;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_GT(streams.load(), 40);
  v1::IngestDocumentResponse response;
  EXPECT_TRUE(IngestOne(Table(-1), &response).ok());
}

// A cancelled stream stores at most the batch it had begun, never the
// documents still waiting behind it.
TEST_F(IngestStreamBoundsTest, ACancelledStreamStopsIngesting) {
  StartServer({});
  absl::Notification stores_may_go_on;
  store_.HoldStoresUntil(&stores_may_go_on);
  grpc::ClientContext context;
  auto stream = stub_->IngestDocuments(&context);
  size_t bytes = 0;
  for (int i = 0; i < 400; ++i) {
    v1::IngestDocumentRequest request;
    request.set_content(Table(i));
    bytes += request.content().size();
    ASSERT_TRUE(stream->Write(request));
  }
  service_->AwaitBytesInFlightForTest(bytes);  // all 400 read
  store_.AwaitHeldStores(1);                   // and the first batch is in the store
  context.TryCancel();
  stream->Finish();
  // The server has seen the cancellation: it dropped what was not being
  // stored, releasing its bytes.
  const bool dropped = service_->AwaitBytesInFlightAtMostForTest(bytes - 1, absl::Seconds(10));
  stores_may_go_on.Notify();
  ASSERT_TRUE(dropped) << "the cancelled stream kept every document it had read";
  service_->AwaitOpenStreamsForTest(0);  // and, the batch stored, ended the stream
  // Before, every document of the cancelled stream was stored: 400.
  EXPECT_LT(store_.documents().size(), 100u);
  EXPECT_EQ(store_.batches(), 1);
}

TEST_F(IngestStreamBoundsTest, StreamsPerPublisherAreBounded) {
  StartServer({.max_streams = 10, .max_streams_per_publisher = 2});
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReaderWriter<v1::IngestDocumentRequest,
                                                       v1::IngestDocumentResponse>>>
      open;
  for (int i = 0; i < 2; ++i) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    open.push_back(stub_->IngestDocuments(contexts.back().get()));
    v1::IngestDocumentRequest request;
    request.set_content(Table(i));
    ASSERT_TRUE(open.back()->Write(request));
    v1::IngestDocumentResponse answer;
    ASSERT_TRUE(open.back()->Read(&answer));  // open, and answering
  }
  grpc::ClientContext third_context;
  auto third = stub_->IngestDocuments(&third_context);
  v1::IngestDocumentResponse answer;
  EXPECT_FALSE(third->Read(&answer));
  const grpc::Status refused = third->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find("per client"), std::string::npos)
      << refused.error_message();

  // A closed stream gives its slot back, once the server has seen it end.
  open[0]->WritesDone();
  while (open[0]->Read(&answer)) {
  }
  ASSERT_TRUE(open[0]->Finish().ok());
  service_->AwaitOpenStreamsForTest(1);
  {
    grpc::ClientContext context;
    auto stream = stub_->IngestDocuments(&context);
    v1::IngestDocumentRequest request;
    request.set_content(Table(4));
    stream->Write(request);
    stream->WritesDone();
    EXPECT_TRUE(stream->Read(&answer));
    while (stream->Read(&answer)) {
    }
    EXPECT_TRUE(stream->Finish().ok());
  }
  open[1]->WritesDone();
  while (open[1]->Read(&answer)) {
  }
  EXPECT_TRUE(open[1]->Finish().ok());
}

TEST_F(IngestStreamBoundsTest, SingleCallsPastTheBytesInFlightAreRefused) {
  StartServer({.max_bytes_in_flight = 1 << 20});
  absl::Notification stores_may_go_on;
  store_.HoldStoresUntil(&stores_may_go_on);
  const std::string large = Table(1) + std::string(700 << 10, 'x') + "\n";
  grpc::Status first;
  std::thread waiting([&] {
    v1::IngestDocumentResponse response;
    first = IngestOne(large, &response);
  });
  service_->AwaitBytesInFlightForTest(large.size());  // the first holds 700 KiB in the store
  v1::IngestDocumentResponse response;
  const grpc::Status second = IngestOne(Table(2) + std::string(700 << 10, 'y') + "\n", &response);
  EXPECT_EQ(second.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << second.error_message();
  stores_may_go_on.Notify();
  waiting.join();
  EXPECT_TRUE(first.ok()) << first.error_message();
  // Room again once the first is answered.
  EXPECT_TRUE(IngestOne(Table(3) + std::string(700 << 10, 'z') + "\n", &response).ok());
}

// Streams pause reading while the documents in flight fill the budget, and
// every one of them resumes when it frees: nothing is refused or lost.
TEST_F(IngestStreamBoundsTest, StreamsPauseWhileTheBudgetIsSpentAndResume) {
  StartServer({.max_bytes_in_flight = 1 << 20});
  absl::Notification stores_may_go_on;
  store_.HoldStoresUntil(&stores_may_go_on);
  constexpr int kStreams = 3;
  constexpr int kDocuments = 4;
  std::vector<std::thread> publishers;
  std::atomic<int> answered = 0;
  for (int s = 0; s < kStreams; ++s) {
    publishers.emplace_back([&, s] {
      grpc::ClientContext context;
      auto stream = stub_->IngestDocuments(&context);
      for (int i = 0; i < kDocuments; ++i) {
        v1::IngestDocumentRequest request;
        request.set_content(Table(s * 10 + i) + std::string(300 << 10, 'a' + i) + "\n");
        stream->Write(request);
      }
      stream->WritesDone();
      v1::IngestDocumentResponse answer;
      while (stream->Read(&answer)) answered += !answer.has_error();
      EXPECT_TRUE(stream->Finish().ok());
    });
  }
  // Three documents fill the budget and wait in the store; the others wait
  // unread, and nothing is answered, nor refused, meanwhile.
  service_->AwaitBytesInFlightForTest(3 * (300 << 10));
  store_.AwaitHeldStores(1);
  EXPECT_EQ(answered.load(), 0);
  stores_may_go_on.Notify();
  for (std::thread& publisher : publishers) publisher.join();
  EXPECT_EQ(answered.load(), kStreams * kDocuments);
  EXPECT_EQ(store_.documents().size(), static_cast<size_t>(kStreams * kDocuments));
}

}  // namespace
}  // namespace plenary::ingest
