// bench/feed: how fast new entries reach subscribers. A real plenary-registry
// process serves 1, 100 and 1,000 subscribers; documents go in through an
// IngestService on the same database; each event's arrival is timed from the
// ingest call's start and from its return. Beside it, in the same run: the
// floor (INSERT + NOTIFY on the same PostgreSQL, commit to receipt, measured
// two ways), gRPC's own latency (a bare stream written as the registry
// writes, read as the subscribers read), and the registry's memory per idle
// subscriber. (etcd's put -> watch latency is measured by
// etcd_watch_latency.py; bench/run.sh prints it alongside.)
//
//   feed_bench --registry_bin=build/services/registry/plenary-registry
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "common/executor.h"
#include "grpcpp/create_channel.h"
#include "plenary/v1/feed_service.grpc.pb.h"
#include "services/common/server.h"
#include "services/ingest/ingest_service.h"
#include "storage/pg/connection_pool.h"
#include "storage/pg/pg_ingest_store.h"
#include "storage/pg/statements.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

ABSL_FLAG(std::string, registry_bin, "build/services/registry/plenary-registry",
          "the plenary-registry binary to measure");
ABSL_FLAG(int, events, 1000, "events timed at each subscriber count");
ABSL_FLAG(int, burst, 1000, "events sent at once for the throughput figure");
ABSL_FLAG(std::vector<std::string>, subscribers, std::vector<std::string>({"1", "100", "1000"}),
          "subscriber counts, one row each");

namespace plenary::bench {
namespace {

constexpr int kStreamsPerChannel = 100;

// A subscriber that notes when each bench event (numbered by the symbol's
// resolution number) arrives.
class TimedSubscriber final : public grpc::ClientReadReactor<v1::FeedEvent> {
 public:
  TimedSubscriber(v1::FeedService::Stub& stub, int capacity) : arrivals_(capacity) {
    stub.async()->Subscribe(&context_, &request_, this);
    StartRead(&event_);
    StartCall();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;
    const absl::Time now = absl::Now();
    if (event_.type() == v1::FEED_EVENT_TYPE_PROGRESS) {
      started_ = true;
    } else {
      // Symbols are A/RES/<round>/<n>: n numbers the event within a round.
      const std::string& symbol = event_.entry().resolution().symbol();
      int n = 0;
      if (absl::SimpleAtoi(symbol.substr(symbol.rfind('/') + 1), &n) && n >= 1 &&
          n <= static_cast<int>(arrivals_.size())) {
        Arrived(n, now);
      }
    }
    StartRead(&event_);
  }
  void Arrived(int n, absl::Time at) {
    absl::MutexLock lock(&mu_);
    arrivals_[n - 1] = at;
    ++received_;
  }
  void OnDone(const grpc::Status&) override {
    absl::MutexLock lock(&mu_);
    done_ = true;
  }

  bool started() const { return started_; }
  int received() {
    absl::MutexLock lock(&mu_);
    return received_;
  }
  void Reset() {
    absl::MutexLock lock(&mu_);
    std::fill(arrivals_.begin(), arrivals_.end(), absl::InfinitePast());
    received_ = 0;
  }
  absl::Time ArrivalOf(int n) {
    absl::MutexLock lock(&mu_);
    return arrivals_[n - 1];
  }
  void Cancel() { context_.TryCancel(); }
  void AwaitDone() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&done_));
  }

 private:
  grpc::ClientContext context_;
  v1::SubscribeRequest request_;
  v1::FeedEvent event_;
  std::atomic<bool> started_{false};
  absl::Mutex mu_;
  std::vector<absl::Time> arrivals_ ABSL_GUARDED_BY(mu_);
  int received_ ABSL_GUARDED_BY(mu_) = 0;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
};

// The gRPC part of the feed with nothing behind it: a FeedService whose
// stream writes each event the bench hands it, from the bench's thread, as
// the registry's listener thread writes what it reads.
class BareFeed final : public v1::FeedService::CallbackService {
 public:
  grpc::ServerWriteReactor<v1::FeedEvent>* Subscribe(grpc::CallbackServerContext*,
                                                      const v1::SubscribeRequest*) override {
    auto* stream = new Stream(*this);
    v1::FeedEvent started;
    started.set_type(v1::FEED_EVENT_TYPE_PROGRESS);
    stream->Write(std::move(started));
    return stream;
  }

  // Writes `event` to the open stream; false when there is none or it is
  // still writing the previous event.
  bool Send(v1::FeedEvent event) {
    absl::MutexLock lock(&mu_);
    return stream_ != nullptr && stream_->Write(std::move(event));
  }

