// kthSmallestNonNegative against std::nth_element (an independent selection) on sets shaped like RBF CKA's
// squared distances and on the cases that stress its buckets: one value, all equal, a narrow range (one bucket
// holds everything), a range of many octaves, heavy duplicates, zeros, both ends of the order.
#include "core/metrics/order_statistic.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using lb::kthSmallestNonNegative;

namespace {

double byNthElement(std::vector<double> v, size_t k) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

void checkAllRanks(const std::vector<double>& v, const std::vector<size_t>& ks) {
    const std::vector<double> before = v;
    for (size_t k : ks) {
        INFO("n = " << v.size() << ", k = " << k);
        CHECK(kthSmallestNonNegative(v, k) == byNthElement(v, k));  // exact: the same double
    }
    CHECK(v == before);  // left in its order
}

}  // namespace

TEST_CASE("kthSmallestNonNegative returns exactly the value of rank k", "[metrics][order]") {
    std::mt19937_64 rng(7);
    SECTION("squared distances of Gaussian points, the median and both ends") {
        std::normal_distribution<double> g(0.0, 1.0);
        std::vector<double> d2;
        for (int i = 0; i < 20000; ++i) {
            double s = 0;
            for (int j = 0; j < 8; ++j) s += g(rng) * g(rng);
            d2.push_back(s * s);
        }
        checkAllRanks(d2, {0, 1, (d2.size() - 1) / 2, d2.size() / 2, d2.size() - 2, d2.size() - 1});
    }
    SECTION("one value, all equal, zeros") {
        checkAllRanks({3.5}, {0});
        checkAllRanks(std::vector<double>(1000, 2.25), {0, 499, 999});
        std::vector<double> z(500, 0.0);
        z[17] = 1e-300;
        z[400] = 5.0;
        checkAllRanks(z, {0, 497, 498, 499});
    }
    SECTION("a range narrower than the buckets, and one of many octaves") {
        std::vector<double> narrow, wide;
        std::uniform_int_distribution<int> ulp(0, 300);
        std::uniform_real_distribution<double> e(-200.0, 200.0);
        for (int i = 0; i < 5000; ++i) {
            double v = 1.0;
            for (int s = ulp(rng); s > 0; --s) v = std::nextafter(v, 2.0);
            narrow.push_back(v);
            wide.push_back(std::pow(2.0, e(rng)));
        }
        checkAllRanks(narrow, {0, 1234, 2499, 4999});
        checkAllRanks(wide, {0, 1234, 2499, 4999});
    }
    SECTION("heavy duplicates around the median") {
        std::uniform_int_distribution<int> small(0, 6);
        std::vector<double> v;
        for (int i = 0; i < 9001; ++i) v.push_back(0.5 * small(rng));
        for (size_t k = 0; k < v.size(); k += 997) checkAllRanks(v, {k});
    }
}
