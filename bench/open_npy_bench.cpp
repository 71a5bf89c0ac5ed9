// What `latentbridge-cli info` costs on a big .npy, relative to the cheapest way to get its bytes.
//
//   open_npy_bench [ROWS [COLS]] [--keep] [--path FILE]      (default 1000000 x 768 float32 = 3 GB)
//
// Writes (or reuses) a float32 .npy in /tmp, then measures in one run:
//   baseline: read() of the whole file into a reused 8 MB buffer (bytes pulled once, nothing else);
//   ours:     loadSpace (mmap + header parse + validation + the NaN/Inf scan: every float read), then nonFiniteRows.
// Cold runs drop the file from the page cache first (posix_fadvise DONTNEED, effective as root or as the
// file's owner); warm runs read it from the page cache. Prints both ratios ours / baseline (goal <= 1.5).
// The file is deleted at the end unless --keep.
#include "core/io/load_space.h"
#include "core/io/npy.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;

static double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

static bool writeBenchFile(const std::string& path, uint64_t rows, uint64_t cols) {
    const std::string header = lb::makeNpyHeader("<f4", {rows, cols});
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size();
    std::vector<float> chunk(4096 * cols);
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (uint64_t r = 0; r < rows && ok; r += 4096) {
        const uint64_t n = std::min<uint64_t>(4096, rows - r);
        for (uint64_t k = 0; k < n * cols; ++k) {
            state ^= state << 13, state ^= state >> 7, state ^= state << 17;  // xorshift64: fast, deterministic
            chunk[k] = static_cast<float>(static_cast<int64_t>(state >> 40) - (1 << 23)) * (1.0f / (1 << 23));
        }
        ok = std::fwrite(chunk.data(), sizeof(float), n * cols, f) == n * cols;
    }
    ok = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0 && ok;  // clean pages can be dropped from the cache
    return std::fclose(f) == 0 && ok;
}

static void dropFromCache(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

static double timeRead(const std::string& path, uint64_t& total) {
    std::vector<char> buffer(8u << 20);
    const auto t0 = Clock::now();
    const int fd = ::open(path.c_str(), O_RDONLY);
    total = 0;
    ssize_t n;
    while (fd >= 0 && (n = ::read(fd, buffer.data(), buffer.size())) > 0) total += static_cast<uint64_t>(n);
    if (fd >= 0) ::close(fd);
    return seconds(t0, Clock::now());
}

// Returns the total time; `loadOnly` gets the loadSpace part (mmap + header + validation, no data read).
static double timeLoad(const std::string& path, long long& nonFinite, double& loadOnly) {
    const auto t0 = Clock::now();
    lb::Result<lb::LatentSpace> s = lb::loadSpace(path);
    if (!s) {
        std::fprintf(stderr, "load failed: %s\n", s.error().describe().c_str());
        std::exit(1);
    }
    loadOnly = seconds(t0, Clock::now());
    nonFinite = static_cast<long long>(lb::nonFiniteRows(*s).count);
    return seconds(t0, Clock::now());
}

int main(int argc, char** argv) {
    uint64_t rows = 1000000, cols = 768;
    bool keep = false;
    std::string path;
    std::vector<uint64_t> sizes;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--keep")
            keep = true;
        else if (a == "--path" && i + 1 < argc)
            path = argv[++i];
        else
            sizes.push_back(std::strtoull(argv[i], nullptr, 10));
    }
    if (sizes.size() > 0 && sizes[0] > 0) rows = sizes[0];
    if (sizes.size() > 1 && sizes[1] > 0) cols = sizes[1];
    if (path.empty()) path = "/tmp/lb_open_npy_bench_" + std::to_string(rows) + "x" + std::to_string(cols) + ".npy";
    const uint64_t expectedSize = lb::makeNpyHeader("<f4", {rows, cols}).size() + rows * cols * 4;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && static_cast<uint64_t>(st.st_size) == expectedSize) {
        std::printf("reusing %s\n", path.c_str());
    } else {
        std::printf("writing %s (%llu x %llu float32, %.2f GB)...\n", path.c_str(), (unsigned long long)rows,
                    (unsigned long long)cols, expectedSize / 1e9);
        if (!writeBenchFile(path, rows, cols)) {
            std::fprintf(stderr, "cannot write %s\n", path.c_str());
            return 1;
        }
    }
    const double gb = expectedSize / 1e9;
    uint64_t bytes = 0;
    long long nonFinite = 0;
    double loadOnly = 0.0;
    // Cold: each measurement starts with the file evicted from the page cache.
    double coldRead = 1e30, coldLoad = 1e30;
    for (int rep = 0; rep < 2; ++rep) {
        dropFromCache(path);
        coldRead = std::min(coldRead, timeRead(path, bytes));
        dropFromCache(path);
        coldLoad = std::min(coldLoad, timeLoad(path, nonFinite, loadOnly));
    }
    // Warm: file in the page cache (the previous read put it there); best of 3.
    timeRead(path, bytes);
    double warmRead = 1e30, warmLoad = 1e30;
    for (int rep = 0; rep < 3; ++rep) {
        warmRead = std::min(warmRead, timeRead(path, bytes));
        warmLoad = std::min(warmLoad, timeLoad(path, nonFinite, loadOnly));
    }
    std::printf("file %.2f GB, %llu bytes read, %lld non-finite rows\n", gb, (unsigned long long)bytes, nonFinite);
    std::printf("cold: read() %.3f s (%.2f GB/s)  loadSpace+nonFiniteRows %.3f s  ratio %.2f\n", coldRead,
                gb / coldRead, coldLoad, coldLoad / coldRead);
    std::printf("warm: read() %.3f s (%.2f GB/s)  loadSpace+nonFiniteRows %.3f s  ratio %.2f\n", warmRead,
                gb / warmRead, warmLoad, warmLoad / warmRead);
    std::printf("(last loadSpace alone: %.4f s; the rest is the NaN/Inf scan reading every float)\n", loadOnly);
    std::printf("goal: ratio <= 1.5\n");
    if (!keep) std::remove(path.c_str());
    return 0;
}
