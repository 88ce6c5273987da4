// Requests gRPC could not parse. A proto3 string field holding bytes that
// are not UTF-8 makes protobuf refuse the whole message, and gRPC 1.51 then
// answers UNIMPLEMENTED with no message (unary and server-streaming calls)
// or ends a bidirectional stream's reads as if the client had finished. This
// turns both into INVALID_ARGUMENT naming the field: protobuf's log line
// about the field is caught on the thread that parsed the message, and the
// status is rewritten before it is sent.
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/server_interceptor.h"

namespace plenary::services {

// Routes protobuf's log lines: the parse failures this file reads are kept
// for the thread that met them, the others go to the service log. Call once
// at startup, before any thread parses messages; later calls do nothing.
void CatchProtobufParseErrors();

// INVALID_ARGUMENT naming the string field whose bytes were not UTF-8 when
// this thread last failed to parse a `request_type` message ("plenary.v1.
// IngestDocumentRequest"), if that has not been taken yet; taking it
// forgets it. For a stream's reactor whose read failed.
std::optional<absl::Status> TakeInvalidUtf8(const std::string& request_type);

// Rewrites the UNIMPLEMENTED that gRPC sends for a known method whose
// request could not be parsed into INVALID_ARGUMENT, naming the field when
// it is known.
class MalformedRequestFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace plenary::services
