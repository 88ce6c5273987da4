// RegistryService over a real gRPC channel, with a fake store.
#include "services/registry/registry_service.h"

#include <unistd.h>

#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "model/symbol.h"
#include "services/common/server.h"
#include "tests/support/fake_stores.h"

namespace plenary::registry {
namespace {

using ::testing::HasSubstr;

class RegistryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoredResolution nairobi;
    nairobi.resolution.symbol = "A/RES/64/222";
    nairobi.resolution.title = "Nairobi outcome document";
    nairobi.revision = 1;
    store_.Add(nairobi, {SymbolKey("A/RES/64/222")});
    StoredStatement statement;
    statement.id = "st-1";
    statement.statement.headline = "Annan stresses multilateralism";
    statement.revision = 1;
    store_.Add(statement);

    services::ServerConfig config;
    config.name = "test-registry";
    config.listen_address = "127.0.0.1:0";
    auto server = services::RunningServer::Start(config, {&service_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::RegistryService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));
  }

  grpc::Status Get(const std::string& symbol, int revision, v1::Resolution* out) {
    grpc::ClientContext context;
    v1::GetResolutionRequest request;
    request.set_symbol(symbol);
    request.set_revision(revision);
    return stub_->GetResolution(&context, request, out);
  }

  testing::FakeRegistryStore store_;
  Executor executor_{2};
  services::SignedTokenCodec tokens_{"deployment", "secret"};
  RegistryServiceImpl service_{store_, executor_, tokens_};
  std::unique_ptr<services::RunningServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

TEST_F(RegistryServiceTest, FindsAResolutionByAnyFormOfItsSymbol) {
  for (const char* form : {"A/RES/64/222", "a/res/64/222", "64/222", " A/RES/64/ 222 ",
                           "Nairobi outcome document"}) {
    v1::Resolution resolution;
    grpc::Status status = Get(form, 0, &resolution);
    ASSERT_TRUE(status.ok()) << form << ": " << status.error_message();
    EXPECT_EQ(resolution.symbol(), "A/RES/64/222");
  }
}

TEST_F(RegistryServiceTest, NotFoundNamesWhatWasAsked) {
  v1::Resolution resolution;
  grpc::Status status = Get("A/RES/1/1", 0, &resolution);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("A/RES/1/1"));
  status = Get("A/RES/64/222", 7, &resolution);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("revision 7"));
}

