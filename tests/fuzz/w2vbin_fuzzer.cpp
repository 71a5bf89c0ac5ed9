// libFuzzer target: word2vec binary parser on arbitrary bytes. Must never crash, hang, or allocate more
// than the input can hold (run with -rss_limit_mb).
#include "core/io/word2vec_bin.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lb::LoadOptions options;
    options.dropNonFinite = size > 0 && (data[size - 1] & 1);
    lb::Result<lb::LatentSpace> r = lb::parseWord2VecBin(data, size, "fuzz.bin", options);
    if (r) {
        volatile float sink = 0.0f;
        for (lb::Index i = 0; i < r->embeddings.view().size(); ++i) sink = sink + r->embeddings.data()[i];
    }
    return 0;
}
