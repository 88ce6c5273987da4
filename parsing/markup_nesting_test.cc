#include "parsing/markup_nesting.h"

#include <sys/resource.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/document.h"

namespace plenary::parsing {
namespace {

using ::testing::HasSubstr;

std::string Repeat(std::string_view piece, int times) {
  std::string text;
  text.reserve(piece.size() * times);
  for (int i = 0; i < times; ++i) text += piece;
  return text;
}

long PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(CheckMarkupNestingTest, AcceptsPagesAsTheyAre) {
  EXPECT_TRUE(CheckMarkupNesting("<html><body><div><p>One<p>Two<ul><li>a<li>b</ul></div>").ok());
  // Ten thousand paragraphs and cells left open nest no deeper than one.
  EXPECT_TRUE(CheckMarkupNesting(Repeat("<p>text <br> more", 10000)).ok());
  EXPECT_TRUE(CheckMarkupNesting("<table>" + Repeat("<tr><td>a<td>b", 5000) + "</table>").ok());
  // Closed elements, however many; self-closing ones in SVG.
  EXPECT_TRUE(CheckMarkupNesting(Repeat("<div><span>x</span></div>", 10000)).ok());
  EXPECT_TRUE(CheckMarkupNesting("<svg>" + Repeat("<path d='M0 0'/>", 1000) + "</svg>").ok());
  // Cells with unclosed formatting, as voting tables have them.
  EXPECT_TRUE(CheckMarkupNesting("<table>" + Repeat("<tr><td><font>Yes</td><td><b>No", 300) +
                                 "</table>")
                  .ok());

  EXPECT_TRUE(CheckMarkupNesting(Repeat("<div>", 200) + Repeat("</div>", 200)).ok());
  // Tags inside comments, scripts and attribute values are not tags.
  EXPECT_TRUE(CheckMarkupNesting("<!--" + Repeat("<div>", 1000) + "-->").ok());
  EXPECT_TRUE(CheckMarkupNesting("<script>" + Repeat("<div>", 1000) + "</script>").ok());
  EXPECT_TRUE(CheckMarkupNesting("<SCRIPT>" + Repeat("<div>", 1000) + "</script>").ok());
  EXPECT_TRUE(CheckMarkupNesting(Repeat("<a title=\"x>y<div>\">z</a>", 1000)).ok());
  // Text that merely holds '<'.
  EXPECT_TRUE(CheckMarkupNesting(Repeat("a < b, 3<4 ", 10000)).ok());
}

TEST(CheckMarkupNestingTest, RefusesDeepNesting) {
  const absl::Status divs = CheckMarkupNesting(Repeat("<div>", 300));
  EXPECT_EQ(divs.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(divs.message(), HasSubstr("more than 256 elements deep"));
  // The ways around a naive count that browsers (and gumbo) do not take.
  for (const std::string& content : {
           Repeat("<b>", 300),                       // unclosed formatting
           Repeat("<div></p></span>", 300),          // end tags of elements not open
           Repeat("<DIV class='a'>", 300),           // case, quoted attributes
           Repeat("<div/>", 300),                    // a slash on an HTML element
           Repeat("<i x\">", 300),                   // a quote that is not a value's
           Repeat("<!--><div>", 300),                // an empty comment
           Repeat("<script></SCRIPT><div>", 300),    // a raw-text end tag in capitals
           Repeat("<b><div></b>", 300),              // a misnested formatting end tag
           Repeat("<p><div>", 300),                  // blocks inside paragraphs
       }) {
    EXPECT_EQ(CheckMarkupNesting(content).code(), absl::StatusCode::kInvalidArgument)
        << content.substr(0, 40);
  }
}

// The documents that made the server use gigabytes and burn CPU for tens
// of seconds are refused at once, and small.
TEST(ParseDocumentHostileMarkupTest, DeepMarkupIsRefusedFastAndSmall) {
  const std::vector<std::pair<std::string, std::string>> documents = {
      {"150 KB of <div>", Repeat("<div>", 30000)},
      {"60 KB of <b>", Repeat("<b>", 20000)},
      {"100k closed nested divs", Repeat("<div>", 100000) + Repeat("</div>", 100000)},
      {"1.6M nested divs", Repeat("<div>", 1600000)},
  };
  for (const auto& [what, content] : documents) {
    for (MediaType type : {MediaType::kHtml, MediaType::kTsv}) {
      const long rss_before = PeakRssKib();
      const absl::Time start = absl::Now();
      const absl::StatusOr<Extraction> extraction = ParseDocument(content, type);
      const absl::Duration took = absl::Now() - start;
      EXPECT_EQ(extraction.status().code(), absl::StatusCode::kInvalidArgument) << what;
      EXPECT_LT(took, absl::Seconds(1)) << what;
      EXPECT_LT(PeakRssKib() - rss_before, 64 << 10) << what;
    }
  }
}

// What is left is linear: an 8 MB page of flat markup parses in seconds at
// most, without growing out of proportion.
TEST(ParseDocumentHostileMarkupTest, LargeFlatMarkupParsesInLinearTime) {
  const std::string page =
      "<html><body><h1>Secretary-General says</h1>" +
      Repeat("<p>The <b>Secretary-General</b> said: \"We act.\"</p><div>x<br></div>", 150000);
  ASSERT_GT(page.size(), 8u << 20);
  const long rss_before = PeakRssKib();
  const absl::Time start = absl::Now();
  (void)ParseDocument(page, MediaType::kHtml);
  EXPECT_LT(absl::Now() - start, absl::Seconds(20));
  EXPECT_LT(PeakRssKib() - rss_before, 1 << 20);  // KiB: a gigabyte
}

}  // namespace
}  // namespace plenary::parsing
