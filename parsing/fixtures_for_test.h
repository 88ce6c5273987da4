// Reads the document fixtures under tests/fixtures/documents in unit tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace plenary::parsing {

// The content of fixture `name`; an empty string, and a test failure, when
// it cannot be read.
inline std::string ReadFixtureForTest(const std::string& name) {
  const std::string path = std::string(PLENARY_FIXTURES_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read fixture " << path;
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace plenary::parsing
