#include "common/log.h"

#include <atomic>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace plenary {
namespace {

std::atomic<LogFormat> g_format{LogFormat::kText};

absl::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

void AppendJsonString(std::string& out, absl::string_view value) {
  out += '"';
  for (unsigned char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          absl::StrAppend(&out, "\\u00", absl::Hex(c, absl::kZeroPad2));
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace

void SetLogFormat(LogFormat format) { g_format.store(format); }

void Log(LogLevel level, absl::string_view message,
         std::initializer_list<LogField> fields) {
  const std::string time =
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  std::string line;
  if (g_format.load() == LogFormat::kJson) {
    absl::StrAppend(&line, "{\"time\":\"", time, "\",\"level\":\"",
                    LevelName(level), "\",\"msg\":");
    AppendJsonString(line, message);
    for (const auto& [key, value] : fields) {
      if (value.empty()) continue;
      line += ',';
      AppendJsonString(line, key);
      line += ':';
      AppendJsonString(line, value);
    }
    line += "}\n";
  } else {
    absl::StrAppend(&line, time, " ", LevelName(level), " ", message);
    for (const auto& [key, value] : fields) {
      if (value.empty()) continue;
      absl::StrAppend(&line, " ", key, "=", value);
    }
    line += '\n';
  }
  // One fwrite per line keeps concurrent lines whole.
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace plenary
