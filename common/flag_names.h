// Lets every binary accept --foo-bar for Abseil's --foo_bar: operators write
// both, and Abseil's flags know only the second.
#pragma once

#include <string>
#include <vector>

namespace plenary {

// argv with the names (not the values) of "--x-y" flags rewritten as
// "--x_y", up to a "--". The returned pointers point into `storage`; the
// vector ends with a null pointer, like argv.
std::vector<char*> WithUnderscoredFlagNames(int argc, char** argv,
                                            std::vector<std::string>& storage);

}  // namespace plenary
