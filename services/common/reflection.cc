#include "services/common/reflection.h"

#include <set>
#include <utility>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpc/health/v1/health.pb.h"

namespace plenary::services {
namespace {

using grpc::reflection::v1::ServerReflectionRequest;
using grpc::reflection::v1::ServerReflectionResponse;

// One reflection stream: a request read, its answer written, and again until
// the client closes its side.
class ReflectionStream final
    : public grpc::ServerBidiReactor<ServerReflectionRequest, ServerReflectionResponse> {
 public:
  explicit ReflectionStream(const std::vector<std::string>& service_names)
      : service_names_(service_names) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::OK);
      return;
    }
    response_.Clear();
    Answer(request_, response_);
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the reflection stream broke"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  void Answer(const ServerReflectionRequest& request, ServerReflectionResponse& response) {
    const google::protobuf::DescriptorPool* pool =
        google::protobuf::DescriptorPool::generated_pool();
    response.set_valid_host(request.host());
    *response.mutable_original_request() = request;
    switch (request.message_request_case()) {
      case ServerReflectionRequest::kFileByFilename:
        AddFile(pool->FindFileByName(request.file_by_filename()), response);
        break;
      case ServerReflectionRequest::kFileContainingSymbol:
        AddFile(pool->FindFileContainingSymbol(request.file_containing_symbol()), response);
        break;
      case ServerReflectionRequest::kFileContainingExtension: {
        const google::protobuf::Descriptor* type =
            pool->FindMessageTypeByName(request.file_containing_extension().containing_type());
        const google::protobuf::FieldDescriptor* extension =
            type == nullptr ? nullptr
                            : pool->FindExtensionByNumber(
                                  type, request.file_containing_extension().extension_number());
        AddFile(extension == nullptr ? nullptr : extension->file(), response);
        break;
      }
      case ServerReflectionRequest::kAllExtensionNumbersOfType: {
        const google::protobuf::Descriptor* type =
            pool->FindMessageTypeByName(request.all_extension_numbers_of_type());
        if (type == nullptr) {
          NotFound("no such type", response);
          break;
        }
        std::vector<const google::protobuf::FieldDescriptor*> extensions;
        pool->FindAllExtensions(type, &extensions);
        auto* numbers = response.mutable_all_extension_numbers_response();
        numbers->set_base_type_name(type->full_name());
        for (const auto* extension : extensions) numbers->add_extension_number(extension->number());
        break;
      }
      case ServerReflectionRequest::kListServices:
        for (const std::string& name : service_names_) {
          response.mutable_list_services_response()->add_service()->set_name(name);
        }
        break;
      case ServerReflectionRequest::MESSAGE_REQUEST_NOT_SET:
        response.mutable_error_response()->set_error_code(
            static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
        response.mutable_error_response()->set_error_message("the request asks nothing");
        break;
    }
  }

  // `file` and every file it imports, each once: every answer stands alone,
  // as gRPC's own reflection service answers.
  void AddFile(const google::protobuf::FileDescriptor* file, ServerReflectionResponse& response) {
    if (file == nullptr) {
      NotFound("not found in this server's descriptors", response);
      return;
    }
    std::set<std::string> sent;
    std::vector<const google::protobuf::FileDescriptor*> pending = {file};
    auto* files = response.mutable_file_descriptor_response();
    while (!pending.empty()) {
      const google::protobuf::FileDescriptor* next = pending.back();
      pending.pop_back();
      if (!sent.insert(next->name()).second) continue;
      google::protobuf::FileDescriptorProto proto;
      next->CopyTo(&proto);
      files->add_file_descriptor_proto(proto.SerializeAsString());
      for (int i = 0; i < next->dependency_count(); ++i) pending.push_back(next->dependency(i));
    }
  }

  static void NotFound(const std::string& message, ServerReflectionResponse& response) {
    response.mutable_error_response()->set_error_code(static_cast<int>(grpc::StatusCode::NOT_FOUND));
    response.mutable_error_response()->set_error_message(message);
  }

  const std::vector<std::string>& service_names_;
  ServerReflectionRequest request_;
  ServerReflectionResponse response_;
};

}  // namespace

ReflectionV1Service::ReflectionV1Service(std::vector<std::string> service_names)
    : service_names_(std::move(service_names)) {}

grpc::ServerBidiReactor<ServerReflectionRequest, ServerReflectionResponse>*
ReflectionV1Service::ServerReflectionInfo(grpc::CallbackServerContext*) {
  return new ReflectionStream(service_names_);
}

void LinkHealthDescriptors() {
  // Naming the descriptor links health.pb.cc in, whose static initializer
  // adds the file to the generated pool.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
}

}  // namespace plenary::services