 private:
  class Stream final : public grpc::ServerWriteReactor<v1::FeedEvent> {
   public:
    explicit Stream(BareFeed& feed) : feed_(feed) {
      absl::MutexLock lock(&feed_.mu_);
      feed_.stream_ = this;
    }
    bool Write(v1::FeedEvent event) {
      if (writing_.exchange(true)) return false;
      event_ = std::move(event);
      StartWrite(&event_);
      return true;
    }
    void OnWriteDone(bool ok) override {
      writing_ = false;
      if (!ok) Finish(grpc::Status::CANCELLED);
    }
    void OnCancel() override { Finish(grpc::Status::CANCELLED); }
    void OnDone() override {
      {
        absl::MutexLock lock(&feed_.mu_);
        if (feed_.stream_ == this) feed_.stream_ = nullptr;
      }
      delete this;
    }

   private:
    BareFeed& feed_;
    std::atomic<bool> writing_{false};
    v1::FeedEvent event_;
  };

  absl::Mutex mu_;
  Stream* stream_ ABSL_GUARDED_BY(mu_) = nullptr;
};

// gRPC's own latency on this machine: an event written to a bare stream,
// 5 ms apart, timed to the subscriber's read, in the bench's own process.
void MeasureBareStream(int samples, Latencies& latencies) {
  BareFeed feed;
  services::ServerConfig config;
  config.name = "bench-bare-feed";
  config.listen_address = "127.0.0.1:0";
  auto server = services::RunningServer::Start(config, {&feed});
  if (!server.ok()) return;
  auto stub = v1::FeedService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*server)->port()), grpc::InsecureChannelCredentials()));
  TimedSubscriber subscriber(*stub, samples);
  while (!subscriber.started()) absl::SleepFor(absl::Milliseconds(1));
  std::vector<absl::Time> sent(samples, absl::InfinitePast());
  for (int n = 1; n <= samples; ++n) {
    v1::FeedEvent event;
    event.set_type(v1::FEED_EVENT_TYPE_CREATED);
    event.mutable_entry()->mutable_resolution()->set_symbol(absl::StrCat("A/RES/0/", n));
    event.mutable_entry()->mutable_resolution()->set_title("Bench item");
    sent[n - 1] = absl::Now();
    if (!feed.Send(std::move(event))) sent[n - 1] = absl::InfinitePast();
    absl::SleepFor(absl::Milliseconds(5));
  }
  for (int n = 1; n <= samples; ++n) {
    const absl::Time arrival = subscriber.ArrivalOf(n);
    if (sent[n - 1] == absl::InfinitePast() || arrival == absl::InfinitePast()) continue;
    latencies.Add(arrival - sent[n - 1]);
  }
  subscriber.Cancel();
  subscriber.AwaitDone();
  (*server)->Shutdown();
}

int64_t ResidentKib(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return 0;
}

std::string Document(int round, int n) {
  return absl::StrCat("Time\tResolution Number\tResolution Name\tDescription\n",
                      "1 May 2020\tA/RES/", round, "/", n,
                      " General Assembly\tBench item\t<p>The General Assembly</p> <ul> "
                      "\xE2\x80\xA2 1. Decides.</ul>\n");
}

// INSERT + NOTIFY in one transaction, timed from its commit returning to the
// notice arriving on a listening connection: what any feed is built on.
// Measured twice. Back to back, read by the writing thread once its commit
// returns: the notice is usually there already, so no thread wakes for it.
// And as the feed's events are timed: 5 ms apart, read by a thread of its
// own that waits for the notice, as a feed's listener does.
class NotifyReceiver final : public pqxx::notification_receiver {
 public:
  NotifyReceiver(pqxx::connection_base& connection, std::vector<absl::Time>& arrivals)
      : notification_receiver(connection, "bench"), arrivals_(arrivals) {}
  void operator()(const std::string& payload, int) override {
    const absl::Time now = absl::Now();
    int i = 0;
    if (absl::SimpleAtoi(payload, &i) && i >= 0 && i < static_cast<int>(arrivals_.size())) {
      arrivals_[i] = now;
    }
  }

 private:
  std::vector<absl::Time>& arrivals_;
};

void CreateNotifyTable(pqxx::connection& writer) {
  pqxx::nontransaction(writer).exec0("CREATE TABLE IF NOT EXISTS bench_notify (n int)");
}

void InsertAndNotify(pqxx::connection& writer, int i) {
  pqxx::work tx(writer);
  tx.exec_params0("INSERT INTO bench_notify VALUES ($1)", i);
  tx.exec_params1("SELECT pg_notify('bench', $1::text)", i);
  tx.commit();
}

