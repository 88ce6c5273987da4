#include "services/common/malformed_request.h"

#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/log.h"
#include "common/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/stubs/logging.h"
#include "services/common/grpc_status.h"

namespace plenary::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

thread_local std::optional<std::string> invalid_utf8_field;

// protobuf 3.21 logs "String field 'NAME' contains invalid UTF-8 data when
// parsing a protocol buffer. ..." before refusing the message.
void OnProtobufLog(google::protobuf::LogLevel level, const char* filename, int line,
                   const std::string& message) {
  constexpr std::string_view kStart = "String field '";
  constexpr std::string_view kEnd = "' contains invalid UTF-8 data when parsing";
  if (message.starts_with(kStart)) {
    const size_t end = message.find(kEnd);
    if (end != std::string::npos) {
      invalid_utf8_field = message.substr(kStart.size(), end - kStart.size());
      return;
    }
  }
  Log(level >= google::protobuf::LOGLEVEL_ERROR ? LogLevel::kError : LogLevel::kWarning,
      "protobuf", {{"message", message}, {"at", absl::StrCat(filename, ":", line)}});
}

// "/plenary.v1.RegistryService/GetResolution" -> its request's full name,
// or empty for a method this process does not know.
std::string RequestTypeOf(const char* method) {
  if (method == nullptr || method[0] != '/') return "";
  const std::string dotted = absl::StrReplaceAll(method + 1, {{"/", "."}});
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(dotted);
  return descriptor == nullptr ? "" : descriptor->input_type()->full_name();
}

class MalformedRequest final : public grpc::experimental::Interceptor {
 public:
  explicit MalformedRequest(std::string request_type) : request_type_(std::move(request_type)) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // gRPC hands the interceptors no message when it could not parse it, on
    // the thread that tried; what protobuf said of it is taken there.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      std::optional<absl::Status> invalid_utf8 = TakeInvalidUtf8(request_type_);
      if (methods->GetRecvMessage() == nullptr) {
        refusal_ = invalid_utf8.value_or(absl::InvalidArgumentError(absl::StrCat(
            "the request could not be parsed as ", request_type_,
            ": malformed protobuf bytes, or a string field that is not UTF-8")));
      }
    }
    if (refusal_.has_value() &&
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      methods->ModifySendStatus(ToGrpcStatus(*refusal_));
    }
    methods->Proceed();
  }

 private:
  const std::string request_type_;
  std::optional<absl::Status> refusal_;  // set when the request could not be parsed
};

}  // namespace

void CatchProtobufParseErrors() {
  static std::once_flag once;
  std::call_once(once, [] { google::protobuf::SetLogHandler(&OnProtobufLog); });
}

std::optional<absl::Status> TakeInvalidUtf8(const std::string& request_type) {
  std::optional<std::string> field = std::move(invalid_utf8_field);
  invalid_utf8_field.reset();
  // Left over from another message this thread parsed: not this request's.
  const std::string package = request_type.substr(0, request_type.rfind('.') + 1);
  if (!field.has_value() || !field->starts_with(package)) return std::nullopt;
  // A field of the request itself is named as the request names it.
  const std::string prefix = request_type + ".";
  const std::string name = field->starts_with(prefix) ? field->substr(prefix.size()) : *field;
  return InvalidField(name, "holds bytes that are not UTF-8: string fields must be UTF-8 text");
}

grpc::experimental::Interceptor* MalformedRequestFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // Streams of requests read them in their reactors, which take the refusal
  // themselves (TakeInvalidUtf8).
  using Type = grpc::experimental::ServerRpcInfo::Type;
  if (info->type() == Type::CLIENT_STREAMING || info->type() == Type::BIDI_STREAMING) {
    return nullptr;
  }
  const std::string request_type = RequestTypeOf(info->method());
  if (request_type.empty()) return nullptr;  // unknown methods stay UNIMPLEMENTED
  return new MalformedRequest(request_type);
}

}  // namespace plenary::services
