// One-line-per-event logging to stderr, as text or as JSON objects.
// Abseil 20220623 (Debian 12) has no absl/log, and a service needs only this.
#pragma once

#include <initializer_list>
#include "absl/strings/string_view.h"
#include <utility>

namespace plenary {

enum class LogFormat { kText, kJson };
enum class LogLevel { kInfo, kWarning, kError };

// A named value attached to a log line, e.g. {"method", "/plenary.v1.X/Get"}.
using LogField = std::pair<absl::string_view, absl::string_view>;

// Chooses the output format for all later lines; the default is text.
void SetLogFormat(LogFormat format);

// Writes one line: time, level, message and the fields that are not empty.
// Thread-safe.
void Log(LogLevel level, absl::string_view message,
         std::initializer_list<LogField> fields = {});

}  // namespace plenary
