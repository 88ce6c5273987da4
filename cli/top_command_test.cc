#include "cli/top_command.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary::cli {
namespace {

using ::testing::HasSubstr;

constexpr char kBefore[] = R"(# HELP plenary_feed_head_position Highest feed position
# TYPE plenary_feed_head_position gauge
plenary_feed_head_position 100
plenary_feed_subscribers 3
plenary_feed_events_delivered_total 10
plenary_feed_lag_seconds_sum 0.010
plenary_feed_lag_seconds_count 10
grpc_server_handled_total{grpc_code="OK",grpc_method="GetResolution",grpc_service="plenary.v1.RegistryService",grpc_type="unary"} 50
grpc_server_handled_total{grpc_code="Internal",grpc_method="GetResolution",grpc_service="plenary.v1.RegistryService",grpc_type="unary"} 1
plenary_db_pool_connections_in_use{pool="primary"} 2
plenary_db_pool_connections_max{pool="primary"} 8
plenary_build_info{grpc_version="1.51.1",service="plenary-registry",version="0.1.0"} 1
)";

constexpr char kAfter[] = R"(plenary_feed_head_position 120
plenary_feed_subscribers 4
plenary_feed_events_delivered_total 50
plenary_feed_lag_seconds_sum 0.050
plenary_feed_lag_seconds_count 30
grpc_server_handled_total{grpc_code="OK",grpc_method="GetResolution",grpc_service="plenary.v1.RegistryService",grpc_type="unary"} 70
grpc_server_handled_total{grpc_code="Internal",grpc_method="GetResolution",grpc_service="plenary.v1.RegistryService",grpc_type="unary"} 5
grpc_server_handled_total{grpc_code="NotFound",grpc_method="GetResolution",grpc_service="plenary.v1.RegistryService",grpc_type="unary"} 2
plenary_db_pool_connections_in_use{pool="primary"} 3
plenary_db_pool_connections_max{pool="primary"} 8
plenary_build_info{grpc_version="1.51.1",service="plenary-registry",version="0.1.0"} 1
)";

TEST(TopTest, ParsesTheExposition) {
  const Scrape scrape = ParseExposition(kAfter);
  EXPECT_EQ(scrape.Sum("plenary_feed_head_position"), 120);
  EXPECT_EQ(scrape.Sum("grpc_server_handled_total"), 77);
  EXPECT_EQ(scrape.Sum("grpc_server_handled_total", {{"grpc_code", "Internal"}}), 5);
  EXPECT_EQ(scrape.SumExcept("grpc_server_handled_total", "grpc_code", "OK"), 7);
  EXPECT_EQ(scrape.Sum("no_such_metric"), 0);
  const Scrape escaped = ParseExposition("x{a=\"q\\\"uote\",b=\"2\"} 4.5\n");
  EXPECT_EQ(escaped.Sum("x", {{"a", "q\"uote"}, {"b", "2"}}), 4.5);
}

TEST(TopTest, ShowsRatesBetweenTwoScrapes) {
  std::vector<Observed> services(2);
  services[0].name = "registry";
  services[0].address = "127.0.0.1:9091";
  services[0].before = ParseExposition(kBefore);
  services[0].after = ParseExposition(kAfter);
  services[1].name = "ingest";
  services[1].address = "127.0.0.1:9092";
  services[1].after = absl::UnavailableError("cannot connect to 127.0.0.1:9092");
  const std::string screen = RenderTop(services, absl::Seconds(10), absl::UnixEpoch());
  EXPECT_THAT(screen, HasSubstr("registry  127.0.0.1:9091  version 0.1.0\n"));
  EXPECT_THAT(screen, HasSubstr("feed head      120 (+2.0/s)"));
  EXPECT_THAT(screen, HasSubstr("subscribers    4   delivering 4.0/s"));
  EXPECT_THAT(screen, HasSubstr("feed lag       2.0 ms on average"));
  // 26 calls in 10 s: 4 Internal (server errors), 2 NotFound.
  EXPECT_THAT(screen, HasSubstr("calls 2.6/s   server errors 0.4/s   other non-OK 0.2/s"));
  EXPECT_THAT(screen, HasSubstr("database pool  primary 3/8 in use"));
  EXPECT_THAT(screen, HasSubstr("ingest  127.0.0.1:9092  unreachable: cannot connect"));
}

TEST(TopTest, AnUnreachableEndpointIsUnavailable) {
  // Port 1 on loopback: nothing listens there.
  EXPECT_EQ(FetchMetrics("127.0.0.1:1", absl::Seconds(1)).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(FetchMetrics("no-port", absl::Seconds(1)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace plenary::cli
