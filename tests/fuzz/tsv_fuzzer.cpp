// libFuzzer target: projector tensors.tsv + metadata.tsv parser. The input is split at its first NUL byte:
// bytes before it are the tensors, bytes after it the metadata (no NUL: tensors only).
#include "core/io/projector_tsv.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const char* bytes = reinterpret_cast<const char*>(data);
    const void* nul = std::memchr(bytes, '\0', size);
    const size_t tensorSize = nul ? static_cast<size_t>(static_cast<const char*>(nul) - bytes) : size;
    const lb::TextBuffer tensors{bytes, tensorSize, "fuzz.tsv"};
    lb::Result<lb::LatentSpace> r = [&] {
        if (!nul) return lb::parseProjectorTsv(tensors, nullptr);
        const lb::TextBuffer meta{bytes + tensorSize + 1, size - tensorSize - 1, "fuzz_metadata.tsv"};
        return lb::parseProjectorTsv(tensors, &meta);
    }();
    if (r) {
        volatile float sink = 0.0f;
        for (lb::Index i = 0; i < r->embeddings.view().size(); ++i) sink = sink + r->embeddings.data()[i];
        for (int32_t label : r->labels) sink = sink + static_cast<float>(label);
    }
    return 0;
}
