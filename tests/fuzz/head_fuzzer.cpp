// libFuzzer target for linear head files: the input as a .npz and as a .safetensors head.
#include "core/io/linear_head_io.h"
#include "tests/fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    (void)lb::loadLinearHead(lb::fuzz::writeInput("head.npz", data, size));
    (void)lb::loadLinearHead(lb::fuzz::writeInput("head.safetensors", data, size));
    return 0;
}
