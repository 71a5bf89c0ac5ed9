// The compact relative representation R = Y·Qᵀ must carry exactly what the materialized N × K relativeProjection
// carries: the same matrix after expansion, the same Gram matrix, the same cross-space dot products, for every
// transform and post-normalization of a cosine representation; other similarities fall back to R itself.
#include "core/relative/compact_relative.h"

#include "core/metrics/pointwise.h"
#include "core/space/row_matching.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace lb;
using namespace lb::test;

namespace {

// Shifted off the origin (so the transforms matter) with a zero row (zero cosines, never NaN).
RowMatrixXf shiftedSpace(Index n, Index d, unsigned seed) {
    RowMatrixXf X = randomMatrix(n, d, seed).array() + 0.7f;
    X.row(5).setZero();
    return X;
}

RelativeOptions cosineWith(AbsoluteTransform t, PostNormalization p) {
    RelativeOptions o;
    o.transform = t;
    o.post = p;
    return o;
}

}  // namespace

TEST_CASE("compactRelative expands to relativeProjection for every transform and post-normalization",
          "[relative][compact]") {
    const RowMatrixXf X = shiftedSpace(400, 12, 1);
    const RowMatrixXf anchors = X.middleRows(20, 50);  // K = 50 > D = 12: compact
    for (AbsoluteTransform t : {AbsoluteTransform::None, AbsoluteTransform::Center, AbsoluteTransform::Standard})
        for (PostNormalization p : {PostNormalization::None, PostNormalization::L2, PostNormalization::Standardize}) {
            CAPTURE(transformName(t), postNormalizationName(p));
            const RelativeOptions o = cosineWith(t, p);
            const CompactRelative c = compactRelative(X, anchors, o).value();
            REQUIRE_FALSE(c.isFull());
            CHECK(c.Y.cols() == 12);
            CHECK(c.k == 50);
            // Q has orthonormal columns, and Y·Qᵀ is the N × K representation.
            requireNear(c.Q.transpose() * c.Q, Eigen::MatrixXf::Identity(12, 12), 1e-5);
            const RowMatrixXf full = relativeProjection(X, anchors, o).value();
            requireNear(c.expanded(), full, 2e-4);
            // Gram matrices agree: what CKA, kNN and ridge heads see.
            requireNear(c.Y * c.Y.transpose(), full * full.transpose(), 2e-3);
        }
}

TEST_CASE("compactRelative falls back to the full representation when it cannot be smaller", "[relative][compact]") {
    const RowMatrixXf X = shiftedSpace(200, 30, 2);
    SECTION("K <= D") {
        const CompactRelative c = compactRelative(X, X.topRows(10), RelativeOptions{}).value();
        CHECK(c.isFull());
        requireNear(c.Y, relativeProjection(X, X.topRows(10), RelativeOptions{}).value(), 0.0);
    }
    SECTION("a distance similarity is not linear in x") {
        RelativeOptions o;
        o.similarities = {Similarity::Euclidean};
        CHECK_FALSE(hasCompactRelativeForm(o));
        const CompactRelative c = compactRelative(X.leftCols(5), X.leftCols(5).topRows(40), o).value();
        CHECK(c.isFull());
        CHECK(c.Y.cols() == 40);
    }
    SECTION("errors are relativeProjection's") {
        CHECK(compactRelative(X, X.topRows(0), RelativeOptions{}).error().code == ErrorCode::InvalidArgument);
        RowMatrixXf bad = X.topRows(40);
        bad(3, 2) = std::numeric_limits<float>::quiet_NaN();
        CHECK(compactRelative(X.leftCols(5), bad.leftCols(5), RelativeOptions{}).error().code ==
              ErrorCode::NumericalIssue);
        // K = 40 > D = 5 would take the compact path: the widths are still checked.
        CHECK(compactRelative(X.leftCols(5), X.topRows(40).leftCols(4), RelativeOptions{}).error().code ==
              ErrorCode::InvalidArgument);
    }
}

TEST_CASE("inBasisOf keeps the cross-space dot products of two spaces' relative representations",
          "[relative][compact]") {
    // Two spaces of different widths encoding the same 300 samples, 60 shared anchors.
    const RowMatrixXf A = shiftedSpace(300, 8, 3);
    const RowMatrixXf B = (A * randomMatrix(8, 16, 4)).array() + 0.2f * randomMatrix(300, 16, 5).array();
    const std::vector<PostNormalization> posts{PostNormalization::None, PostNormalization::Standardize};
    for (PostNormalization p : posts) {
        const RelativeOptions o = cosineWith(AbsoluteTransform::Center, p);
        const CompactRelative ca = compactRelative(A, A.topRows(60), o).value();
        const CompactRelative cb = compactRelative(B, B.topRows(60), o).value();
        const RowMatrixXf ra = ca.expanded(), rb = cb.expanded();
        requireNear(inBasisOf(ca, cb) * cb.Y.transpose(), ra * rb.transpose(), 2e-3);
        requireNear(inBasisOf(cb, ca) * ca.Y.transpose(), rb * ra.transpose(), 2e-3);
        // Mean cosine through the compact form, with A's own norms, equals the one of the full matrices.
        const Eigen::VectorXf normsA = ca.Y.rowwise().norm();
        CHECK(meanCosine(inBasisOf(ca, cb), cb.Y, normsA).value() == Approx(meanCosine(ra, rb).value()).margin(1e-5));
        // A full representation on one side (K <= D there is impossible here, so force it with a distance).
        CompactRelative fullB;
        fullB.Y = rb;
        fullB.k = rb.cols();
        requireNear(inBasisOf(ca, fullB), ra, 2e-4);
        requireNear(inBasisOf(fullB, ca) * ca.Y.transpose(), rb * ra.transpose(), 2e-3);
    }
}

TEST_CASE("compactRelativeOfRows equals compactRelative of the gathered rows, bit for bit", "[relative][compact]") {
    // More rows than one block of compactRelativeOfRows, in shuffled order with repeats, as the similarity table
    // reads a space's evaluated rows.
    const RowMatrixXf X = shiftedSpace(40000, 6, 3);
    std::vector<Index> rows;
    for (Index i = 0; i < 70000; ++i) rows.push_back((i * 7919) % X.rows());
    const ConstRowMatrixMap view(X.data(), X.rows(), X.cols());
    const RowMatrixXf gathered = gatherRows(view, rows);
    for (const Index k : {Index{4}, Index{9}}) {  // K ≤ D: the full representation; K > D: compact
        CAPTURE(k);
        const RowMatrixXf anchors = X.middleRows(100, k);
        const RelativeOptions o = cosineWith(AbsoluteTransform::Center, PostNormalization::L2);
        const CompactRelative direct = compactRelative(gathered, anchors, o).value();
        const CompactRelative blocked = compactRelativeOfRows(view, rows, anchors, o).value();
        CHECK(blocked.isFull() == (k <= 6));
        CHECK(blocked.k == direct.k);
        CHECK(blocked.Y == direct.Y);
        CHECK(blocked.Q == direct.Q);
    }
    const CompactRelative none = compactRelativeOfRows(view, {}, X.topRows(9), RelativeOptions{}).value();
    CHECK(none.Y.rows() == 0);
    JobContext cancelled;
    cancelled.cancel();
    CHECK(compactRelativeOfRows(view, rows, X.topRows(9), RelativeOptions{}, cancelled).error().code ==
          ErrorCode::Cancelled);
}
