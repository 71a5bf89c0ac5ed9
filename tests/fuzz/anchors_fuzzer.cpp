// libFuzzer target for anchor files, against a space with keys and one without.
#include "core/relative/anchor_selection.h"
#include "tests/fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const lb::LatentSpace keyed = [] {
        lb::LatentSpace s;
        s.path = "keyed.npz";
        s.embeddings = lb::Embeddings(lb::RowMatrixXf::Zero(6, 2));
        s.keys = {"a", "b", "c", "10", "x y", ""};
        return s;
    }();
    static const lb::LatentSpace plain = [] {
        lb::LatentSpace s;
        s.path = "plain.npy";
        s.embeddings = lb::Embeddings(lb::RowMatrixXf::Zero(20, 2));
        return s;
    }();
    const std::string path = lb::fuzz::writeInput("anchors.txt", data, size);
    (void)lb::readAnchorFile(path, keyed);
    (void)lb::readAnchorFile(path, plain);
    return 0;
}
