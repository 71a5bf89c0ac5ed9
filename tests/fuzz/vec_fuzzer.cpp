// libFuzzer target: word2vec / GloVe text parser on arbitrary bytes. Must never crash, hang, or allocate
// more than the input can hold (run with -rss_limit_mb).
#include "core/io/vec.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lb::LoadOptions options;
    options.dropNonFinite = size > 0 && (data[0] & 1);
    lb::Result<lb::LatentSpace> r = lb::parseVec(reinterpret_cast<const char*>(data), size, "fuzz.vec", options);
    if (r) {
        // Touch the result so a wrong shape shows up as an out-of-bounds read.
        volatile float sink = 0.0f;
        for (lb::Index i = 0; i < r->embeddings.view().size(); ++i) sink = sink + r->embeddings.data()[i];
    }
    return 0;
}
