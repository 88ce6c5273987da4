#include "services/ingest/ingester.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/sha256.h"
#include "common/status.h"
#include "common/text.h"
#include "model/symbol.h"
#include "parsing/document.h"
#include "parsing/version.h"
#include "services/common/metrics.h"

namespace plenary::ingest {
namespace {

// A re-reading's batch: one transaction, and a progress message each.
constexpr int kRereadBatchDocuments = 32;
constexpr size_t kRereadBatchBytes = 16 << 20;

// Request ids are keys, not documents; URIs are addresses.
constexpr size_t kMaxRequestIdBytes = 256;
constexpr size_t kMaxSourceUriBytes = 4096;

// Case folded, runs of whitespace as one space.
std::string Normalized(const std::string& text) { return AsciiLower(CollapseWhitespace(text)); }

}  // namespace

std::string StatementId(const Statement& statement, const std::string& source_uri) {
  const std::string basis =
      !source_uri.empty()         ? absl::StrCat("uri\n", source_uri)
      : !statement.aliases.empty() ? absl::StrCat("press\n", SymbolKey(statement.aliases.front()))
                                   : absl::StrCat("statement\n", Normalized(statement.headline), "\n",
                                                  Normalized(statement.speaker), "\n",
                                                  statement.date.year, "-", statement.date.month,
                                                  "-", statement.date.day);
  return absl::StrCat("st-", ToHex(Sha256(basis)).substr(0, 16));
}

absl::StatusOr<storage::IngestResult> Ingester::Ingest(const DocumentRequest& request) {
  return std::move(IngestAll({&request, 1}).front());
}

absl::Status Ingester::Check(const DocumentRequest& request) const {
  if (request.content.empty()) return InvalidField("content", "the document is empty");
  if (request.content.size() > max_document_bytes_) {
    return InvalidField("content", absl::StrCat("the document has ", request.content.size(),
                                                 " bytes, more than the limit of ",
                                                 max_document_bytes_));
  }
  if (absl::Status text = CheckText("request_id", request.request_id, kMaxRequestIdBytes);
      !text.ok()) {
    return text;
  }
  return CheckText("source_uri", request.source_uri, kMaxSourceUriBytes);
}

absl::StatusOr<Extraction> Ingester::ReadRecords(const std::string& content,
                                                 parsing::MediaType type) const {
  const absl::Time parse_start = absl::Now();
  absl::StatusOr<Extraction> extraction = parsing::ParseDocument(content, type);
  services::metrics::CountParsed(std::string(parsing::MediaTypeName(type)),
                                 absl::Now() - parse_start);
  if (!extraction.ok() && extraction.status().code() == absl::StatusCode::kInvalidArgument) {
    return InvalidField("content", extraction.status().message());
  }
  return extraction;
}

namespace {

// Statements with their stable ids (StatementId).
std::vector<storage::IdentifiedStatement> Identified(std::vector<Statement> statements,
                                                     const std::string& source_uri) {
  std::vector<storage::IdentifiedStatement> identified;
  // Several statements from one page share its uri: the position tells them apart.
  for (size_t i = 0; i < statements.size(); ++i) {
    const std::string uri =
        i == 0 || source_uri.empty() ? source_uri : absl::StrCat(source_uri, "#", i);
    storage::IdentifiedStatement& added = identified.emplace_back();
    added.id = StatementId(statements[i], uri);
    added.statement = std::move(statements[i]);
  }
  return identified;
}

}  // namespace

absl::StatusOr<storage::NewDocument> Ingester::Read(const DocumentRequest& request,
                                                    parsing::MediaType type,
                                                    std::string sha256) const {
  absl::StatusOr<Extraction> extraction = ReadRecords(request.content, type);
  if (!extraction.ok()) return extraction.status();
  storage::NewDocument document;
  document.content = request.content;
  document.sha256 = std::move(sha256);
  document.media_type = parsing::MediaTypeName(type);
  document.source_uri = request.source_uri;
  document.published_at = request.published_at;
  document.request_id = request.request_id;
  document.parser_version = parsing::kParserVersion;
  document.resolutions = std::move(extraction->resolutions);
  document.statements = Identified(std::move(extraction->statements), request.source_uri);
  document.warnings = std::move(extraction->warnings);
  return document;
}

absl::Status Ingester::RereadBatch(RereadCursor& cursor, RereadProgress& progress) {
  int limit = kRereadBatchDocuments;
  if (cursor.remaining.has_value()) {
    limit = static_cast<int>(std::min<int64_t>(limit, *cursor.remaining));
  }
  absl::StatusOr<std::vector<storage::StoredDocument>> documents = store_.ReadDocuments(
      cursor.after_document_id, limit, kRereadBatchBytes,
      cursor.only_outdated ? parsing::kParserVersion : "");
  if (!documents.ok()) return documents.status();
  std::vector<storage::Rereading> rereadings;
  for (storage::StoredDocument& document : *documents) {
    absl::StatusOr<parsing::MediaType> type =
        parsing::ResolveMediaType(document.media_type, document.content);
    absl::StatusOr<Extraction> extraction =
        type.ok() ? ReadRecords(document.content, *type) : type.status();
    if (!extraction.ok()) {
      if (extraction.status().code() != absl::StatusCode::kInvalidArgument) {
        return extraction.status();
      }
      ++progress.documents_refused;
    } else {
      storage::Rereading& rereading = rereadings.emplace_back();
      rereading.document_id = document.id;
      rereading.parser_version = parsing::kParserVersion;
      rereading.resolutions = std::move(extraction->resolutions);
      rereading.statements = Identified(std::move(extraction->statements), document.source_uri);
      rereading.warnings = std::move(extraction->warnings);
    }
  }
  if (!rereadings.empty()) {
    absl::StatusOr<std::vector<storage::IngestResult>> stored =
        store_.StoreRereadings(rereadings);
    if (!stored.ok()) return stored.status();
    for (const storage::IngestResult& result : *stored) {
      if (result.revisions > 0) ++progress.documents_changed;
      progress.records_revised += result.revisions;
    }
  }
  progress.documents_read += static_cast<int64_t>(documents->size());
  if (!documents->empty()) {
    cursor.after_document_id = documents->back().id;
    progress.last_document_id = cursor.after_document_id;
  }
  if (cursor.remaining.has_value()) *cursor.remaining -= static_cast<int64_t>(documents->size());
  progress.done = documents->empty() || (cursor.remaining.has_value() && *cursor.remaining <= 0);
  return absl::OkStatus();
}

std::vector<absl::StatusOr<storage::IngestResult>> Ingester::IngestAll(
    absl::Span<const DocumentRequest> requests) {
  std::vector<absl::StatusOr<storage::IngestResult>> results(
      requests.size(), absl::UnknownError("not ingested"));

  // Known documents are answered as they were, before any parsing.
  // The same bytes read as another type are another document.
  std::vector<size_t> checked;
  std::vector<parsing::MediaType> types;
  std::vector<storage::DocumentKey> keys;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (absl::Status refused = Check(requests[i]); !refused.ok()) {
      results[i] = std::move(refused);
      continue;
    }
    absl::StatusOr<parsing::MediaType> type =
        parsing::ResolveMediaType(requests[i].media_type, requests[i].content);
    if (!type.ok()) {
      results[i] = InvalidField("media_type", type.status().message());
      continue;
    }
    checked.push_back(i);
    types.push_back(*type);
    keys.push_back({Sha256(requests[i].content), requests[i].request_id,
                    std::string(parsing::MediaTypeName(*type))});
  }
  if (checked.empty()) return results;
  absl::StatusOr<std::vector<std::optional<storage::IngestResult>>> earlier =
      store_.FindDocuments(keys);
  if (!earlier.ok()) {
    for (size_t i : checked) results[i] = earlier.status();
    return results;
  }

