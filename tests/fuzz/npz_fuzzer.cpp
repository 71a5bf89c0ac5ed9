// libFuzzer target for the zip reader and the .npz space loader, from memory.
#include "core/io/npz.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lb::Result<lb::LatentSpace> s = lb::loadNpzSpace(data, size, nullptr, "fuzz.npz");
    if (s) (void)lb::validateSpace(*s);
    // Also read every member, whatever its name, to reach the zip paths the space loader skips.
    if (lb::Result<lb::NpzFile> npz = lb::NpzFile::open(data, size, nullptr, "fuzz.npz"))
        for (const std::string& name : npz->names()) (void)npz->array(name);
    return 0;
}
