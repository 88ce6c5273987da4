#include "services/common/server.h"

#include <signal.h>
#include <string.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/thread_name.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/server_builder.h"
#include "services/common/malformed_request.h"
#include "services/common/metrics.h"
#include "services/common/reflection.h"
#include "services/common/request_log.h"

namespace plenary::services {
namespace {

// Documents up to the ingestion limit (8 MiB by default) plus framing.
constexpr int kMaxMessageBytes = 16 << 20;
constexpr size_t kTransportMemoryBytes = 256 << 20;

// Makes the gRPC series of every method of `service_names` at zero, as
// go-grpc-prometheus' InitializeMetrics does: a method never called yet
// still has a rate of 0 rather than no series at all.
void ExportMethodSeries(const std::vector<std::string>& service_names) {
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : service_names) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor* method = service->method(i);
      const metrics::GrpcType type =
          method->client_streaming()
              ? (method->server_streaming() ? metrics::GrpcType::kBidiStream
                                            : metrics::GrpcType::kClientStream)
              : (method->server_streaming() ? metrics::GrpcType::kServerStream
                                            : metrics::GrpcType::kUnary);
      metrics::GrpcServerMethod(absl::StrCat("/", service->full_name(), "/", method->name()), type);
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<RunningServer>> RunningServer::Start(
    const ServerConfig& config, const std::vector<grpc::Service*>& services) {
  CatchProtobufParseErrors();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  LinkHealthDescriptors();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen_address,
                           config.credentials ? config.credentials : grpc::InsecureServerCredentials(),
                           &port);
  // Without this a second server on a taken port would silently share it.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Feed streams stay open for days, often idle, through proxies and load
  // balancers: ping them every minute to keep them and to find dead peers,
  // and let clients ping as often as every 20 s without being cut off.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 20 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
  // gRPC's own buffers (flow-control windows, messages being received) for
  // all connections together: under pressure gRPC shrinks its windows.
  grpc::ResourceQuota quota(config.name);
  quota.Resize(kTransportMemoryBytes);
  builder.SetResourceQuota(quota);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  for (grpc::Service* service : services) builder.RegisterService(service);
  std::vector<std::string> names = config.service_names;
  names.insert(names.end(), {"grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                             "grpc.reflection.v1alpha.ServerReflection"});
  ExportMethodSeries(names);
  auto reflection = std::make_unique<ReflectionV1Service>(std::move(names));
  builder.RegisterService(reflection.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // First, so that the request log sees the status it rewrites.
  interceptors.push_back(std::make_unique<MalformedRequestFactory>());
  interceptors.push_back(std::make_unique<RequestLogFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.listen_address,
                     ": the address is malformed or the port is taken"));
  }
  std::unique_ptr<RunningServer> running(new RunningServer(config, std::move(server), port));
  running->reflection_ = std::move(reflection);
  Log(LogLevel::kInfo, "serving",
      {{"service", config.name}, {"port", absl::StrCat(port)}, {"listen", config.listen_address}});
  return running;
}

RunningServer::RunningServer(ServerConfig config, std::unique_ptr<grpc::Server> server, int port)
    : config_(std::move(config)), server_(std::move(server)), port_(port) {
  // Health is known before the first probe answers: assume nothing.
  SetServing(config_.database == nullptr || config_.database->Ping().ok());
  if (config_.database != nullptr) health_thread_ = std::thread([this] { WatchDatabase(); });
}

RunningServer::~RunningServer() { Shutdown(); }

void RunningServer::SetServing(bool serving) {
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus(serving);
  for (const std::string& name : config_.service_names) health->SetServingStatus(name, serving);
}

void RunningServer::WatchDatabase() {
  NameThisThread("health-watcher");
  bool serving = true;
  while (!stopping_.WaitForNotificationWithTimeout(config_.health_interval)) {
    const absl::Status status = config_.database->Ping();
    if (status.ok() != serving) {
      serving = status.ok();
      Log(serving ? LogLevel::kInfo : LogLevel::kWarning,
          serving ? "database reachable again" : "database unreachable",
          {{"service", config_.name}, {"status", status.ToString()}});
    }
    if (!stopping_.HasBeenNotified()) SetServing(serving);
  }
}

void RunningServer::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  stopping_.Notify();
  if (health_thread_.joinable()) health_thread_.join();
  SetServing(false);
  Log(LogLevel::kInfo, "shutting down", {{"service", config_.name}});
  if (config_.before_shutdown) config_.before_shutdown();
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(config_.shutdown_grace));
  server_->Wait();
  Log(LogLevel::kInfo, "stopped", {{"service", config_.name}});
}

void BlockTerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

std::string WaitForTerminationSignal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int signal = 0;
  sigwait(&signals, &signal);
  return sigabbrev_np(signal) != nullptr ? absl::StrCat("SIG", sigabbrev_np(signal)) : "signal";
}

}  // namespace plenary::services
