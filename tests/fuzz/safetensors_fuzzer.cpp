// libFuzzer target for the .safetensors reader and space loader, from memory.
#include "core/io/safetensors.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lb::Result<lb::LatentSpace> s = lb::loadSafetensorsSpace(data, size, nullptr, "fuzz.safetensors");
    if (s) (void)lb::validateSpace(*s);
    if (lb::Result<lb::SafetensorsFile> f = lb::parseSafetensors(data, size, nullptr, "fuzz.safetensors"))
        for (const auto& [name, t] : f->tensors) (void)lb::toFloatMatrix(t);
    return 0;
}
