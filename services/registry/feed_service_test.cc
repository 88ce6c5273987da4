// FeedService over a real gRPC channel, with a fake feed log.
#include "services/registry/feed_service.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/metrics.h"
#include "services/common/server.h"
#include "tests/support/fake_stores.h"

namespace plenary::registry {
namespace {

using ::testing::HasSubstr;

StoredEntry Resolution(const std::string& symbol, int revision = 1,
                       const std::string& body = "General Assembly") {
  StoredResolution stored;
  stored.resolution.symbol = symbol;
  stored.resolution.body = body;
  stored.resolution.title = "Title of " + symbol;
  stored.revision = revision;
  return stored;
}

StoredEntry StatementCiting(const std::string& id, const std::string& symbol) {
  StoredStatement stored;
  stored.id = id;
  stored.statement.headline = "Statement " + id;
  stored.statement.references = {symbol};
  stored.revision = 1;
  return stored;
}

// The hub's clock, moved by the test; it counts its readings, so that a
// test can wait until the hub has looked at the time it set.
class ManualClock {
 public:
  absl::Time Now() {
    absl::MutexLock lock(&mu_);
    ++readings_;
    return now_;
  }
  void Advance(absl::Duration by) {
    absl::MutexLock lock(&mu_);
    now_ += by;
  }
  // Returns once the clock has been read `count` more times.
  void AwaitReadings(int64_t count) {
    absl::MutexLock lock(&mu_);
    const int64_t until = readings_ + count;
    auto read = [this, until]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return readings_ >= until; };
    mu_.Await(absl::Condition(&read));
  }

 private:
  absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_) = absl::UnixEpoch();
  int64_t readings_ ABSL_GUARDED_BY(mu_) = 0;
};

// Returns once every task queued on `executor` before the call has run: all
// of its threads are then waiting in tasks of this call's.
void Drain(Executor& executor) {
  auto all_busy = std::make_shared<absl::BlockingCounter>(executor.threads());
  auto release = std::make_shared<absl::Notification>();
  for (int i = 0; i < executor.threads(); ++i) {
    executor.Schedule([all_busy, release] {
      all_busy->DecrementCount();
      release->WaitForNotification();
    });
  }
  all_busy->Wait();
  release->Notify();
}

class FeedServiceTest : public ::testing::Test {
 protected:
  void StartServer(FeedOptions options = {}) {
    hub_ = std::make_unique<FeedHub>(store_, watcher_, executor_, options,
                                     [this] { return clock_.Now(); });
    ASSERT_TRUE(hub_->Start().ok());
    service_ = std::make_unique<FeedServiceImpl>(*hub_);
    services::ServerConfig config;
    config.name = "test-feed";
    config.listen_address = "127.0.0.1:0";
    config.before_shutdown = [this] { hub_->Shutdown(); };
    auto server = services::RunningServer::Start(config, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::FeedService::NewStub(channel_);
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  // Appends and announces a record.
  void Publish(StoredEntry entry) {
    store_.Append(std::move(entry));
    watcher_.Notify();
  }

  ManualClock clock_;
  testing::FakeFeedStore store_;
  testing::FakeFeedWatcher watcher_;
  Executor executor_{4};
  std::unique_ptr<FeedHub> hub_;
  std::unique_ptr<FeedServiceImpl> service_;
  std::unique_ptr<services::RunningServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::FeedService::Stub> stub_;
};

// Reads events until `count` non-progress events have arrived.
std::vector<v1::FeedEvent> ReadEntries(grpc::ClientReader<v1::FeedEvent>& reader, size_t count,
                                       std::vector<v1::FeedEvent>* progress = nullptr) {
  std::vector<v1::FeedEvent> entries;
  v1::FeedEvent event;
  while (entries.size() < count && reader.Read(&event)) {
    if (event.type() == v1::FEED_EVENT_TYPE_PROGRESS) {
      if (progress != nullptr) progress->push_back(event);
    } else {
      entries.push_back(event);
    }
  }
  return entries;
}

std::string SymbolOf(const v1::FeedEvent& event) { return event.entry().resolution().symbol(); }

TEST_F(FeedServiceTest, FromBeginningReplaysHistoryThenGoesLive) {
  store_.Append(Resolution("A/RES/1/1"));
  store_.Append(Resolution("A/RES/1/1", 2));
  StartServer({.window = 1});  // history must come from the store
  grpc::ClientContext context;
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  auto reader = stub_->Subscribe(&context, request);
  std::vector<v1::FeedEvent> history = ReadEntries(*reader, 2);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].type(), v1::FEED_EVENT_TYPE_CREATED);
  EXPECT_EQ(history[1].type(), v1::FEED_EVENT_TYPE_REVISED);
  EXPECT_EQ(history[1].entry().resolution().revision(), 2);

