// Ingestion without the wire: checks a published document, reads records out
// of it and has the store keep both, idempotently.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "parsing/document.h"
#include "storage/ingest_store.h"

namespace plenary::ingest {

struct DocumentRequest {
  std::string content;
  std::string media_type;  // empty: sniffed
  std::string source_uri;
  std::optional<absl::Time> published_at;
  std::string request_id;
  // OK while the caller still waits for the answer; CANCELLED or
  // DEADLINE_EXCEEDED once it does not, and the document is then not read.
  // Unset: always wanted.
  std::function<absl::Status()> wanted;
};

// Which stored documents a re-reading reads, and how far it has come.
struct RereadCursor {
  int64_t after_document_id = 0;
  bool only_outdated = false;  // only those read by other parser versions
  std::optional<int64_t> remaining;  // documents still to read; unset: all
};

// What a re-reading has done so far.
struct RereadProgress {
  int64_t documents_read = 0;
  int64_t documents_changed = 0;  // whose reading revised a record
  int64_t records_revised = 0;
  int64_t documents_refused = 0;  // nothing readable any more: kept as they were
  int64_t last_document_id = 0;
  bool done = false;  // every selected document was read
};

class Ingester {
 public:
  Ingester(storage::IngestStore& store, size_t max_document_bytes)
      : store_(store), max_document_bytes_(max_document_bytes) {}

  // Stores the document and its records, or answers the earlier result when
  // the same bytes or request_id were stored before. INVALID_ARGUMENT, naming
  // the request field, for a document that is empty, too large, not UTF-8
  // text, of an unknown media type or with nothing to extract; nothing is
  // stored then. The store's errors (UNAVAILABLE, ABORTED) pass through.
  absl::StatusOr<storage::IngestResult> Ingest(const DocumentRequest& request);

  // Ingest for many documents, answered in order, the new ones stored in one
  // transaction. One bad document gets its own error and spoils nothing:
  // should the batch's transaction fail for other reasons than the
  // database being unavailable, each document is stored on its own.
  std::vector<absl::StatusOr<storage::IngestResult>> IngestAll(
      absl::Span<const DocumentRequest> requests);

  // Reads the next stored documents after `cursor` again with this
  // release's readers, in one transaction (records change only where the
  // merged reading changed), and moves `cursor` and `progress` on. A
  // document nothing can be read from any more keeps its records and is
  // counted as refused. The store's errors pass through; nothing of the
  // batch is stored then.
  absl::Status RereadBatch(RereadCursor& cursor, RereadProgress& progress);

 private:
  // Whether the request is one worth reading: INVALID_ARGUMENT if not.
  absl::Status Check(const DocumentRequest& request) const;
  // The records the readers take from `content`: INVALID_ARGUMENT naming
  // "content" when they take none.
  absl::StatusOr<Extraction> ReadRecords(const std::string& content,
                                         parsing::MediaType type) const;
  // The document and the records read out of it.
  absl::StatusOr<storage::NewDocument> Read(const DocumentRequest& request,
                                            parsing::MediaType type, std::string sha256) const;

  storage::IngestStore& store_;
  const size_t max_document_bytes_;
};

// A statement's stable id: from where it was published when that is known,
// else from its press symbol ("SG/SM/12668"), else from what it is
// (headline, speaker, date), so that a corrected republication becomes a
// new revision of the same statement.
std::string StatementId(const Statement& statement, const std::string& source_uri);

}  // namespace plenary::ingest
