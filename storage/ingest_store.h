// What ingestion needs from storage: find a document already stored, and
// store a new one with its records, atomically.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
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

class IngestStore {
 public:
  virtual ~IngestStore() = default;

  // The result of the document stored earlier with these bytes (raw digest)
  // or, when request_id is not empty, this request_id; duplicate is true.
  // NOT_FOUND when neither is known; UNAVAILABLE when the database is down.
  virtual absl::StatusOr<IngestResult> FindDocument(absl::string_view sha256,
                                                    absl::string_view request_id) = 0;

  // Stores the document, a new revision of each record whose content changed
  // (revision 1 for a new one) and one feed event per new revision, all in
  // one transaction. A record restated unchanged is matched, not revised. If
  // the same bytes or request_id were stored meanwhile, returns that earlier
  // result and stores nothing. UNAVAILABLE when the database is down,
  // ABORTED on a conflict worth retrying.
  virtual absl::StatusOr<IngestResult> StoreDocument(const NewDocument& document) = 0;
};

}  // namespace plenary::storage
