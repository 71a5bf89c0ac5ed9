// Paths of the test fixtures (tests/data) and of the checkout the tests were built from.
#pragma once

#include <string>

namespace lb::test {

// tests/data/<name> in this checkout.
std::string dataPath(const std::string& name);
// The checkout's root directory.
std::string sourceDir();

}  // namespace lb::test