void MeasureFloorBackToBack(const std::string& url, int samples, Latencies& latencies) {
  pqxx::connection writer(url), listener(url);
  CreateNotifyTable(writer);
  std::vector<absl::Time> arrivals(samples, absl::InfinitePast());
  NotifyReceiver receiver(listener, arrivals);
  listener.get_notifs();
  for (int i = 0; i < samples; ++i) {
    InsertAndNotify(writer, i);
    const absl::Time committed = absl::Now();
    listener.await_notification(5, 0);
    if (arrivals[i] == absl::InfinitePast()) continue;  // lost: counted by the caller
    latencies.Add(std::max(absl::ZeroDuration(), arrivals[i] - committed));
  }
}

void MeasureFloorWithListener(const std::string& url, int samples, Latencies& latencies) {
  pqxx::connection writer(url);
  CreateNotifyTable(writer);
  std::vector<absl::Time> arrivals(samples, absl::InfinitePast()), committed(samples);
  std::atomic<bool> listening{false}, stop{false};
  std::thread listen([&] {
    pqxx::connection listener(url);
    NotifyReceiver receiver(listener, arrivals);
    listener.get_notifs();
    listening = true;
    while (!stop) listener.await_notification(0, 100000);
  });
  while (!listening) absl::SleepFor(absl::Milliseconds(1));
  for (int i = 0; i < samples; ++i) {
    InsertAndNotify(writer, i);
    committed[i] = absl::Now();
    absl::SleepFor(absl::Milliseconds(5));
  }
  stop = true;
  listen.join();
  for (int i = 0; i < samples; ++i) {
    if (arrivals[i] == absl::InfinitePast()) continue;
    latencies.Add(std::max(absl::ZeroDuration(), arrivals[i] - committed[i]));
  }
}

