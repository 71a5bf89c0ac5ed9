#include "core/metrics/sampling.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace lb {

std::vector<Index> seededPermutation(Index n, uint64_t seed) {
    std::vector<Index> p(static_cast<size_t>(std::max<Index>(n, 0)));
    std::iota(p.begin(), p.end(), Index{0});
    std::mt19937_64 rng(seed);
    // std::shuffle and uniform_int_distribution are implementation-defined; this loop is not.
    for (size_t i = p.size(); i > 1; --i) {
        const size_t j = static_cast<size_t>(rng() % i);
        std::swap(p[i - 1], p[j]);
    }
    return p;
}

std::vector<Index> sampleRows(Index n, Index maxRows, uint64_t seed) {
    if (maxRows <= 0 || n <= maxRows) {
        std::vector<Index> all(static_cast<size_t>(std::max<Index>(n, 0)));
        std::iota(all.begin(), all.end(), Index{0});
        return all;
    }
    std::vector<Index> p = seededPermutation(n, seed);
    p.resize(static_cast<size_t>(maxRows));
    std::sort(p.begin(), p.end());
    return p;
}

std::vector<Index> seededDerangement(Index n, uint64_t seed) {
    std::vector<Index> partner(static_cast<size_t>(std::max<Index>(n, 0)));
    std::iota(partner.begin(), partner.end(), Index{0});
    if (n < 2) return partner;
    const std::vector<Index> p = seededPermutation(n, seed);
    for (size_t j = 0; j < p.size(); ++j) partner[static_cast<size_t>(p[j])] = p[(j + 1) % p.size()];
    return partner;
}

}  // namespace lb
