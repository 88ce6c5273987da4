#include "parsing/document.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/fixtures_for_test.h"
#include "tests/support/status_matchers.h"

namespace plenary::parsing {
namespace {

using ::plenary::testing::IsOk;
using ::plenary::testing::IsOkAndHolds;
using ::plenary::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(ResolveMediaTypeTest, AcceptsTheFourTypesWithParameters) {
  EXPECT_THAT(ResolveMediaType("text/plain", ""), IsOkAndHolds(MediaType::kPlainText));
  EXPECT_THAT(ResolveMediaType("text/markdown; charset=utf-8", ""),
              IsOkAndHolds(MediaType::kMarkdown));
  EXPECT_THAT(ResolveMediaType(" Text/HTML;charset=UTF-8", ""), IsOkAndHolds(MediaType::kHtml));
  EXPECT_THAT(ResolveMediaType("text/tab-separated-values", ""), IsOkAndHolds(MediaType::kTsv));
}

TEST(ResolveMediaTypeTest, RejectsOtherTypesAndCharsets) {
  EXPECT_THAT(ResolveMediaType("image/png", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("image/png")));
  EXPECT_THAT(ResolveMediaType("text/plain; charset=latin1", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("latin1")));
}

TEST(ResolveMediaTypeTest, ContentWinsOverTheDeclaredType) {
  EXPECT_THAT(ResolveMediaType("application/pdf", ""), IsOkAndHolds(MediaType::kPdf));
  EXPECT_THAT(ResolveMediaType("application/pdf", "Plain words."),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no \"%PDF-\" header")));
  EXPECT_THAT(ResolveMediaType("application/octet-stream", "%PDF-1.4\n"),
              IsOkAndHolds(MediaType::kPdf));
  EXPECT_THAT(ResolveMediaType("text/plain", "%PDF-1.4\n"), IsOkAndHolds(MediaType::kPdf));
  EXPECT_THAT(ResolveMediaType("text/plain", ReadFixtureForTest("resolutions.tsv")),
              IsOkAndHolds(MediaType::kTsv));
  EXPECT_THAT(ResolveMediaType("text/plain", ReadFixtureForTest("story.html")),
              IsOkAndHolds(MediaType::kHtml));
  EXPECT_THAT(ResolveMediaType("application/octet-stream", "Just words."),
              IsOkAndHolds(MediaType::kPlainText));
}

TEST(MediaTypeNameTest, NamesEachTypeAsResolveMediaTypeReadsIt) {
  for (const auto& [type, content] :
       {std::pair{MediaType::kPlainText, "Resolution 64/222"},
        std::pair{MediaType::kMarkdown, "# Title\n\nText"},
        std::pair{MediaType::kHtml, "<html><body>x</body></html>"},
        std::pair{MediaType::kTsv, "Time\tResolution Number\n1 May\tA/RES/1/1\n"}}) {
    absl::StatusOr<MediaType> read = ResolveMediaType(MediaTypeName(type), content);
    ASSERT_THAT(read.status(), IsOk()) << MediaTypeName(type);
    EXPECT_EQ(*read, type) << MediaTypeName(type);
  }
  EXPECT_EQ(MediaTypeName(MediaType::kPdf), "application/pdf");
}

TEST(ResolveMediaTypeTest, SniffsWhenNoTypeIsGiven) {
  EXPECT_THAT(ResolveMediaType("", ReadFixtureForTest("story.html")), IsOkAndHolds(MediaType::kHtml));
  EXPECT_THAT(ResolveMediaType("", ReadFixtureForTest("resolutions.tsv")),
              IsOkAndHolds(MediaType::kTsv));
  EXPECT_THAT(ResolveMediaType("", ReadFixtureForTest("news_story.md")),
              IsOkAndHolds(MediaType::kMarkdown));
  EXPECT_THAT(ResolveMediaType("", ReadFixtureForTest("web_page.txt")),
              IsOkAndHolds(MediaType::kPlainText));
}

TEST(ValidateTextTest, AcceptsText) { EXPECT_THAT(ValidateText("résolution\t64/222\r\n"), IsOk()); }

TEST(ValidateTextTest, RejectsEmptyBinaryAndBadUtf8) {
  EXPECT_THAT(ValidateText(""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  EXPECT_THAT(ValidateText(" \n\t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("whitespace")));
  EXPECT_THAT(ValidateText(std::string("ab\0cd", 5)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("NUL byte at offset 2")));
  EXPECT_THAT(ValidateText("ab\x01"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("control byte 0x01")));
  EXPECT_THAT(ValidateText("caf\xe9 au lait"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not valid UTF-8: bad byte 0xe9 at offset 3")));
}

TEST(ParseDocumentTest, DispatchesOnTheMediaType) {
  absl::StatusOr<Extraction> table =
      ParseDocument(ReadFixtureForTest("resolutions.tsv"), MediaType::kTsv);
  ASSERT_THAT(table, IsOk());
  EXPECT_THAT(table->resolutions, SizeIs(4));
  EXPECT_THAT(table->warnings, SizeIs(4));

  absl::StatusOr<Extraction> page = ParseDocument(ReadFixtureForTest("story.html"), MediaType::kHtml);
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(page->statements, SizeIs(1));

  absl::StatusOr<Extraction> story =
      ParseDocument("\xef\xbb\xbf## Headline\r\n\r\nSecretary-General Ban Ki-moon spoke.\r\n",
                    MediaType::kMarkdown);
  ASSERT_THAT(story, IsOk());
  ASSERT_THAT(story->statements, SizeIs(1));
  EXPECT_EQ(story->statements[0].headline, "Headline");
}

TEST(ParseDocumentTest, SaysWhenNothingCouldBeExtracted) {
  EXPECT_THAT(ParseDocument("It rained.", MediaType::kPlainText),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nothing could be extracted")));
  // The reason names each reading tried and what it lacked.
  EXPECT_THAT(ParseDocument("It rained.", MediaType::kPlainText),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("as a resolution text: no resolution heading"),
                             HasSubstr("as a statement: the text names no speaker"))));
  EXPECT_THAT(ParseDocument("<p>It rained.</p>", MediaType::kHtml),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("as a table of meetings"), HasSubstr("as a page"))));
  EXPECT_THAT(ParseDocument("a\tb\tc\n1\t2\t3\n", MediaType::kTsv),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nothing could be extracted")));
  EXPECT_THAT(ParseDocument("", MediaType::kHtml),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
}

}  // namespace
}  // namespace plenary::parsing
