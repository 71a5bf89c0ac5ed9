#include "core/stitch/asif.h"

#include "tests/support/test_helpers.h"

using namespace lb;
using namespace lb::test;

namespace {

// Two "modalities" of the same N latent samples: independent nonlinear maps of a shared Z, plus noise.
void twoModalities(Index n, unsigned seed, RowMatrixXf& A, RowMatrixXf& B) {
    const RowMatrixXf Z = randomMatrix(n, 12, seed);
    A = (Z * randomMatrix(12, 24, seed + 1)).array().tanh().matrix() + 0.05f * randomMatrix(n, 24, seed + 2);
    B = (Z * randomMatrix(12, 18, seed + 3)) + 0.05f * randomMatrix(n, 18, seed + 4);
}

}  // namespace

TEST_CASE("ASIF encoding: sparse, non-negative, unit rows", "[asif]") {
    const RowMatrixXf X = randomMatrix(30, 8, 1), anchors = randomMatrix(50, 8, 2);
    AsifOptions o;
    o.topk = 7;
    o.p = 3;
    const RowMatrixXf R = asifEncode(X, anchors, o).value();
    REQUIRE(R.rows() == 30);
    REQUIRE(R.cols() == 50);
    for (Index i = 0; i < R.rows(); ++i) {
        REQUIRE((R.row(i).array() != 0.0f).count() <= 7);
        REQUIRE(R.row(i).minCoeff() >= 0.0f);
        REQUIRE(R.row(i).norm() == Approx(1.0f).margin(1e-5));
        // The kept entry of largest value is the most similar anchor, and the power preserves the order.
        Index best = 0, bestR = 0;
        (anchors.rowwise().normalized() * X.row(i).normalized().transpose()).maxCoeff(&best);
        R.row(i).maxCoeff(&bestR);
        REQUIRE(best == bestR);
    }
    o.p = 0;
    REQUIRE(asifEncode(X, anchors, o).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("ASIF recovers the paired sample across modalities", "[asif]") {
    RowMatrixXf A, B;
    twoModalities(700, 11, A, B);
    const Index k = 500;  // rows 0..499 are anchors, 500..699 are queries / candidates
    AsifOptions o;
    o.topk = 100;
    o.p = 8;
    const IndexMatrix top = asifPredict(A.bottomRows(200), A.topRows(k), B.bottomRows(200), B.topRows(k), o, 5).value();
    REQUIRE(top.rows() == 200);
    REQUIRE(top.cols() == 5);
    Index hits1 = 0, hits5 = 0;
    for (Index i = 0; i < 200; ++i) {
        hits1 += top(i, 0) == i;
        for (Index r = 0; r < 5; ++r) hits5 += top(i, r) == i;
    }
    INFO("top1 " << hits1 << " top5 " << hits5 << " of 200 (chance 1/200)");
    REQUIRE(hits1 >= 40);  // chance: 1 hit
    REQUIRE(hits5 >= 100);
    REQUIRE(hits5 >= hits1);
    // Unpaired anchors (B's anchors shuffled) destroy the signal.
    const RowMatrixXf shuffledB = B.topRows(k).colwise().reverse();
    const IndexMatrix bad = asifPredict(A.bottomRows(200), A.topRows(k), B.bottomRows(200), shuffledB, o, 1).value();
    Index badHits = 0;
    for (Index i = 0; i < 200; ++i) badHits += bad(i, 0) == i;
    REQUIRE(badHits < 20);
    REQUIRE(asifPredict(A, A.topRows(3), B, B.topRows(4), o).error().code == ErrorCode::InvalidArgument);
}
