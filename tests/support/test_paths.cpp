// Where the test fixtures and the checkout are. The only test source compiled with these paths, so every other
// test object is the same in any checkout.
#include "tests/support/test_paths.h"

namespace lb::test {

std::string dataPath(const std::string& name) {
    return std::string(LB_TEST_DATA_DIR) + "/" + name;
}

std::string sourceDir() {
    return LB_SOURCE_DIR;
}

}  // namespace lb::test
