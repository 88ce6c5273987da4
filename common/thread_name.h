// Names for the threads Plenary starts, so that `top -H`, `perf` and gdb
// tell the feed's listener from a database worker.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace plenary {

// Names the calling thread; Linux keeps the first 15 bytes.
void NameThisThread(absl::string_view name);

// The calling thread's name.
std::string ThisThreadName();

}  // namespace plenary
