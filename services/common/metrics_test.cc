#include "services/common/metrics.h"

#include <httplib.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace plenary::services {
namespace {

using ::testing::HasSubstr;

TEST(MetricsTest, RendersCountersHistogramsAndGauges) {
  Metrics& metrics = Metrics::Global();
  metrics.DeclareCounter("test_calls_total", "Calls", {"method", "code"});
  metrics.Increment("test_calls_total", {"/a.B/C", "OK"});
  metrics.Increment("test_calls_total", {"/a.B/C", "OK"});
  metrics.DeclareHistogram("test_seconds", "Durations", {"method"}, {0.01, 0.1});
  metrics.Observe("test_seconds", {"/a.B/C"}, 0.005);
  metrics.Observe("test_seconds", {"/a.B/C"}, 0.05);
  metrics.Observe("test_seconds", {"/a.B/C"}, 5);
  metrics.DeclareGauge("test_open", "Open things", [] { return 3; });
  const std::string text = metrics.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE test_calls_total counter\n"));
  EXPECT_THAT(text, HasSubstr("test_calls_total{method=\"/a.B/C\",code=\"OK\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("test_seconds_bucket{method=\"/a.B/C\",le=\"0.01\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("test_seconds_bucket{method=\"/a.B/C\",le=\"0.1\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("test_seconds_bucket{method=\"/a.B/C\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("test_seconds_count{method=\"/a.B/C\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("test_open 3\n"));
}

TEST(MetricsTest, ServesThemOverHttp) {
  Metrics::Global().DeclareCounter("test_scraped_total", "Scrapes", {});
  Metrics::Global().Increment("test_scraped_total", {});
  auto endpoint = MetricsEndpoint::Start("127.0.0.1:0");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  httplib::Client client("127.0.0.1", (*endpoint)->port());
  auto response = client.Get("/metrics");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(response->body, HasSubstr("test_scraped_total 1\n"));
  EXPECT_EQ(MetricsEndpoint::Start("not-an-address").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace plenary::services
