#include "services/registry/registry_service.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status.h"
#include "parsing/symbol.h"
#include "services/common/grpc_status.h"
#include "services/common/proto_mapping.h"

namespace plenary::registry {
namespace {

constexpr int kMaxBatchSize = 1000;

// Runs `work` on the executor and finishes the call with its status.
grpc::ServerUnaryReactor* OnExecutor(grpc::CallbackServerContext* context, Executor& executor,
                                     std::function<absl::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  executor.Schedule([reactor, work = std::move(work)] {
    reactor->Finish(services::ToGrpcStatus(work()));
  });
  return reactor;
}

}  // namespace

std::vector<std::string> LookupKeys(const std::string& symbol) {
  std::vector<std::string> keys;
  auto add = [&keys](const std::string& key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  if (std::optional<std::string> canonical = parsing::CanonicalSymbol(symbol)) {
    add(parsing::SymbolKey(*canonical));
  }
  if (std::optional<std::string> named = parsing::SymbolForName(symbol)) {
    add(parsing::SymbolKey(*named));
  }
  add(parsing::SymbolKey(symbol));
  return keys;
}

absl::StatusOr<v1::Resolution> RegistryServiceImpl::FindResolution(const std::string& symbol,
                                                                   int revision) {
  absl::StatusOr<StoredResolution> found = store_.GetResolution(LookupKeys(symbol), revision);
  if (found.status().code() == absl::StatusCode::kNotFound) {
    return absl::NotFoundError(
        revision == 0 ? absl::StrCat("no resolution is known as \"", symbol, "\"")
                      : absl::StrCat("no revision ", revision, " of a resolution known as \"",
                                     symbol, "\""));
  }
  if (!found.ok()) return found.status();
  return services::ToProto(*found);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetResolution(
    grpc::CallbackServerContext* context, const v1::GetResolutionRequest* request,
    v1::Resolution* response) {
  return OnExecutor(context, executor_, [this, request, response]() -> absl::Status {
    if (request->symbol().empty()) return InvalidField("symbol", "required");
    if (request->revision() < 0) return InvalidField("revision", "must not be negative");
    absl::StatusOr<v1::Resolution> found = FindResolution(request->symbol(), request->revision());
    if (!found.ok()) return found.status();
    *response = *std::move(found);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::BatchGetResolutions(
    grpc::CallbackServerContext* context, const v1::BatchGetResolutionsRequest* request,
    v1::BatchGetResolutionsResponse* response) {
  return OnExecutor(context, executor_, [this, request, response]() -> absl::Status {
    if (request->symbols_size() > kMaxBatchSize) {
      return InvalidField("symbols", absl::StrCat("at most ", kMaxBatchSize, " per call"));
    }
    std::vector<std::string> missing;
    for (int i = 0; i < request->symbols_size(); ++i) {
      const std::string& symbol = request->symbols(i);
      if (symbol.empty()) return InvalidField(absl::StrCat("symbols[", i, "]"), "empty");
      absl::StatusOr<v1::Resolution> found = FindResolution(symbol, 0);
      if (found.ok()) {
        *response->add_resolutions() = *std::move(found);
      } else if (found.status().code() == absl::StatusCode::kNotFound) {
        missing.push_back(symbol);
      } else {
        return found.status();
      }
    }
    if (!missing.empty()) {
      response->Clear();
      return absl::NotFoundError(absl::StrCat("no resolution is known as \"",
                                              absl::StrJoin(missing, "\", \""), "\""));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetStatement(
    grpc::CallbackServerContext* context, const v1::GetStatementRequest* request,
    v1::Statement* response) {
  return OnExecutor(context, executor_, [this, request, response]() -> absl::Status {
    if (request->id().empty()) return InvalidField("id", "required");
    if (request->revision() < 0) return InvalidField("revision", "must not be negative");
    absl::StatusOr<StoredStatement> found = store_.GetStatement(request->id(), request->revision());
    if (found.status().code() == absl::StatusCode::kNotFound) {
      return absl::NotFoundError(absl::StrCat("no statement has id \"", request->id(), "\"",
                                              request->revision() == 0
                                                  ? ""
                                                  : absl::StrCat(" with revision ",
                                                                 request->revision())));
    }
    if (!found.ok()) return found.status();
    *response = services::ToProto(*found);
    return absl::OkStatus();
  });
}

}  // namespace plenary::registry