int Main() {
  auto database = testing::TestDatabase::CreateMigrated();
  if (!database.ok()) {
    std::cerr << database.status() << "\n";
    return 1;
  }
  const std::string url = (*database)->url();
  auto registry = testing::ServerProcess::Start(
      absl::GetFlag(FLAGS_registry_bin), {absl::StrCat("--database=", url)},
      "/tmp/plenary-feed-bench-registry.log");
  if (!registry.ok()) {
    std::cerr << registry.status() << "\n";
    return 1;
  }

  storage::pg::ConnectionPool pool(url, 4, storage::pg::PrepareStatements);
  storage::pg::PgIngestStore store(pool);
  ingest::Ingester ingester(store, 8 << 20);
  services::BearerTokens auth = services::BearerTokens::AllowAll();
  ingest::RateLimiter limits(0, 1);
  Executor executor(4);
  ingest::IngestServiceImpl service(ingester, auth, limits, executor);
  services::ServerConfig config;
  config.name = "bench-ingest";
  config.listen_address = "127.0.0.1:0";
  auto ingest_server = services::RunningServer::Start(config, {&service});
  if (!ingest_server.ok()) {
    std::cerr << ingest_server.status() << "\n";
    return 1;
  }
  auto ingest_stub = v1::IngestService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*ingest_server)->port()), grpc::InsecureChannelCredentials()));
  auto ingest = [&](int round, int n) {
    grpc::ClientContext context;
    v1::IngestDocumentRequest request;
    request.set_content(Document(round, n));
    request.set_media_type("text/tab-separated-values");
    v1::IngestDocumentResponse response;
    return ingest_stub->IngestDocument(&context, request, &response).ok();
  };

  const int events = absl::GetFlag(FLAGS_events);
  const int burst = absl::GetFlag(FLAGS_burst);
  std::cout << "bench/feed: plenary-registry (pid " << (*registry)->pid() << "), " << events
            << " timed events per row, sent 5 ms apart; bursts of " << burst << "\n\n";
  std::cout << absl::StrFormat("%-12s %14s %14s %14s %14s %14s\n", "subscribers",
                               "p50 from call", "p99 from call", "p50 from ret.",
                               "p99 from ret.", "burst ev/s");
  int round = 0;
  int64_t idle_kib_per_subscriber = 0;
  for (const std::string& row : absl::GetFlag(FLAGS_subscribers)) {
    int count = 0;
    if (!absl::SimpleAtoi(row, &count) || count < 1) {
      std::cerr << "--subscribers: not a count: " << row << "\n";
      return 1;
    }
    std::vector<std::shared_ptr<grpc::Channel>> channels;
    std::vector<std::unique_ptr<v1::FeedService::Stub>> stubs;
    for (int c = 0; c < (count + kStreamsPerChannel - 1) / kStreamsPerChannel; ++c) {
      grpc::ChannelArguments arguments;
      arguments.SetInt("plenary.bench.channel", c);  // a connection of its own
      channels.push_back(grpc::CreateCustomChannel((*registry)->address(),
                                                   grpc::InsecureChannelCredentials(), arguments));
      stubs.push_back(v1::FeedService::NewStub(channels.back()));
    }
    const int64_t before_kib = ResidentKib((*registry)->pid());
    std::vector<std::unique_ptr<TimedSubscriber>> subscribers;
    for (int s = 0; s < count; ++s) {
      subscribers.push_back(std::make_unique<TimedSubscriber>(*stubs[s / kStreamsPerChannel],
                                                              std::max(events, burst)));
    }
    for (auto& subscriber : subscribers) {
      while (!subscriber->started()) absl::SleepFor(absl::Milliseconds(1));
    }
    absl::SleepFor(absl::Milliseconds(500));
    if (count == 1000) {
      idle_kib_per_subscriber = (ResidentKib((*registry)->pid()) - before_kib) / count;
    }

    // Latency: events one at a time.
    ++round;
    std::vector<absl::Time> started(events), returned(events);
    for (int n = 1; n <= events; ++n) {
      started[n - 1] = absl::Now();
      if (!ingest(round, n)) std::cerr << "ingest failed\n";
      returned[n - 1] = absl::Now();
      absl::SleepFor(absl::Milliseconds(5));
    }
    auto all_received = [&](int n) {
      for (auto& subscriber : subscribers) {
        if (subscriber->received() < n) return false;
      }
      return true;
    };
    const absl::Time wait_until = absl::Now() + absl::Seconds(30);
    while (!all_received(events) && absl::Now() < wait_until) absl::SleepFor(absl::Milliseconds(5));
    Latencies from_call, from_return;
    for (auto& subscriber : subscribers) {
      for (int n = 1; n <= events; ++n) {
        const absl::Time arrival = subscriber->ArrivalOf(n);
        if (arrival == absl::InfinitePast()) continue;
        from_call.Add(arrival - started[n - 1]);
        from_return.Add(std::max(absl::ZeroDuration(), arrival - returned[n - 1]));
      }
    }

    // Throughput: a burst from 4 concurrent streams of ingestion.
    ++round;
    for (auto& subscriber : subscribers) subscriber->Reset();
    const absl::Time burst_start = absl::Now();
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
      senders.emplace_back([&, t] {
        for (int n = 1 + t; n <= burst; n += 4) ingest(round, n);
      });
    }
    for (auto& sender : senders) sender.join();
    const absl::Time burst_wait = absl::Now() + absl::Seconds(120);
    while (!all_received(burst) && absl::Now() < burst_wait) absl::SleepFor(absl::Milliseconds(5));
    const double delivered_per_second =
        static_cast<double>(count) * burst / absl::ToDoubleSeconds(absl::Now() - burst_start);

    std::cout << absl::StrFormat("%-12d %14s %14s %14s %14s %14.0f\n", count,
                                 Micros(from_call.Percentile(0.5)),
                                 Micros(from_call.Percentile(0.99)),
                                 Micros(from_return.Percentile(0.5)),
                                 Micros(from_return.Percentile(0.99)), delivered_per_second);
    for (auto& subscriber : subscribers) subscriber->Cancel();
    for (auto& subscriber : subscribers) subscriber->AwaitDone();
  }

  Latencies back_to_back, with_listener, bare_stream;
  MeasureFloorBackToBack(url, events, back_to_back);
  MeasureFloorWithListener(url, events, with_listener);
  MeasureBareStream(events, bare_stream);
  auto print_floor = [events](const std::string& what, Latencies& latencies) {
    std::cout << absl::StrFormat("%-44s p50 %s, p99 %s", what, Micros(latencies.Percentile(0.5)),
                                 Micros(latencies.Percentile(0.99)));
    const int lost = events - static_cast<int>(latencies.size());
    if (lost > 0) std::cout << " (" << lost << " not received)";
    std::cout << "\n";
  };
  std::cout << "\n";
  print_floor("floor: INSERT + NOTIFY, commit -> receipt", back_to_back);
  print_floor("  the same, 5 ms apart, listener thread", with_listener);
  print_floor("gRPC alone: bare stream write -> read", bare_stream);
  if (idle_kib_per_subscriber > 0) {
    std::cout << absl::StrFormat("%-44s %d KiB\n", "registry memory per idle subscriber (1000)",
                                 idle_kib_per_subscriber);
  }
  (*ingest_server)->Shutdown();
  return 0;
}

}  // namespace
}  // namespace plenary::bench

int main(int argc, char** argv) {
  plenary::bench::StartBench(argc, argv);
  return plenary::bench::Main();
}
