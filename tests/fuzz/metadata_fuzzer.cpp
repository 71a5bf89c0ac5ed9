// libFuzzer target for TensorBoard projector metadata.tsv, applied to a 4-row space.
#include "core/io/projector_metadata.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lb::LatentSpace s;
    s.path = "tensors.tsv";
    s.embeddings = lb::Embeddings(lb::RowMatrixXf::Zero(4, 2));
    (void)lb::applyProjectorMetadata(reinterpret_cast<const char*>(data), size, "metadata.tsv", s);
    if (!s.labels.empty()) (void)s.numClasses();
    return 0;
}