TEST_F(RegistryServiceTest, ValidatesTheRequest) {
  v1::Resolution resolution;
  EXPECT_EQ(Get("", 0, &resolution).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Get("A/RES/64/222", -1, &resolution).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RegistryServiceTest, DatabaseDownIsUnavailable) {
  store_.FailWith(absl::UnavailableError("get resolution: database unavailable"));
  v1::Resolution resolution;
  EXPECT_EQ(Get("A/RES/64/222", 0, &resolution).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(RegistryServiceTest, LookupsThatArriveTogetherAreReadTogetherEachWithItsAnswer) {
  v1::Resolution warm_up;  // connects the channel before the timed part
  ASSERT_TRUE(Get("a/res/64/222", 0, &warm_up).ok());
  const int reads_before = store_.resolution_reads();
  absl::Notification reads_may_go_on;
  store_.HoldResolutionReadsUntil(&reads_may_go_on);
  constexpr int kCalls = 20;
  std::vector<std::thread> callers;
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<v1::Resolution> answers(kCalls);
  for (int i = 0; i < kCalls; ++i) {
    callers.emplace_back([&, i] {
      statuses[i] = Get(i % 2 == 0 ? "a/res/64/222" : absl::StrCat("A/RES/1/", i), 0, &answers[i]);
    });
  }
  // The first lookups' reads wait in the store while the others arrive
  // (with the warm-up's, kCalls + 1 lookups since the start).
  service_.AwaitQueuedLookupsForTest(kCalls + 1);
  reads_may_go_on.Notify();
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < kCalls; ++i) {
    if (i % 2 == 0) {
      ASSERT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
      EXPECT_EQ(answers[i].symbol(), "A/RES/64/222");
    } else {
      EXPECT_EQ(statuses[i].error_code(), grpc::StatusCode::NOT_FOUND);
      EXPECT_THAT(statuses[i].error_message(), HasSubstr(absl::StrCat("A/RES/1/", i)));
    }
  }
  // Two reads of the first arrivals, then what waited meanwhile.
  EXPECT_LE(store_.resolution_reads() - reads_before, 4);
}

TEST_F(RegistryServiceTest, BatchGetAnswersInOrderOrNamesEveryMissingSymbol) {
  grpc::ClientContext context;
  v1::BatchGetResolutionsRequest request;
  request.add_symbols("64/222");
  request.add_symbols("A/RES/64/222");
  v1::BatchGetResolutionsResponse response;
  ASSERT_TRUE(stub_->BatchGetResolutions(&context, request, &response).ok());
  EXPECT_EQ(response.resolutions_size(), 2);

  grpc::ClientContext missing_context;
  request.add_symbols("A/RES/1/1");
  request.add_symbols("S/RES/9999 (2030)");
  grpc::Status status = stub_->BatchGetResolutions(&missing_context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("A/RES/1/1"));
  EXPECT_THAT(status.error_message(), HasSubstr("S/RES/9999 (2030)"));
}

// Sixty unknown 256-byte symbols once made a NOT_FOUND message larger than
// the client accepts in a header (RESOURCE_EXHAUSTED on the client side).
TEST_F(RegistryServiceTest, BatchGetNotFoundNamesAFewMissingSymbolsBriefly) {
  grpc::ClientContext context;
  v1::BatchGetResolutionsRequest request;
  for (int i = 0; i < 60; ++i) request.add_symbols(absl::StrCat(i, std::string(250, 'x')));
  v1::BatchGetResolutionsResponse response;
  const grpc::Status status = stub_->BatchGetResolutions(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("symbols[0]"));
  EXPECT_THAT(status.error_message(), HasSubstr("and 55 more"));
  EXPECT_LT(status.error_message().size(), 1024u);
}

TEST_F(RegistryServiceTest, GetsAStatementById) {
  grpc::ClientContext context;
  v1::GetStatementRequest request;
  request.set_id("st-1");
  v1::Statement statement;
  ASSERT_TRUE(stub_->GetStatement(&context, request, &statement).ok());
  EXPECT_EQ(statement.headline(), "Annan stresses multilateralism");
  grpc::ClientContext missing;
  request.set_id("st-2");
  EXPECT_EQ(stub_->GetStatement(&missing, request, &statement).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST(RegistryReadersTest, WithReaderTokensEveryCallMustPresentOne) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/reader-tokens-", getpid());
  std::ofstream(path) << "reader-token\n";
  auto readers = *services::BearerTokens::FromFile(path);
  testing::FakeRegistryStore store;
  StoredStatement statement;
  statement.id = "st-1";
  statement.revision = 1;
  store.Add(statement);
  Executor executor(1);
  services::SignedTokenCodec tokens("deployment", "secret");
  RegistryServiceImpl service(store, executor, tokens, &readers);
  services::ServerConfig config;
  config.name = "readers";
  config.listen_address = "127.0.0.1:0";
  auto server = services::RunningServer::Start(config, {&service});
  ASSERT_TRUE(server.ok());
  auto stub = v1::RegistryService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*server)->port()), grpc::InsecureChannelCredentials()));
  v1::GetStatementRequest request;
  request.set_id("st-1");
  v1::Statement response;
  grpc::ClientContext anonymous;
  EXPECT_EQ(stub->GetStatement(&anonymous, request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext reader;
  reader.AddMetadata("authorization", "Bearer reader-token");
  EXPECT_TRUE(stub->GetStatement(&reader, request, &response).ok());
}

}  // namespace
}  // namespace plenary::registry
