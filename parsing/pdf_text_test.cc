#include "parsing/pdf_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parsing/document.h"
#include "parsing/pdf_for_test.h"

namespace plenary::parsing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// An adopted resolution in the UN's layout: masthead, adoption line, number
// and title, a footnote, page furniture, a second page with running heads.
std::vector<std::vector<std::string>> ResolutionPages() {
  return {
      {"United Nations", "A/RES/79/501", "General Assembly", "Distr.: General",
       "14 January 2025", "Seventy-ninth session", "Agenda item 12",
       "Resolution adopted by the General Assembly on", "20 December 2024",
       "[on the report of the Second Committee (A/79/440/Add.3)]",
       "79/501. Cooperation on desert locust control", "The General Assembly,",
       "Recalling its resolution 77/190 of 14 December 2022,",
       "Noting the report of the Secretary-General, 1", "__________________",
       "1 A/79/302.", "24-23911 (E)", "*2423911*"},
      {"A/RES/79/501", "Cooperation on desert locust control",
       "1. Welcomes the work of the Food and Agriculture Organization;",
       "2. Requests the Secretary-General to report to the General Assembly at its",
       "eighty-first session.", "51st plenary meeting", "20 December 2024", "2/2"},
  };
}

TEST(PdfTextTest, ReadsEachPageFollowedByAFormFeed) {
  absl::StatusOr<std::string> text = ExtractPdfText(MinimalPdfForTest({{"Page one"}, {"Page two"}}));
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_THAT(*text, HasSubstr("Page one"));
  EXPECT_LT(text->find("Page one"), text->find('\f'));
  EXPECT_GT(text->find("Page two"), text->find('\f'));
}

// As pdftotext prints it: one form feed a page, a page without text too
// (Poppler ends each page's text with one of its own).
TEST(PdfTextTest, EachPageEndsWithOneFormFeed) {
  absl::StatusOr<std::string> text =
      ExtractPdfText(MinimalPdfForTest({{"Page one"}, {}, {"Page three", "its end"}}));
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "Page one\n\n\f\fPage three\nits end\n\n\f");
}

TEST(PdfTextTest, AResolutionPdfGivesTheResolution) {
  const std::string pdf = MinimalPdfForTest(ResolutionPages());
  absl::StatusOr<MediaType> type = ResolveMediaType("application/octet-stream", pdf);
  ASSERT_TRUE(type.ok());
  EXPECT_EQ(*type, MediaType::kPdf);
  absl::StatusOr<Extraction> extraction = ParseDocument(pdf, *type);
  ASSERT_TRUE(extraction.ok()) << extraction.status();
  ASSERT_EQ(extraction->resolutions.size(), 1u);
  const Resolution& resolution = extraction->resolutions[0];
  EXPECT_EQ(resolution.symbol, "A/RES/79/501");
  EXPECT_EQ(resolution.title, "Cooperation on desert locust control");
  EXPECT_EQ(resolution.adopted, (PartialDate{2024, 12, 20}));
  EXPECT_EQ(resolution.references, std::vector<std::string>{"A/RES/77/190"});
  EXPECT_EQ(resolution.source_documents, std::vector<std::string>{"A/79/440/Add.3"});
  EXPECT_EQ(resolution.meeting.number, 51);
  ASSERT_EQ(resolution.paragraphs.size(), 4u);
  EXPECT_EQ(resolution.paragraphs[1].text, "Noting the report of the Secretary-General,");
  EXPECT_EQ(resolution.paragraphs[3].number, "2");
  EXPECT_EQ(resolution.paragraphs[3].kind, ParagraphKind::kOperative);
  for (const Paragraph& paragraph : resolution.paragraphs) {
    EXPECT_THAT(paragraph.text, Not(HasSubstr("2423911")));
    EXPECT_THAT(paragraph.text, Not(HasSubstr("A/79/302")));
  }
}

TEST(PdfTextTest, APdfWithoutATextLayerIsRefusedAsSuch) {
  absl::StatusOr<std::string> text = ExtractPdfText(MinimalPdfForTest({{}, {}}));
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(text.status().message(), HasSubstr("no text layer"));
  absl::StatusOr<Extraction> extraction =
      ParseDocument(MinimalPdfForTest({{}}), MediaType::kPdf);
  EXPECT_THAT(extraction.status().message(), HasSubstr("OCR"));
}

TEST(PdfTextTest, ADamagedPdfIsRefused) {
  absl::StatusOr<std::string> text = ExtractPdfText("%PDF-1.7\nnothing else at all");
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(ExtractPdfText("plain words").ok());
}

TEST(PdfTextTest, LimitsAreKept) {
  PdfLimits pages;
  pages.max_pages = 1;
  EXPECT_THAT(ExtractPdfText(MinimalPdfForTest({{"a"}, {"b"}}), pages).status().message(),
              HasSubstr("2 pages, more than the limit of 1"));
  PdfLimits bytes;
  bytes.max_bytes = 100;
  EXPECT_THAT(ExtractPdfText(MinimalPdfForTest({{"a"}}), bytes).status().message(),
              HasSubstr("more than the limit of 100"));
  PdfLimits text;
  text.max_text_bytes = 10;
  EXPECT_THAT(ExtractPdfText(MinimalPdfForTest({{"a line longer than ten bytes"}}), text)
                  .status()
                  .message(),
              HasSubstr("passes the limit of 10 bytes"));
}

TEST(PdfTextTest, ADraftPdfGivesNoResolution) {
  const std::string pdf = MinimalPdfForTest({{"GENERAL", "ASSEMBLY", "Distr.", "LIMITED",
                                              "A/L.999", "3 October 1971",
                                              "Albania and Algeria: draft resolution",
                                              "The General Assembly,",
                                              "Decides to restore all its rights."}});
  absl::StatusOr<Extraction> extraction = ParseDocument(pdf, MediaType::kPdf);
  EXPECT_EQ(extraction.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(extraction.status().message(), HasSubstr("draft resolution (A/L.999)"));
}

}  // namespace
}  // namespace plenary::parsing
