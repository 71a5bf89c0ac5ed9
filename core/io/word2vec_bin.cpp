#include "core/io/word2vec_bin.h"

#include "core/io/mapped_file.h"
#include "core/io/text_scan.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>

namespace lb {

namespace {

std::string at(uint64_t row, size_t offset) {
    return "row " + std::to_string(row) + ", byte offset " + std::to_string(offset);
}

// Parses "N D" from the header line (without its '\n').
bool parseHeader(std::string_view line, uint64_t& n, uint64_t& d) {
    while (!line.empty() && textscan::isBlank(line.back())) line.remove_suffix(1);
    while (!line.empty() && textscan::isBlank(line.front())) line.remove_prefix(1);
    const size_t space = line.find_first_of(" \t");
    if (space == std::string_view::npos) return false;
    std::string_view second = line.substr(space);
    while (!second.empty() && textscan::isBlank(second.front())) second.remove_prefix(1);
    return textscan::parseUnsigned(line.substr(0, space), n) && textscan::parseUnsigned(second, d);
}

// Copies D little-endian float32 into `out` (a byte swap on big-endian hosts).
void readFloats(const unsigned char* src, size_t d, float* out) {
    std::memcpy(out, src, d * sizeof(float));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    for (size_t j = 0; j < d; ++j) {
        uint32_t u;
        std::memcpy(&u, out + j, 4);
        u = __builtin_bswap32(u);
        std::memcpy(out + j, &u, 4);
    }
#endif
}

}  // namespace

Result<LatentSpace> parseWord2VecBin(const unsigned char* data, size_t size, const std::string& displayName,
                                     const LoadOptions& options) {
    const std::string& name = displayName;
    if (size == 0) return badInput(name, "empty file");
    const void* nl = std::memchr(data, '\n', size < 256 ? size : 256);
    if (!nl) return badInput(name, "no header line \"N D\" in the first 256 bytes");
    const size_t headerLen = static_cast<size_t>(static_cast<const unsigned char*>(nl) - data);
    uint64_t n = 0, d = 0;
    const std::string_view headerText(reinterpret_cast<const char*>(data), headerLen);
    if (!parseHeader(headerText, n, d))
        return badInput(name, "malformed header " + textscan::quoteToken(headerText) + " (expected \"N D\")");
    if (n == 0 || d == 0) return badInput(name, "header announces no data (N or D is 0)");

    // A record is at least one word byte, a space and 4*D bytes: refuse a lying header before allocating.
    size_t pos = headerLen + 1;
    uint64_t recordMin = 0, total = 0;
    if (textscan::mulOverflows(d, 4, recordMin) || textscan::mulOverflows(n, recordMin + 2, total) ||
        total > size - pos)
        return badInput(name, "header claims " + std::to_string(n) + " x " + std::to_string(d) +
                                  " float32 values, more than a file of " + std::to_string(size) + " bytes can hold");

    RowMatrixXf matrix(static_cast<Index>(n), static_cast<Index>(d));
    std::vector<std::string> words;
    words.reserve(std::min<uint64_t>(n, size / 16));  // grows past that only as records are read
    const size_t vecBytes = static_cast<size_t>(d) * 4;
    for (uint64_t row = 0; row < n; ++row) {
        while (pos < size && (data[pos] == '\n' || data[pos] == '\r')) ++pos;
        if (pos == size)
            return badInput(name, "header announces " + std::to_string(n) + " records but the file holds only " +
                                      std::to_string(row));
        const void* sp = pos < size ? std::memchr(data + pos, ' ', size - pos) : nullptr;
        if (!sp) return badInput(name, "truncated file: word without its space", at(row, pos));
        const size_t wordEnd = static_cast<size_t>(static_cast<const unsigned char*>(sp) - data);
        if (wordEnd == pos) return badInput(name, "empty word", at(row, pos));
        if (size - (wordEnd + 1) < vecBytes)
            return badInput(name,
                            "truncated file: the vector of row " + std::to_string(row) + " needs " +
                                std::to_string(vecBytes) + " bytes, " + std::to_string(size - (wordEnd + 1)) + " left",
                            at(row, wordEnd + 1));
        words.emplace_back(reinterpret_cast<const char*>(data + pos), wordEnd - pos);
        readFloats(data + wordEnd + 1, d, matrix.data() + row * d);
        pos = wordEnd + 1 + vecBytes;
    }
    while (pos < size && (data[pos] == '\n' || textscan::isBlank(static_cast<char>(data[pos])))) ++pos;
    if (pos != size)
        return badInput(name, "data left after the " + std::to_string(n) + " records the header announces",
                        "byte offset " + std::to_string(pos));

    LatentSpace space;
    space.name = std::filesystem::path(displayName).stem().string();
    space.path = displayName;
    space.dtype = "float32";
    space.embeddings = Embeddings(std::move(matrix));
    space.texts = words;
    space.keys = std::move(words);
    return textscan::finishTextSpace(std::move(space), options);
}

Result<LatentSpace> loadWord2VecBin(const std::string& path, const LoadOptions& options) {
    Result<std::shared_ptr<const MappedFile>> file = MappedFile::open(path);
    if (!file) return file.error();
    const MappedFile& f = **file;
    return parseWord2VecBin(f.data(), f.size(), path, options);
}

}  // namespace lb
