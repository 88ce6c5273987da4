// Records as Plenary keeps them: with their revision and the document each
// revision was read from.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "model/records.h"

namespace plenary {

// The stored document a revision was read from.
struct SourceInfo {
  int64_t document_id = 0;
  std::string uri;
  std::string sha256_hex;
  std::string media_type;
  absl::Time ingested_at;
  std::string parser_version;  // of the readers that read it
  friend bool operator==(const SourceInfo&, const SourceInfo&) = default;
};

struct StoredResolution {
  Resolution resolution;  // aliases: every form known for it, from all sources
  int revision = 0;
  SourceInfo source;  // the document whose reading made this revision
  // Every document whose reading added to or changed the resolution,
  // oldest first.
  std::vector<SourceInfo> sources;
};

struct StoredStatement {
  std::string id;
  Statement statement;
  int revision = 0;
  SourceInfo source;
};

using StoredEntry = std::variant<StoredResolution, StoredStatement>;

}  // namespace plenary
