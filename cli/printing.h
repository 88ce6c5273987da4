// How the CLI shows records: for a person (Describe) or for scripts, one
// JSON object per line (ToJsonLine).
#pragma once

#include <string>

#include "google/protobuf/message.h"
#include "grpcpp/support/status_code_enum.h"
#include "plenary/v1/feed_service.pb.h"
#include "plenary/v1/ingest_service.pb.h"
#include "plenary/v1/registry_service.pb.h"

namespace plenary::cli {

std::string ToJsonLine(const google::protobuf::Message& message);

std::string Describe(const v1::Resolution& resolution);
std::string Describe(const v1::Statement& statement);
std::string Describe(const v1::SearchResult& result);
std::string Describe(const v1::FeedEvent& event);
// One line of a listing: symbol, title, body, date and vote.
std::string DescribeListed(const v1::Resolution& resolution);
std::string Describe(const v1::ReparseDocumentsResponse& progress);
std::string Describe(const std::string& file, const v1::IngestDocumentResponse& response);

// "NOT_FOUND" for grpc::StatusCode::NOT_FOUND.
std::string StatusCodeName(grpc::StatusCode code);

}  // namespace plenary::cli
