// What the benchmarks share: start-up, timing summaries and generated
// documents in the formats of ../shared/corpus.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "common/mutex_mode.h"

namespace plenary::bench {

// Parses the flags, and configures the process as the services are
// (service_main.cc), so that in-process services run as they do deployed.
inline void StartBench(int argc, char** argv) {
  TurnOffMutexDeadlockDetection();
  absl::ParseCommandLine(argc, argv);
}

// Percentiles of a set of durations.
class Latencies {
 public:
  void Add(absl::Duration d) { samples_.push_back(d); }
  void Merge(const Latencies& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  }
  size_t size() const { return samples_.size(); }
  absl::Duration Percentile(double p) {
    if (samples_.empty()) return absl::ZeroDuration();
    std::sort(samples_.begin(), samples_.end());
    const size_t index = std::min(samples_.size() - 1, static_cast<size_t>(p * samples_.size()));
    return samples_[index];
  }

 private:
  std::vector<absl::Duration> samples_;
};

inline std::string Micros(absl::Duration d) {
  return absl::StrFormat("%.0f us", absl::ToDoubleMicroseconds(d));
}

// Document `i` of a generated corpus: mostly resolution tables (one to three
// rows with HTML cells), some news stories in Markdown, some web pages in
// HTML. Every document has its own content, and every record its own symbol.
// Returns the media type in `media_type`.
inline std::string GeneratedDocument(int i, std::string& media_type) {
  const int kind = i % 10;
  if (kind < 7) {
    media_type = "text/tab-separated-values";
    std::string table = "Time\tResolution Number\tResolution Name\tDescription\n";
    for (int row = 0; row <= i % 3; ++row) {
      // Realistic symbols: sessions of up to 400 resolutions each.
      const int record = i * 3 + row;
      const int session = 1 + record / 400, number = 1 + record % 400;
      absl::StrAppend(&table, 1 + (i + row) % 28, " December ", 1990 + i % 30, "\tA/RES/",
                      session, "/", number, " General Assembly\tResolution adopted by "
                      "the General Assembly ", session, "/", number, ". South-South cooperation, part ",
                      row, "\t<p>The General Assembly</p> <ul> \xE2\x80\xA2 ", 1 + row,
                      ". Requests the Secretary-General to report on item ", i,
                      "; \xE2\x80\xA2 ", 2 + row,
                      ". Invites Member States to share best practices.</ul>\n");
    }
    return table;
  }
  if (kind < 9) {
    media_type = "text/markdown";
    return absl::StrCat("## Secretary-General urges action on item ", i,
                        "\n\nSecretary-General Ban Ki-moon\n\n", 1 + i % 28,
                        " March 2010 \xE2\x80\x93 Secretary-General Ban Ki-moon today called for "
                        "cooperation in Nairobi on item ", i, ".\n\n\"We must act together on ",
                        i, ",\" he said, recalling resolution 64/222.\n");
  }
  media_type = "text/html";
  return absl::StrCat(
      "<html><body><article><h1>Guterres in Geneva on item ", i,
      "</h1><time datetime=\"2018-09-12\">12 September 2018</time><p class=\"byline\">"
      "Secretary-General Ant\xC3\xB3nio Guterres</p><p>GENEVA \xE2\x80\x93 The Secretary-General "
      "spoke on item ",
      i, ".</p><p>\xE2\x80\x9CPartnership is the way forward on ", i,
      ",\xE2\x80\x9D he said.</p></article></body></html>");
}

}  // namespace plenary::bench