  Publish(Resolution("A/RES/2/2"));
  std::vector<v1::FeedEvent> live = ReadEntries(*reader, 1);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(SymbolOf(live[0]), "A/RES/2/2");
  context.TryCancel();
}

TEST_F(FeedServiceTest, WithoutCursorStartsNowAndSaysWhere) {
  store_.Append(Resolution("A/RES/1/1"));
  StartServer();
  grpc::ClientContext context;
  auto reader = stub_->Subscribe(&context, v1::SubscribeRequest());
  v1::FeedEvent first;
  ASSERT_TRUE(reader->Read(&first));
  EXPECT_EQ(first.type(), v1::FEED_EVENT_TYPE_PROGRESS);
  EXPECT_FALSE(first.cursor().empty());
  Publish(Resolution("A/RES/2/2"));
  std::vector<v1::FeedEvent> events = ReadEntries(*reader, 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(SymbolOf(events[0]), "A/RES/2/2");
  context.TryCancel();
}

TEST_F(FeedServiceTest, RecordsCarriedByANoticeGoOutWithoutReadingTheLog) {
  StartServer();
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto reader = stub_->Subscribe(&context, v1::SubscribeRequest());
  v1::FeedEvent first;
  ASSERT_TRUE(reader->Read(&first));  // PROGRESS: subscribed
  auto carrying = [](int64_t position, StoredEntry entry) {
    return storage::FeedNotice{
        position, {{position, absl::FromUnixSeconds(position), codec::ToProto(entry)}}};
  };

  // The log cannot be read: only the notice can bring the record.
  const int64_t position = store_.Append(Resolution("A/RES/2/2"));
  store_.FailWith(absl::UnavailableError("database down"));
  watcher_.Deliver(carrying(position, Resolution("A/RES/2/2")));
  std::vector<v1::FeedEvent> carried = ReadEntries(*reader, 1);
  ASSERT_EQ(carried.size(), 1u);
  EXPECT_EQ(SymbolOf(carried[0]), "A/RES/2/2");

  // A notice that skips a position (its notice missed) is not trusted: the
  // hub reads the log from where it is.
  store_.FailWith(absl::OkStatus());
  store_.Append(Resolution("A/RES/3/3"));
  const int64_t last = store_.Append(Resolution("A/RES/4/4"));
  watcher_.Deliver(carrying(last, Resolution("A/RES/4/4")));
  std::vector<v1::FeedEvent> read = ReadEntries(*reader, 2);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(SymbolOf(read[0]), "A/RES/3/3");
  EXPECT_EQ(SymbolOf(read[1]), "A/RES/4/4");
  context.TryCancel();
}

TEST_F(FeedServiceTest, ResumesExactlyAfterACursor) {
  for (int i = 1; i <= 5; ++i) store_.Append(Resolution(absl::StrCat("A/RES/1/", i)));
  StartServer();
  std::string cursor;
  {
    grpc::ClientContext context;
    v1::SubscribeRequest request;
    request.set_from_beginning(true);
    auto reader = stub_->Subscribe(&context, request);
    std::vector<v1::FeedEvent> events = ReadEntries(*reader, 2);
    ASSERT_EQ(events.size(), 2u);
    cursor = events[1].cursor();
    context.TryCancel();
  }
  grpc::ClientContext context;
  v1::SubscribeRequest request;
  request.set_after_cursor(cursor);
  auto reader = stub_->Subscribe(&context, request);
  std::vector<v1::FeedEvent> rest = ReadEntries(*reader, 3);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(SymbolOf(rest[0]), "A/RES/1/3");
  EXPECT_EQ(SymbolOf(rest[2]), "A/RES/1/5");
  context.TryCancel();
}

TEST_F(FeedServiceTest, RefusesATamperedCursor) {
  StartServer();
  for (const char* cursor : {"garbage", "AQAAAAAAAAAqAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    grpc::ClientContext context;
    v1::SubscribeRequest request;
    request.set_after_cursor(cursor);
    auto reader = stub_->Subscribe(&context, request);
    v1::FeedEvent event;
    EXPECT_FALSE(reader->Read(&event));
    grpc::Status status = reader->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("after_cursor"));
  }
}

TEST_F(FeedServiceTest, FiltersOnTheServerAndReportsProgress) {
  StartServer({.heartbeat = absl::Seconds(30), .progress = absl::Milliseconds(50)});
  grpc::ClientContext context;
  v1::SubscribeRequest request;
  request.add_references("64/222");  // any form of the symbol
  auto reader = stub_->Subscribe(&context, request);
  v1::FeedEvent start;
  ASSERT_TRUE(reader->Read(&start));  // where it starts

  Publish(Resolution("A/RES/9/9"));
  Publish(StatementCiting("st-1", "A/RES/64/222"));
  Publish(Resolution("A/RES/9/10"));
  std::vector<v1::FeedEvent> progress;
  std::vector<v1::FeedEvent> matching = ReadEntries(*reader, 1, &progress);
  ASSERT_EQ(matching.size(), 1u);
  EXPECT_EQ(matching[0].entry().statement().id(), "st-1");
  // After the skipped third event, and `progress` later, a PROGRESS event
  // carries a cursor past it.
  clock_.Advance(absl::Milliseconds(50));
  v1::FeedEvent event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.type(), v1::FEED_EVENT_TYPE_PROGRESS);
  EXPECT_EQ(*hub_->PositionOf(event.cursor()), 3);
  context.TryCancel();
}

