// libFuzzer target for .npy sidecars: a fixed 4 x 3 space whose emb.json is the input (the files it names may or may
// not exist in the fuzz folder: both paths are exercised).
#include "core/io/load_space.h"
#include "core/io/npy.h"
#include "tests/fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string npy = [] {
        const std::string p = lb::fuzz::fuzzDir() + "/emb.npy";
        (void)lb::writeNpy(p, lb::RowMatrixXf::Ones(4, 3));
        const uint8_t labels[] = "0\n1\n2\n3\n";
        lb::fuzz::writeInput("keys.txt", labels, sizeof labels - 1);
        return p;
    }();
    lb::fuzz::writeInput("emb.json", data, size);
    (void)lb::loadSpace(npy);
    return 0;
}
