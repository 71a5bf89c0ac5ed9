// libFuzzer target for session files: reading and validating every field (spaces are not opened).
#include "core/session/session_file.h"
#include "tests/fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)lb::readSessionFile(lb::fuzz::writeInput("session.json", data, size));
    return 0;
}
