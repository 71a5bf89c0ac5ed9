// Loads a fastText-style .vec (default 100k words x 300 dims, values with 5 significant digits like fastText
// writes) with loadVec, and compares with a plain baseline: read the bytes once, then strtof every value.
// Prints the ratio baseline / ours (> 1 means ours is faster) and both throughputs in MB/s.
// Usage: load_vec_bench [N] [D]   (writes /tmp/lb_bench_<N>x<D>.vec, removed at the end)
#include "core/io/vec.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

void writeFixture(const std::string& path, long n, long d) {
    std::mt19937 rng(42);
    std::normal_distribution<float> gauss(0.0f, 0.2f);
    std::string buf = std::to_string(n) + " " + std::to_string(d) + "\n";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    char num[32];
    for (long i = 0; i < n; ++i) {
        buf += "word" + std::to_string(i) + " ";
        for (long j = 0; j < d; ++j) {
            const auto r = std::to_chars(num, num + sizeof(num), gauss(rng), std::chars_format::general, 5);
            buf.append(num, r.ptr);
            buf += ' ';
        }
        buf += '\n';
        if (buf.size() > (1 << 22)) {
            std::fwrite(buf.data(), 1, buf.size(), f);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    std::fclose(f);
}

// Baseline: the whole file into memory, then strtof over every value (word skipped), no validation.
double baselineSum(const std::string& path, long n, long d, size_t& bytes) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes = text.size();
    std::vector<float> values(static_cast<size_t>(n) * static_cast<size_t>(d));
    const char* p = std::strchr(text.c_str(), '\n') + 1;
    size_t k = 0;
    for (long i = 0; i < n; ++i) {
        p = std::strchr(p, ' ');
        for (long j = 0; j < d; ++j) {
            char* end = nullptr;
            values[k++] = std::strtof(p, &end);
            p = end;
        }
        p = std::strchr(p, '\n') + 1;
    }
    double sum = 0;
    for (float v : values) sum += v;
    return sum;
}

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 100000;
    const long d = argc > 2 ? std::atol(argv[2]) : 300;
    const std::string path = "/tmp/lb_bench_" + std::to_string(n) + "x" + std::to_string(d) + ".vec";
    std::printf("writing %s ...\n", path.c_str());
    writeFixture(path, n, d);

    double best[2] = {1e30, 1e30};
    size_t bytes = 0;
    double sums[2] = {0, 0};
    for (int rep = 0; rep < 2; ++rep) {  // best of two: the first run also warms the page cache
        auto t0 = Clock::now();
        sums[0] = baselineSum(path, n, d, bytes);
        auto t1 = Clock::now();
        lb::Result<lb::LatentSpace> s = lb::loadVec(path);
        auto t2 = Clock::now();
        if (!s) {
            std::fprintf(stderr, "load failed: %s\n", s.error().describe().c_str());
            return 1;
        }
        sums[1] = s->embeddings.view().cast<double>().sum();
        best[0] = std::min(best[0], seconds(t0, t1));
        best[1] = std::min(best[1], seconds(t1, t2));
    }
    std::remove(path.c_str());
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("file: %ld x %ld, %.1f MB (sums agree: %s)\n", n, d, mb,
                std::abs(sums[0] - sums[1]) <= 1e-6 * (1 + std::abs(sums[0])) ? "yes" : "NO");
    std::printf("baseline read+strtof : %.3f s  %.0f MB/s\n", best[0], mb / best[0]);
    std::printf("loadVec (validating) : %.3f s  %.0f MB/s\n", best[1], mb / best[1]);
    std::printf("ratio baseline/ours  : %.2fx\n", best[0] / best[1]);
    return 0;
}
