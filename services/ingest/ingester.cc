#include "services/ingest/ingester.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_join.h"
#include "common/sha256.h"
#include "common/status.h"
#include "parsing/document.h"

namespace plenary::ingest {
namespace {

// Request ids are keys, not documents; URIs are addresses.
constexpr size_t kMaxRequestIdBytes = 256;
constexpr size_t kMaxSourceUriBytes = 4096;

// Case folded, runs of whitespace as one space.
std::string Normalized(const std::string& text) {
  return absl::AsciiStrToLower(
      absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " "));
}

std::string MediaTypeName(parsing::MediaType type) {
  switch (type) {
    case parsing::MediaType::kPlainText:
      return "text/plain";
    case parsing::MediaType::kMarkdown:
      return "text/markdown";
    case parsing::MediaType::kHtml:
      return "text/html";
    case parsing::MediaType::kTsv:
      return "text/tab-separated-values";
  }
  return "text/plain";
}

}  // namespace

std::string StatementId(const Statement& statement, const std::string& source_uri) {
  const std::string basis =
      !source_uri.empty()
          ? absl::StrCat("uri\n", source_uri)
          : absl::StrCat("statement\n", Normalized(statement.headline), "\n",
                         Normalized(statement.speaker), "\n", statement.date.year, "-",
                         statement.date.month, "-", statement.date.day);
  return absl::StrCat("st-", ToHex(Sha256(basis)).substr(0, 16));
}

absl::StatusOr<storage::IngestResult> Ingester::Ingest(const DocumentRequest& request) {
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
  if (absl::Status text = CheckText("source_uri", request.source_uri, kMaxSourceUriBytes);
      !text.ok()) {
    return text;
  }

  const std::string sha256 = Sha256(request.content);
  absl::StatusOr<storage::IngestResult> earlier = store_.FindDocument(sha256, request.request_id);
  if (earlier.ok() || earlier.status().code() != absl::StatusCode::kNotFound) return earlier;

  absl::StatusOr<parsing::MediaType> type =
      parsing::ResolveMediaType(request.media_type, request.content);
  if (!type.ok()) return InvalidField("media_type", type.status().message());
  absl::StatusOr<Extraction> extraction = parsing::ParseDocument(request.content, *type);
  if (!extraction.ok()) {
    if (extraction.status().code() == absl::StatusCode::kInvalidArgument) {
      return InvalidField("content", extraction.status().message());
    }
    return extraction.status();
  }

  storage::NewDocument document;
  document.content = request.content;
  document.sha256 = sha256;
  document.media_type = MediaTypeName(*type);
  document.source_uri = request.source_uri;
  document.published_at = request.published_at;
  document.request_id = request.request_id;
  document.resolutions = std::move(extraction->resolutions);
  // Several statements from one page share its uri: the position tells them apart.
  for (size_t i = 0; i < extraction->statements.size(); ++i) {
    const std::string uri = i == 0 || request.source_uri.empty()
                                ? request.source_uri
                                : absl::StrCat(request.source_uri, "#", i);
    storage::IdentifiedStatement& added = document.statements.emplace_back();
    added.id = StatementId(extraction->statements[i], uri);
    added.statement = std::move(extraction->statements[i]);
  }
  document.warnings = std::move(extraction->warnings);
  return store_.StoreDocument(document);
}

}  // namespace plenary::ingest
