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
  std::string media_type;
  std::string source_uri;
  std::optional<absl::Time> published_at;
  std::string request_id;  // empty: none
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
};

// What identifies a document already stored: its bytes or its request_id.
struct DocumentKey {
  std::string sha256;      // raw 32-byte digest of content
  std::string request_id;  // empty: none
};

class IngestStore {
 public:
  virtual ~IngestStore() = default;

  // For each key, the result of the document stored earlier with those bytes
  // or, when request_id is not empty, that request_id (which wins), with
  // duplicate set; nullopt when neither is known. UNAVAILABLE when the
  // database is down.
  virtual absl::StatusOr<std::vector<std::optional<IngestResult>>> FindDocuments(
      absl::Span<const DocumentKey> keys) = 0;

  // Stores the documents, in order, in one transaction: each with a new
  // revision of every record whose content changed (revision 1 for a new
  // one) and one feed event per new revision. A record restated unchanged is
  // matched, not revised. A document whose bytes or request_id were stored
  // meanwhile, or earlier in the batch, gets that earlier result and stores
  // nothing. One result per document, in order. UNAVAILABLE when the
  // database is down; any error means nothing was stored.
  virtual absl::StatusOr<std::vector<IngestResult>> StoreDocuments(
      absl::Span<const NewDocument> documents) = 0;

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
