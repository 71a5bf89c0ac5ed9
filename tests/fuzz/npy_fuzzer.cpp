// libFuzzer target for the .npy reader: parse from memory, then run every conversion the dtype allows.
#include "core/io/npy.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lb::Result<lb::NpyArray> a = lb::parseNpy(data, size, nullptr, "fuzz.npy");
    if (!a) return 0;
    if (lb::Result<lb::Embeddings> e = lb::toEmbeddings(*a)) {
        volatile float sink = e->rows() > 0 && e->cols() > 0 ? e->view()(e->rows() - 1, e->cols() - 1) : 0.0f;
        (void)sink;
    }
    (void)lb::toInt32Vector(*a);
    (void)lb::toStrings(*a);
    (void)lb::toImages(*a);
    (void)lb::toFloatVector(*a);
    return 0;
}
