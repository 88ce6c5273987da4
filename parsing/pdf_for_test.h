// Builds small valid PDF files in tests: pages of text lines in Helvetica,
// or pages with no text at all (as a scan without OCR has none).
#pragma once

#include <string>
#include <vector>

namespace plenary::parsing {

// A PDF whose page i shows pages[i], one string a line, from the top of an
// A4 page down. An empty page has no text layer. Never fails.
inline std::string MinimalPdfForTest(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> objects;  // object i + 1
  std::string kids;
  const size_t first_page_object = 4;
  for (size_t i = 0; i < pages.size(); ++i) {
    kids += std::to_string(first_page_object + 2 * i) + " 0 R ";
  }
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(pages.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (size_t i = 0; i < pages.size(); ++i) {
    std::string content;
    if (!pages[i].empty()) {
      content = "BT /F1 11 Tf 14 TL 72 770 Td\n";
      for (const std::string& line : pages[i]) {
        std::string escaped;
        for (char c : line) {
          if (c == '(' || c == ')' || c == '\\') escaped.push_back('\\');
          escaped.push_back(c);
        }
        content += "(" + escaped + ") Tj T*\n";
      }
      content += "ET\n";
    } else {
      content = "0.5 g 72 72 200 200 re f\n";  // a grey square: something drawn, no text
    }
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " +
                      std::to_string(first_page_object + 2 * i + 1) +
                      " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace plenary::parsing
