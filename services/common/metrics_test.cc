#include "services/common/metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "common/status.h"
#include "grpc/health/v1/health.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace plenary::services::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Rendered(const prometheus::Collectable& collectable) {
  return prometheus::TextSerializer().Serialize(collectable.Collect());
}

// GET http://127.0.0.1:port/path with a bare socket: the response, headers
// and all, or "" when the connection fails.
std::string HttpGet(int port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return "";
  }
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    close(fd);
    return "";
  }
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, n);
  close(fd);
  return response;
}

TEST(MetricsTest, UnaryCallsAndStreamsGoToSeparateHistograms) {
  constexpr char kBatchGet[] = "/plenary.v1.RegistryService/BatchGetResolutions";
  const GrpcMethod& unary = GrpcServerMethod(kBatchGet, GrpcType::kUnary);
  unary.Started();
  unary.Handled(grpc::StatusCode::OK, absl::Milliseconds(2));
  unary.Started();
  unary.Handled(grpc::StatusCode::NOT_FOUND, absl::Milliseconds(1));
  const GrpcMethod& stream = GrpcServerMethod(
      "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", GrpcType::kBidiStream);
  stream.Started();
  stream.MessageSent();
  stream.MessageSent();
  stream.Handled(grpc::StatusCode::CANCELLED, absl::Hours(2));
  EXPECT_EQ(&unary, &GrpcServerMethod(kBatchGet, GrpcType::kUnary));

  const std::string text = Rendered(*Registry());
  const std::string unary_labels =
      R"(grpc_method="BatchGetResolutions",grpc_service="plenary.v1.RegistryService",)"
      R"(grpc_type="unary")";
  const std::string stream_labels =
      R"(grpc_method="ServerReflectionInfo",grpc_service="grpc.reflection.v1.ServerReflection",)"
      R"(grpc_type="bidi_stream")";
  EXPECT_THAT(text, HasSubstr("grpc_server_started_total{" + unary_labels + "} 2\n"));
  EXPECT_THAT(text, HasSubstr(R"(grpc_server_handled_total{grpc_code="OK",)" + unary_labels +
                              "} 1\n"));
  EXPECT_THAT(text, HasSubstr(R"(grpc_server_handled_total{grpc_code="NotFound",)" +
                              unary_labels + "} 1\n"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_count{" + unary_labels + "} 2\n"));
  EXPECT_THAT(text, HasSubstr("grpc_server_msg_sent_total{" + stream_labels + "} 2\n"));
  EXPECT_THAT(text, HasSubstr(R"(grpc_server_handled_total{grpc_code="Canceled",)" +
                              stream_labels + "} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("grpc_server_stream_duration_seconds_count{" + stream_labels + "} 1\n"));
  EXPECT_THAT(text, Not(HasSubstr("grpc_server_handling_seconds_count{" + stream_labels)));
}

TEST(MetricsTest, MethodsNoProtoDeclaresShareOneSeries) {
  const GrpcMethod& first = GrpcServerMethod("/evil.Service/A", GrpcType::kBidiStream);
  const GrpcMethod& second = GrpcServerMethod("/evil.Service/B", GrpcType::kBidiStream);
  EXPECT_EQ(&first, &second);
  first.Started();
  second.Started();
  const std::string text = Rendered(*Registry());
  EXPECT_THAT(text, Not(HasSubstr("evil")));
  EXPECT_THAT(text, HasSubstr(R"(grpc_server_started_total{grpc_method="unknown",)"
                              R"(grpc_service="unknown",grpc_type="bidi_stream"} 2)"));
  // A method of a linked .proto keeps its name.
  GrpcServerMethod("/grpc.health.v1.Health/Check", GrpcType::kUnary).Started();
  EXPECT_THAT(Rendered(*Registry()),
              HasSubstr(R"(grpc_method="Check",grpc_service="grpc.health.v1.Health")"));
}

TEST(MetricsTest, IngestOutcomesCarryTheirReason) {
  CountIngested(IngestOutcome::kStored);
  CountIngested(IngestOutcome::kRefused, InvalidField("media_type", "not a document"));
  CountIngested(IngestOutcome::kFailed, absl::UnavailableError("database down"));
  const std::string text = Rendered(*Registry());
  EXPECT_THAT(text, HasSubstr(R"(plenary_ingest_documents_total{outcome="stored",reason=""} 1)"));
  EXPECT_THAT(text, HasSubstr(
                        R"(plenary_ingest_documents_total{outcome="refused",reason="media_type"} 1)"));
  EXPECT_THAT(text, HasSubstr(
                        R"(plenary_ingest_documents_total{outcome="failed",reason="UNAVAILABLE"} 1)"));
}

TEST(MetricsTest, ProcessCollectorReadsProc) {
  const std::string text = Rendered(*ProcessCollector());
  for (const char* name : {"process_cpu_seconds_total", "process_resident_memory_bytes",
                           "process_virtual_memory_bytes", "process_start_time_seconds",
                           "process_open_fds", "process_max_fds", "process_threads"}) {
    EXPECT_THAT(text, HasSubstr(std::string("# HELP ") + name + " ")) << name;
  }
  EXPECT_THAT(text, Not(HasSubstr("process_resident_memory_bytes 0\n")));
}

TEST(MetricsTest, PoolGaugesAreReadAtEachScrape) {
  int in_use = 1;
  auto gauges = DatabasePoolGauges({{"primary", 8, [] { return 3; }, [&in_use] { return in_use; }}});
  EXPECT_THAT(Rendered(*gauges), HasSubstr(R"(plenary_db_pool_connections_in_use{pool="primary"} 1)"));
  in_use = 2;
  const std::string text = Rendered(*gauges);
  EXPECT_THAT(text, HasSubstr(R"(plenary_db_pool_connections_in_use{pool="primary"} 2)"));
  EXPECT_THAT(text, HasSubstr(R"(plenary_db_pool_connections_max{pool="primary"} 8)"));
}

TEST(MetricsTest, ServesThemOverHttp) {
  SetBuildInfo("plenary-test");
  int in_use = 4;
  auto endpoint = Endpoint::Start(
      "127.0.0.1:0", {DatabasePoolGauges({{"primary", 8, [] { return 5; }, [&] { return in_use; }}})});
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  ASSERT_GT((*endpoint)->port(), 0);
  const std::string response = HttpGet((*endpoint)->port(), "/metrics");
  EXPECT_THAT(response, HasSubstr("200 OK"));
  EXPECT_THAT(response, HasSubstr(R"(plenary_build_info{grpc_version=")"));
  EXPECT_THAT(response, HasSubstr(R"(service="plenary-test",version=")"));
  EXPECT_THAT(response, HasSubstr("# HELP process_cpu_seconds_total "));
  EXPECT_THAT(response, HasSubstr(R"(plenary_db_pool_connections_in_use{pool="primary"} 4)"));
}

TEST(MetricsTest, ListensOnNamesAndIpv4Addresses) {
  for (const char* address : {"localhost:0", "0.0.0.0:0"}) {
    auto endpoint = Endpoint::Start(address);
    EXPECT_TRUE(endpoint.ok()) << address << ": " << endpoint.status();
  }
  auto ipv6 = Endpoint::Start("[::1]:0");
  EXPECT_EQ(ipv6.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ipv6.status().message(), HasSubstr("no IPv6"));
}

TEST(MetricsTest, RefusesBadAddresses) {
  EXPECT_EQ(Endpoint::Start("not-an-address").status().code(), absl::StatusCode::kInvalidArgument);
  auto first = Endpoint::Start("127.0.0.1:0");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(Endpoint::Start("127.0.0.1:" + std::to_string((*first)->port())).status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace plenary::services::metrics
