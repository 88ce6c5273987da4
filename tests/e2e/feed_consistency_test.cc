// The feed's guarantees end to end, with the real binaries: 2 registry
// replicas and 2 ingest replicas on one PostgreSQL, 4 concurrent ingesters,
// 20 subscribers that disconnect and resume at random points on random
// replicas (one of them slow). Every subscriber must end up with exactly the
// database's feed, in its order: no gap, no duplicate. Run again with a
// PostgreSQL restart in the middle.
#include <cstdlib>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "plenary/v1/feed_service.grpc.pb.h"
#include "plenary/v1/ingest_service.grpc.pb.h"
#include "pqxx/pqxx"
#include "tests/support/process.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace plenary {
namespace {

using testing::ServerProcess;
using testing::TestDatabase;

constexpr int kIngesters = 4;
constexpr int kDocumentsPerIngester = 250;
constexpr int kRecordsPerDocument = 3;
constexpr int kEvents = kIngesters * kDocumentsPerIngester * kRecordsPerDocument;
constexpr int kSubscribers = 20;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// What identifies an event across subscribers: the record and its revision.
std::string Identity(const v1::FeedEvent& event) {
  if (event.entry().has_resolution()) {
    return absl::StrCat(event.entry().resolution().symbol(), "#",
                        event.entry().resolution().revision());
  }
  return absl::StrCat(event.entry().statement().id(), "#", event.entry().statement().revision());
}

std::string Table(int ingester, int document) {
  std::string table = "Time\tResolution Number\tResolution Name\tDescription\n";
  for (int record = 1; record <= kRecordsPerDocument; ++record) {
    absl::StrAppend(&table, record, " March 2011\tA/RES/", 100 + ingester, "/",
                    document * kRecordsPerDocument + record, " General Assembly\tItem ", record,
                    "\t<p>The General Assembly</p> <ul> \xE2\x80\xA2 1. Decides.</ul>\n");
  }
  return table;
}

class FeedConsistencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PLENARY_ASSERT_OK_AND_ASSIGN(database_, TestDatabase::CreateMigrated());
    const std::string log_dir = ::testing::TempDir();
    const std::string database = absl::StrCat("--database=", database_->url());
    for (int i = 0; i < 2; ++i) {
      PLENARY_ASSERT_OK_AND_ASSIGN(
          auto registry,
          ServerProcess::Start(Env("PLENARY_REGISTRY_BIN"),
                               {database, "--feed-window=256", "--feed-heartbeat-seconds=1",
                                "--shutdown-grace-seconds=2"},
                               absl::StrCat(log_dir, "/feed-registry-", i, ".log")));
      registries_.push_back(std::move(registry));
      PLENARY_ASSERT_OK_AND_ASSIGN(
          auto ingest, ServerProcess::Start(Env("PLENARY_INGEST_BIN"), {database, "--insecure-no-auth"},
                                            absl::StrCat(log_dir, "/feed-ingest-", i, ".log")));
      ingests_.push_back(std::move(ingest));
    }
  }

  // Sends this ingester's documents, alternating replicas, retrying a
  // document until it is stored: a retry of a stored one is a duplicate.
  void Ingest(int ingester) {
    std::vector<std::unique_ptr<v1::IngestService::Stub>> stubs;
    for (const auto& ingest : ingests_) {
      stubs.push_back(v1::IngestService::NewStub(
          grpc::CreateChannel(ingest->address(), grpc::InsecureChannelCredentials())));
    }
    for (int document = 0; document < kDocumentsPerIngester; ++document) {
      v1::IngestDocumentRequest request;
      request.set_content(Table(ingester, document));
      request.set_media_type("text/tab-separated-values");
      request.set_request_id(absl::StrCat("ingester-", ingester, "-doc-", document));
      for (int attempt = 0;; ++attempt) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        v1::IngestDocumentResponse response;
        grpc::Status status =
            stubs[(document + attempt) % stubs.size()]->IngestDocument(&context, request, &response);
        if (status.ok()) break;
        ASSERT_LT(attempt, 200) << status.error_message();
        absl::SleepFor(absl::Milliseconds(50));
      }
    }
  }

  // Follows the feed from the beginning until it has kEvents entries,
  // dropping the stream at random points and resuming on a random replica.
  std::vector<std::string> Subscribe(int seed, bool slow) {
    std::mt19937 random(seed);
    std::vector<std::unique_ptr<v1::FeedService::Stub>> stubs;
    for (const auto& registry : registries_) {
      stubs.push_back(v1::FeedService::NewStub(
          grpc::CreateChannel(registry->address(), grpc::InsecureChannelCredentials())));
    }
    std::vector<std::string> received;
    std::string cursor;
    const absl::Time deadline = absl::Now() + absl::Seconds(180);
    while (static_cast<int>(received.size()) < kEvents && absl::Now() < deadline) {
      grpc::ClientContext context;
      v1::SubscribeRequest request;
      request.set_after_cursor(cursor);
      request.set_from_beginning(cursor.empty());
      auto reader = stubs[random() % stubs.size()]->Subscribe(&context, request);
      const int drop_after = 50 + static_cast<int>(random() % 400);
      int read = 0;
      v1::FeedEvent event;
      while (reader->Read(&event)) {
        cursor = event.cursor();
        if (event.type() != v1::FEED_EVENT_TYPE_PROGRESS) received.push_back(Identity(event));
        if (slow) absl::SleepFor(absl::Microseconds(500));
        if (++read == drop_after || static_cast<int>(received.size()) >= kEvents) {
          context.TryCancel();
          break;
        }
      }
      reader->Finish();
    }
    return received;
  }

  std::vector<std::string> DatabaseFeed() {
    pqxx::connection connection(database_->url());
    std::vector<std::string> feed;
    for (const auto& row : pqxx::nontransaction(connection).exec(
             "SELECT r.symbol || '#' || f.revision FROM feed_events f "
             "JOIN resolutions r ON r.id = f.entity_id ORDER BY f.position")) {
      feed.push_back(row[0].as<std::string>());
    }
    return feed;
  }

  void RunAndCheck(const std::function<void()>& in_the_middle) {
    std::vector<std::vector<std::string>> results(kSubscribers);
    std::vector<std::thread> subscribers;
    for (int i = 0; i < kSubscribers; ++i) {
      subscribers.emplace_back([this, i, &results] { results[i] = Subscribe(i, i == 0); });
    }
    std::vector<std::thread> ingesters;
    for (int i = 0; i < kIngesters; ++i) ingesters.emplace_back([this, i] { Ingest(i); });
    absl::SleepFor(absl::Milliseconds(300));
    in_the_middle();
    for (auto& ingester : ingesters) ingester.join();
    for (auto& subscriber : subscribers) subscriber.join();

    const std::vector<std::string> feed = DatabaseFeed();
    ASSERT_EQ(feed.size(), static_cast<size_t>(kEvents));
    for (int i = 0; i < kSubscribers; ++i) {
      EXPECT_EQ(results[i].size(), feed.size()) << "subscriber " << i;
      EXPECT_TRUE(results[i] == feed) << "subscriber " << i << " saw another sequence";
    }
    for (auto& registry : registries_) EXPECT_EQ(registry->Stop(), 0);
    for (auto& ingest : ingests_) EXPECT_EQ(ingest->Stop(), 0);
  }

  std::unique_ptr<TestDatabase> database_;
  std::vector<std::unique_ptr<ServerProcess>> registries_;
  std::vector<std::unique_ptr<ServerProcess>> ingests_;
};

TEST_F(FeedConsistencyTest, EverySubscriberSeesTheWholeFeedInOneOrder) {
  RunAndCheck([] {});
}

TEST_F(FeedConsistencyTest, SurvivesAPostgresRestart) {
  const std::string restart = Env("PLENARY_TEST_PG_RESTART");
  if (restart.empty()) GTEST_SKIP() << "PLENARY_TEST_PG_RESTART is not set (tests/run.sh sets it)";
  RunAndCheck([&restart] { ASSERT_EQ(std::system(restart.c_str()), 0); });
}

}  // namespace
}  // namespace plenary
