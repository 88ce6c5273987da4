// What ingestion needs from storage: find a document already stored, and
// store a new one with its records, atomically.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "absl/time/time.h"
#include "model/records.h"
#include "model/stored.h"

namespace plenary::storage {

// A statement with the stable id ingestion gave it.
struct IdentifiedStatement {
  std::string id;
  Statement statement;
};

// A published document and the records read out of it.
struct NewDocument {
  std::string content;
  std::string sha256;  // raw 32-byte digest of content
  std::string media_type;  // what it was read as
  std::string source_uri;
  std::optional<absl::Time> published_at;
  std::string request_id;  // empty: none
  std::string parser_version;  // of the readers that read it
  std::vector<Resolution> resolutions;
  std::vector<IdentifiedStatement> statements;
  std::vector<std::string> warnings;
};

// A stored document, to be read again.
struct StoredDocument {
  int64_t id = 0;
  std::string content;
  std::string media_type;
  std::string source_uri;
  std::optional<absl::Time> published_at;
  std::string parser_version;  // of its latest reading
};

// What a stored document reads as now.
struct Rereading {
  int64_t document_id = 0;
  std::string parser_version;
  std::vector<Resolution> resolutions;
  std::vector<IdentifiedStatement> statements;
  std::vector<std::string> warnings;
};

// What storing a document did.
struct IngestResult {
  int64_t document_id = 0;
  bool duplicate = false;  // stored before; nothing new was created
  // The records the document created or matched, as stored, in the order
  // the document gave them.
  std::vector<StoredEntry> entries;
  std::vector<std::string> warnings;
  int revisions = 0;  // new revisions written (each with a feed event)
};

// What identifies a document already stored: its bytes read as one media
// type, or its request_id.
struct DocumentKey {
  std::string sha256;      // raw 32-byte digest of content
  std::string request_id;  // empty: none
  std::string media_type;  // the same bytes read as another type are another document
};

class IngestStore {
 public:
  virtual ~IngestStore() = default;

  // For each key, the result of the document stored earlier with those bytes
  // and media type or, when request_id is not empty, that request_id (which
  // wins), with duplicate set; nullopt when neither is known. UNAVAILABLE
  // when the database is down.
  virtual absl::StatusOr<std::vector<std::optional<IngestResult>>> FindDocuments(
      absl::Span<const DocumentKey> keys) = 0;

  // Stores the documents, in order, in one transaction: each with a new
  // revision of every record whose content changed (revision 1 for a new
  // one) and one feed event per new revision. A resolution already known is
  // merged with the new reading (model/merge.h) first. A record restated
  // unchanged is matched, not revised. A document whose key was stored
  // meanwhile, or earlier in the batch, gets that earlier result and stores
  // nothing. One result per document, in order. UNAVAILABLE when the
  // database is down; any error means nothing was stored.
  virtual absl::StatusOr<std::vector<IngestResult>> StoreDocuments(
      absl::Span<const NewDocument> documents) = 0;

  // Up to `limit` stored documents with ids above `after_id`, in id order,
  // holding at most about `max_bytes` of content (always at least one);
  // with `outdated_for` not empty, only those last read by another parser
  // version.
  virtual absl::StatusOr<std::vector<StoredDocument>> ReadDocuments(
      int64_t after_id, int limit, size_t max_bytes, const std::string& outdated_for) = 0;

  // Stores what stored documents read as now, in one transaction, as
  // StoreDocuments stores a new document's records: each document's
  // entries become the new reading's, records whose merged content changed
  // get a revision and a feed event, others none.
  virtual absl::StatusOr<std::vector<IngestResult>> StoreRereadings(
      absl::Span<const Rereading> rereadings) = 0;

  // FindDocuments for one document: NOT_FOUND when it is not known.
  absl::StatusOr<IngestResult> FindDocument(const DocumentKey& key) {
    absl::StatusOr<std::vector<std::optional<IngestResult>>> found = FindDocuments({&key, 1});
    if (!found.ok()) return found.status();
    if (!found->front().has_value()) return absl::NotFoundError("no such document");
    return *std::move(found->front());
  }

  // StoreDocuments for one document.
  absl::StatusOr<IngestResult> StoreDocument(const NewDocument& document) {
    absl::StatusOr<std::vector<IngestResult>> stored = StoreDocuments({&document, 1});
    if (!stored.ok()) return stored.status();
    return std::move(stored->front());
  }
};

}  // namespace plenary::storage
