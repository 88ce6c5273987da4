// SHA-256 digests, the identity of stored documents and record contents.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace plenary {

// The raw 32-byte SHA-256 digest of data.
std::string Sha256(absl::string_view data);

// Lower-case hex of bytes, e.g. a digest for people and logs.
std::string ToHex(absl::string_view bytes);

}  // namespace plenary