TEST_F(FeedServiceTest, IdleStreamsGetHeartbeats) {
  StartServer({.heartbeat = absl::Milliseconds(50)});
  grpc::ClientContext context;
  auto reader = stub_->Subscribe(&context, v1::SubscribeRequest());
  v1::FeedEvent event;
  ASSERT_TRUE(reader->Read(&event));  // where it starts
  EXPECT_EQ(event.type(), v1::FEED_EVENT_TYPE_PROGRESS);
  for (int i = 0; i < 2; ++i) {
    clock_.Advance(absl::Milliseconds(50));  // one heartbeat is due
    ASSERT_TRUE(reader->Read(&event));
    EXPECT_EQ(event.type(), v1::FEED_EVENT_TYPE_PROGRESS);
  }
  context.TryCancel();
}

TEST_F(FeedServiceTest, BurstsLargerThanTheWindowLoseNothingAndASlowPeerHoldsNoOneBack) {
  StartServer({.window = 64});
  grpc::ClientContext idle_context;
  auto idle = stub_->Subscribe(&idle_context, v1::SubscribeRequest());
  v1::FeedEvent event;
  ASSERT_TRUE(idle->Read(&event));  // the start; then it reads no more

  grpc::ClientContext fast_context;
  fast_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto fast = stub_->Subscribe(&fast_context, v1::SubscribeRequest());
  ASSERT_TRUE(fast->Read(&event));
  constexpr int kEvents = 1000;
  std::thread publisher([&] {
    for (int i = 0; i < kEvents; ++i) {
      StoredResolution stored = std::get<StoredResolution>(Resolution(absl::StrCat("A/RES/5/", i)));
      stored.resolution.paragraphs = {{"1", std::string(4096, 'x')}};
      Publish(stored);
    }
  });
  // The fast subscriber reads what has left the window from the store, in
  // order, and misses nothing.
  std::vector<v1::FeedEvent> received = ReadEntries(*fast, kEvents);
  publisher.join();
  ASSERT_EQ(received.size(), static_cast<size_t>(kEvents));
  for (int i = 0; i < kEvents; ++i) {
    ASSERT_EQ(SymbolOf(received[i]), absl::StrCat("A/RES/5/", i));
  }
  idle_context.TryCancel();
  fast_context.TryCancel();
}

