// Reads test files, and the document fixtures under tests/fixtures/documents,
// in unit tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace plenary::parsing {

// The content of the file at `path`; an empty string, and a test failure,
// when it cannot be read.
inline std::string ReadTestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read fixture " << path;
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// The content of fixture `name` under tests/fixtures/documents.
inline std::string ReadFixtureForTest(const std::string& name) {
  return ReadTestFile(std::string(PLENARY_FIXTURES_DIR) + "/" + name);
}

}  // namespace plenary::parsing
