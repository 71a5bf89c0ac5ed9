// For fuzz targets whose parser reads a file by path: the input bytes written to a fresh file in a private
// folder (the parsers then go through the same openForReading and size checks as real use).
#pragma once

#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace lb::fuzz {

inline std::string fuzzDir() {
    static const std::string dir = [] {
        char tmpl[] = "/tmp/lb-fuzz-XXXXXX";
        const char* made = ::mkdtemp(tmpl);
        return std::string(made ? made : "/tmp");
    }();
    return dir;
}

// Writes data[0, size) to <fuzzDir()>/<name> and returns that path.
inline std::string writeInput(const std::string& name, const uint8_t* data, size_t size) {
    const std::string path = fuzzDir() + "/" + name;
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        if (size > 0) std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    return path;
}

}  // namespace lb::fuzz
