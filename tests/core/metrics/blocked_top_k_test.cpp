#include "core/metrics/blocked_top_k.h"

#include "tests/support/test_helpers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace lb;
using namespace lb::test;

namespace {

RowMatrixXf unitRows(RowMatrixXf X) {
    for (Index i = 0; i < X.rows(); ++i) X.row(i).normalize();
    return X;
}

// The reference: every row scored by the FMA chain the kernel documents, stable-sorted (decreasing value, ties by
// the lower index, NaN last).
std::vector<Index> chainTopK(const RowMatrixXf& q, Index i, const RowMatrixXf& base, Index k) {
    std::vector<float> s(static_cast<size_t>(base.rows()), 0.0f);
    for (Index j = 0; j < base.rows(); ++j)
        for (Index c = 0; c < base.cols(); ++c)
            s[static_cast<size_t>(j)] = std::fma(q(i, c), base(j, c), s[static_cast<size_t>(j)]);
    std::vector<Index> idx(s.size());
    std::iota(idx.begin(), idx.end(), Index{0});
    std::stable_sort(idx.begin(), idx.end(), [&](Index a, Index b) {
        const float x = s[static_cast<size_t>(a)], y = s[static_cast<size_t>(b)];
        return !std::isnan(x) && (std::isnan(y) || x > y);
    });
    idx.resize(static_cast<size_t>(k));
    return idx;
}

void requireExact(const RowMatrixXf& q, const RowMatrixXf& base, Index k) {
    const IndexMatrix got = detail::blockedTopK(q, detail::blockRows(base), k, silentJob()).value();
    REQUIRE(got.rows() == q.rows());
    REQUIRE(got.cols() == k);
    for (Index i = 0; i < q.rows(); ++i) {
        const std::vector<Index> ref = chainTopK(q, i, base, k);
        for (Index r = 0; r < k; ++r) {
            INFO("query " << i << ", rank " << r);
            REQUIRE(got(i, r) == ref[static_cast<size_t>(r)]);
        }
    }
}

}  // namespace

TEST_CASE("blockRows: blocks of 16 rows with dims outermost, zero rows up to an even block count", "[metrics][knn]") {
    const RowMatrixXf X = randomMatrix(37, 5, 3);  // 3 blocks of rows, padded to 4
    const detail::BlockedRows b = detail::blockRows(X);
    REQUIRE(b.n == 37);
    REQUIRE(b.d == 5);
    REQUIRE(b.blocks() == 4);
    REQUIRE(b.data.size() == size_t(4 * 16 * 5));
    for (Index r = 0; r < 64; ++r)
        for (Index i = 0; i < 5; ++i)
            REQUIRE(b.data[static_cast<size_t>(((r / 16) * 5 + i) * 16 + r % 16)] == (r < 37 ? X(r, i) : 0.0f));
}

TEST_CASE("blockedTopK equals scoring every row, at any width, row count and k", "[metrics][knn]") {
    if (!detail::blockedTopKAvailable()) {
        WARN("this build has no AVX-512: the blocked kernel is not compiled");
        return;
    }
    for (Index d : {1, 3, 64, 130}) {
        INFO("D = " << d);
        const RowMatrixXf base = unitRows(randomMatrix(317, d, 50 + unsigned(d)));  // 20 blocks, the last partial
        const RowMatrixXf q = unitRows(randomMatrix(21, d, 60 + unsigned(d)));      // 3 tiles, the last partial
        requireExact(q, base, 1);
        requireExact(q, base, 7);
        requireExact(q, base, 317);  // every row, in order
    }
    SECTION("a base of several L2 chunks, with tight clusters") {
        // 5,000 rows of 64 dims are 5 chunks; within a cluster similarities differ by ~1e-4.
        const RowMatrixXf centers = randomMatrix(8, 64, 41);
        RowMatrixXf base = randomMatrix(5000, 64, 42) * 0.01f;
        for (Index i = 0; i < base.rows(); ++i) base.row(i) += centers.row(i % 8);
        base = unitRows(base);
        requireExact(unitRows(base.topRows(40) + 0.005f * randomMatrix(40, 64, 43)), base, 10);
    }
}

TEST_CASE("blockedTopK: equal rows keep index order, zero rows score 0, NaN never enters a full list",
          "[metrics][knn]") {
    if (!detail::blockedTopKAvailable()) return;
    const RowMatrixXf X = unitRows(randomMatrix(40, 5, 12));
    RowMatrixXf base(120, 5);
    base << X, X, X;
    const IndexMatrix nn = detail::blockedTopK(X.topRows(10), detail::blockRows(base), 4, silentJob()).value();
    for (Index i = 0; i < 10; ++i) {
        CHECK(nn(i, 0) == i);
        CHECK(nn(i, 1) == i + 40);
        CHECK(nn(i, 2) == i + 80);
    }

    RowMatrixXf withBad = unitRows(randomMatrix(100, 6, 70));
    withBad.row(5).setZero();
    withBad(3, 2) = std::numeric_limits<float>::quiet_NaN();  // within the first k: it must still leave the list
    RowMatrixXf q = unitRows(randomMatrix(9, 6, 71));
    q.row(3).setZero();  // every product 0 (NaN row aside): the k lowest other indices
    requireExact(q, withBad, 20);
    const IndexMatrix got = detail::blockedTopK(q, detail::blockRows(withBad), 20, silentJob()).value();
    for (Index i = 0; i < 9; ++i)
        for (Index r = 0; r < 20; ++r) CHECK(got(i, r) != 3);
}

TEST_CASE("blockedTopK honours cancellation", "[metrics][knn]") {
    if (!detail::blockedTopKAvailable()) return;
    const RowMatrixXf base = unitRows(randomMatrix(500, 16, 80));
    JobContext ctx;
    ctx.cancel();
    REQUIRE(detail::blockedTopK(base.topRows(64), detail::blockRows(base), 5, ctx).error().code ==
            ErrorCode::Cancelled);
}

TEST_CASE("cosineTopK gives the same neighbours through the blocked kernel and through the GEMM", "[metrics][knn]") {
    // Both score in float with different summation orders: a rank may differ only between near-equal values.
    const RowMatrixXf base = randomMatrix(3001, 48, 90), q = randomMatrix(100, 48, 91);
    const IndexMatrix fast = cosineTopK(q, base, 10).value();
    const IndexMatrix gemm = detail::cosineTopKByGemm(q, base, 10).value();
    const RowMatrixXf qn = unitRows(q), bn = unitRows(base);
    int differing = 0;
    for (Index i = 0; i < q.rows(); ++i)
        for (Index r = 0; r < 10; ++r)
            if (fast(i, r) != gemm(i, r)) {
                ++differing;
                CHECK(std::abs(qn.row(i).dot(bn.row(fast(i, r))) - qn.row(i).dot(bn.row(gemm(i, r)))) < 1e-6f);
            }
    CHECK(differing <= 2);
}