TEST_F(FeedServiceTest, AStalledSubscriberIsEndedWithResourceExhaustedAndResumesFromItsCursor) {
  StartServer({.window = 64,
               .stall_timeout = absl::Milliseconds(300),
               .progress = absl::Milliseconds(100)});  // ticks every 25 ms
  // A connection of its own whose flow-control window stays small while the
  // client reads nothing, so the server's writes block.
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  arguments.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 16 * 1024);
  arguments.SetInt("plenary.test.stalled", 1);
  auto stalled_stub = v1::FeedService::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials(),
      arguments));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto stalled = stalled_stub->Subscribe(&context, v1::SubscribeRequest());
  v1::FeedEvent event;
  ASSERT_TRUE(stalled->Read(&event));
  std::string cursor = event.cursor();

  constexpr int kEvents = 300;  // 1.2 MB: far more than the window
  for (int i = 0; i < kEvents; ++i) {
    StoredResolution stored = std::get<StoredResolution>(Resolution(absl::StrCat("A/RES/6/", i)));
    stored.resolution.paragraphs = {{"1", std::string(4096, 'x')}};
    Publish(stored);
  }
  // Reads nothing for longer than stall_timeout. Time moves only when the
  // test moves it, a second at a time; after each move the executor's work
  // (feed reads, history reads) is run out and the hub has looked at the
  // clock twice, each time followed by a decision of this subscription's.
  // Twice in a row no write started meanwhile: the write in flight started
  // more than a second before and is stuck behind flow control, so the
  // stream has been ended.
  const auto delivered = [] { return services::metrics::FeedEventsDelivered().Value(); };
  for (int quiet = 0; quiet < 2;) {
    const double before = delivered();
    clock_.Advance(absl::Seconds(1));
    Drain(executor_);
    clock_.AwaitReadings(2);
    quiet = delivered() == before ? quiet + 1 : 0;
  }

  // What was sent before the end arrives, then the status that says resume.
  std::vector<std::string> symbols;
  while (stalled->Read(&event)) {
    if (event.type() == v1::FEED_EVENT_TYPE_PROGRESS) continue;
    symbols.push_back(SymbolOf(event));
    cursor = event.cursor();
  }
  const grpc::Status ended = stalled->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << ended.error_message();
  EXPECT_LT(symbols.size(), static_cast<size_t>(kEvents));

  grpc::ClientContext resumed_context;
  resumed_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::SubscribeRequest request;
  request.set_after_cursor(cursor);
  auto resumed = stub_->Subscribe(&resumed_context, request);
  for (const v1::FeedEvent& rest : ReadEntries(*resumed, kEvents - symbols.size())) {
    symbols.push_back(SymbolOf(rest));
  }
  ASSERT_EQ(symbols.size(), static_cast<size_t>(kEvents));
  for (int i = 0; i < kEvents; ++i) ASSERT_EQ(symbols[i], absl::StrCat("A/RES/6/", i));
  resumed_context.TryCancel();
}

TEST_F(FeedServiceTest, ShutdownEndsStreamsWithUnavailable) {
  StartServer();
  grpc::ClientContext context;
  auto reader = stub_->Subscribe(&context, v1::SubscribeRequest());
  v1::FeedEvent event;
  ASSERT_TRUE(reader->Read(&event));
  std::thread stopper([this] { server_->Shutdown(); });
  while (reader->Read(&event)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  stopper.join();
}

TEST_F(FeedServiceTest, HistoryUnreadableEndsTheStreamWithUnavailable) {
  for (int i = 1; i <= 3; ++i) store_.Append(Resolution(absl::StrCat("A/RES/1/", i)));
  StartServer({.window = 1});
  store_.FailWith(absl::UnavailableError("database down"));
  grpc::ClientContext context;
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  auto reader = stub_->Subscribe(&context, request);
  v1::FeedEvent event;
  while (reader->Read(&event)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace plenary::registry