  std::vector<size_t> read;
  std::vector<storage::NewDocument> documents;
  for (size_t k = 0; k < checked.size(); ++k) {
    const size_t i = checked[k];
    if ((*earlier)[k].has_value()) {
      results[i] = *std::move((*earlier)[k]);
      continue;
    }
    if (requests[i].wanted) {
      if (absl::Status wanted = requests[i].wanted(); !wanted.ok()) {
        results[i] = std::move(wanted);
        continue;
      }
    }
    absl::StatusOr<storage::NewDocument> document =
        Read(requests[i], types[k], std::move(keys[k].sha256));
    if (!document.ok()) {
      results[i] = document.status();
      continue;
    }
    read.push_back(i);
    documents.push_back(*std::move(document));
  }
  if (documents.empty()) return results;

  absl::StatusOr<std::vector<storage::IngestResult>> stored = store_.StoreDocuments(documents);
  if (stored.ok()) {
    for (size_t k = 0; k < read.size(); ++k) results[read[k]] = std::move((*stored)[k]);
  } else if (documents.size() == 1 || stored.status().code() == absl::StatusCode::kUnavailable) {
    for (size_t i : read) results[i] = stored.status();
  } else {
    for (size_t k = 0; k < read.size(); ++k) {
      results[read[k]] = store_.StoreDocument(documents[k]);
    }
  }
  return results;
}

}  // namespace plenary::ingest
