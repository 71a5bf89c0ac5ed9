#include "core/metrics/order_statistic.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <cstring>

namespace lb {

namespace {

uint64_t bitsOf(double v) {
    uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

int bitWidth(uint64_t v) {
    int w = 0;
    while (v) ++w, v >>= 1;
    return w;
}

}  // namespace

double kthSmallestNonNegative(const std::vector<double>& values, size_t k) {
    assert(k < values.size());
    uint64_t lo = UINT64_MAX, hi = 0;
    for (double v : values) {
        const uint64_t b = bitsOf(v);
        lo = std::min(lo, b);
        hi = std::max(hi, b);
    }
    if (lo == hi) return values[0];
    // 4096 buckets over the range of bit patterns actually present: a bucket is a contiguous run of values.
    constexpr int kBucketBits = 12;
    const int shift = std::max(0, bitWidth(hi - lo) - kBucketBits);
    std::array<uint32_t, (1u << kBucketBits) + 1> counts{};
    for (double v : values) ++counts[(bitsOf(v) - lo) >> shift];
    size_t bucket = 0, before = 0;
    while (before + counts[bucket] <= k) before += counts[bucket++];
    std::vector<double> inBucket;
    inBucket.reserve(counts[bucket]);
    for (double v : values)
        if (((bitsOf(v) - lo) >> shift) == bucket) inBucket.push_back(v);
    const auto nth = inBucket.begin() + static_cast<std::ptrdiff_t>(k - before);
    std::nth_element(inBucket.begin(), nth, inBucket.end());
    return *nth;
}

}  // namespace lb
