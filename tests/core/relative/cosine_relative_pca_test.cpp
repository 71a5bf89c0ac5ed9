// The closed-form PCA view of cosine relative representations must equal fitPca on the materialized N × K
// relative matrix: same axes (same sign convention), same coordinates.
#include "core/relative/cosine_relative_pca.h"

#include "core/linalg/pca.h"
#include "core/relative/relative_projection.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <random>

using namespace lb;

namespace {

// Low-rank structure plus noise, shifted off the origin (so cosine ≠ centered cosine), one zero row.
RowMatrixXf structuredSpace(Index n, Index d, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    RowMatrixXf basis(4, d), X(n, d);
    for (Index i = 0; i < basis.size(); ++i) basis.data()[i] = g(rng);
    for (Index i = 0; i < n; ++i) {
        Eigen::RowVectorXf c(4);
        for (Index j = 0; j < 4; ++j) c[j] = g(rng) * static_cast<float>(4 - j);
        X.row(i) = c * basis;
        for (Index j = 0; j < d; ++j) X(i, j) += 0.3f * g(rng) + 0.5f;
    }
    X.row(7).setZero();
    return X;
}

std::vector<Index> someRows(Index n, Index k, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<Index> all(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i) all[static_cast<size_t>(i)] = i;
    std::shuffle(all.begin(), all.end(), rng);
    return {all.begin(), all.begin() + k};
}

RowMatrixXf gather(const RowMatrixXf& X, const std::vector<Index>& rows) {
    RowMatrixXf A(static_cast<Index>(rows.size()), X.cols());
    for (size_t k = 0; k < rows.size(); ++k) A.row(static_cast<Index>(k)) = X.row(rows[k]);
    return A;
}

}  // namespace

TEST_CASE("cosine relative PCA without forming R equals fitPca of the relative matrix", "[relative][pca]") {
    for (const Index k : {Index(3), Index(40), Index(150)}) {  // dense and Spectra eigen paths
        const RowMatrixXf X = structuredSpace(600, 24, 5);
        const std::vector<Index> anchors = someRows(X.rows(), k, 9);
        INFO("K = " << k);
        Result<RowMatrixXf> R = relativeProjection(X, gather(X, anchors), RelativeOptions{});
        REQUIRE(R.isOk());
        PcaOptions po;
        po.method = PcaMethod::Dense;
        Result<PcaModel> ref = fitPca(*R, po);
        REQUIRE(ref.isOk());
        const RowMatrixXf want = ref->project(*R);

        Result<CosineSpaceMoments> m = cosineSpaceMoments(X);
        REQUIRE(m.isOk());
        CHECK(m->invNorms[7] == Approx(1e12f));  // zero row: the kernels' 1 / max(‖x‖, 1e-12)
        Result<Eigen::MatrixXf> V = cosineRelativeAxes(X, *m, anchors);
        REQUIRE(V.isOk());
        REQUIRE(V->rows() == k);
        REQUIRE(V->cols() == 2);
        CHECK((*V - ref->components).cwiseAbs().maxCoeff() < 2e-3f);
        CHECK((V->transpose() * *V - Eigen::MatrixXf::Identity(2, 2)).cwiseAbs().maxCoeff() < 1e-5f);
        Result<RowMatrixXf> got = projectCosineRelative(X, *m, anchors, *V);
        REQUIRE(got.isOk());
        const float scale = want.cwiseAbs().maxCoeff();
        CHECK((*got - want).cwiseAbs().maxCoeff() < 1e-3f * scale);
    }
}

TEST_CASE("cosine relative PCA: shared axes, one anchor, bad requests", "[relative][pca]") {
    const RowMatrixXf X = structuredSpace(300, 12, 2);
    Result<CosineSpaceMoments> m = cosineSpaceMoments(X);
    REQUIRE(m.isOk());
    const std::vector<Index> anchors = someRows(X.rows(), 20, 4);
    Result<Eigen::MatrixXf> V = cosineRelativeAxes(X, *m, anchors);
    REQUIRE(V.isOk());
    // Another space's axes (shared-basis mode): a rotated copy of X has the same relative matrix, hence the same
    // coordinates in the same axes.
    const Eigen::MatrixXf Q = Eigen::MatrixXf::Random(12, 12).householderQr().householderQ();
    const RowMatrixXf Y = X * Q;
    Result<CosineSpaceMoments> mY = cosineSpaceMoments(Y);
    REQUIRE(mY.isOk());
    Result<RowMatrixXf> px = projectCosineRelative(X, *m, anchors, *V);
    Result<RowMatrixXf> py = projectCosineRelative(Y, *mY, anchors, *V);
    REQUIRE((px.isOk() && py.isOk()));
    CHECK((*px - *py).cwiseAbs().maxCoeff() < 1e-4f * px->cwiseAbs().maxCoeff());

    Result<Eigen::MatrixXf> one = cosineRelativeAxes(X, *m, {5});
    REQUIRE(one.isOk());
    CHECK(one->cols() == 1);
    // More anchors than dimensions, all one sample: R has a single direction of variance, yet two orthonormal
    // axes come back (the second from the K × K problem, as the D × D one cannot define it).
    Result<Eigen::MatrixXf> same = cosineRelativeAxes(X, *m, std::vector<Index>(30, 5));
    REQUIRE(same.isOk());
    REQUIRE(same->cols() == 2);
    CHECK((same->transpose() * *same - Eigen::MatrixXf::Identity(2, 2)).cwiseAbs().maxCoeff() < 1e-5f);
    CHECK(cosineRelativeAxes(X, *m, {}).error().code == ErrorCode::InvalidArgument);
    CHECK(cosineRelativeAxes(X, *m, {X.rows()}).error().code == ErrorCode::InvalidArgument);
    CHECK(projectCosineRelative(X, *m, {1, 2, 3}, *V).error().code == ErrorCode::InvalidArgument);
    RowMatrixXf bad = X;
    bad(3, 4) = std::numeric_limits<float>::quiet_NaN();
    CHECK(cosineSpaceMoments(bad).error().code == ErrorCode::NumericalIssue);
    CHECK(cosineSpaceMoments(X.topRows(1)).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("cosine space moments from a sample: the sample's own mean and covariance", "[relative][pca]") {
    const Index n = 1000, d = 12, s = 64;
    const RowMatrixXf X = structuredSpace(n, d, 5);
    Result<CosineSpaceMoments> full = cosineSpaceMoments(X);
    Result<CosineSpaceMoments> part = cosineSpaceMoments(X, silentJob(), s);
    REQUIRE(full);
    REQUIRE(part);
    CHECK(full->sampledRows == 0);
    CHECK(part->sampledRows == s);
    CHECK(part->invNorms == full->invNorms);  // every row's norm, not only the sample's
    // The sample, formed here independently: rows floor(i·N/S), normalized (zero rows stay zero), in double.
    Eigen::MatrixXd rows(s, d);
    for (Index i = 0; i < s; ++i) {
        const Index r = i * n / s;
        const double norm = X.row(r).cast<double>().norm();
        rows.row(i) = norm > 0 ? Eigen::RowVectorXd(X.row(r).cast<double>() / norm) : Eigen::RowVectorXd::Zero(d);
    }
    const Eigen::RowVectorXd mean = rows.colwise().mean();
    const Eigen::MatrixXd centered = rows.rowwise() - mean;
    const Eigen::MatrixXd cov = centered.transpose() * centered / static_cast<double>(s - 1);
    CHECK((part->mean - mean).cwiseAbs().maxCoeff() < 1e-6);
    CHECK((part->covariance - cov).cwiseAbs().maxCoeff() < 1e-6);
    CHECK((part->covariance - full->covariance).cwiseAbs().maxCoeff() > 1e-6);  // a sample, not every row
    // A sample as large as the space is every row, the same bits as no sample.
    Result<CosineSpaceMoments> all = cosineSpaceMoments(X, silentJob(), n);
    REQUIRE(all);
    CHECK(all->sampledRows == 0);
    CHECK(all->covariance == full->covariance);
    CHECK(all->mean == full->mean);
}

TEST_CASE("cosine relative axes kept across anchor edits equal those computed afresh", "[relative][pca]") {
    const Index n = 500, d = 40;  // K <= D: the K × K problem, which the memo keeps
    const RowMatrixXf X = structuredSpace(n, d, 11);
    Result<CosineSpaceMoments> m = cosineSpaceMoments(X);
    REQUIRE(m);
    // Normalized rows and the covariance, formed here in double, give the covariance the memo must hold.
    const auto direct = [&](const std::vector<Index>& rows) {
        Eigen::MatrixXd A(static_cast<Index>(rows.size()), d);
        for (size_t k = 0; k < rows.size(); ++k)
            A.row(static_cast<Index>(k)) = X.row(rows[k]).cast<double>() * static_cast<double>(m->invNorms[rows[k]]);
        return Eigen::MatrixXd(A * m->covariance * A.transpose());
    };
    std::vector<Index> anchors = someRows(n, 30, 3);
    const std::vector<Index> more = someRows(n, 60, 8);
    std::vector<std::vector<Index>> edits;
    edits.push_back(anchors);
    anchors.push_back(more[40]);  // a click adds one anchor
    edits.push_back(anchors);
    anchors.erase(anchors.begin() + 4);  // ... or removes one
    edits.push_back(anchors);
    std::reverse(anchors.begin(), anchors.end());  // the same anchors in another order
    edits.push_back(anchors);
    anchors.insert(anchors.begin() + 2, more.begin() + 41, more.begin() + 46);  // several at once, mid-list
    anchors.push_back(anchors[6]);                                              // and one twice
    edits.push_back(anchors);
    edits.push_back(std::vector<Index>(more.begin(), more.begin() + 35));  // mostly new ones
    RelativeCovarianceMemo memo;
    for (size_t e = 0; e < edits.size(); ++e) {
        INFO("edit " << e);
        Result<Eigen::MatrixXf> kept = cosineRelativeAxes(X, *m, edits[e], 2, &memo);
        Result<Eigen::MatrixXf> afresh = cosineRelativeAxes(X, *m, edits[e]);
        REQUIRE((kept && afresh));
        CHECK((*kept - *afresh).cwiseAbs().maxCoeff() < 1e-5f);
        REQUIRE(memo.rows == edits[e]);
        const Eigen::MatrixXd want = direct(edits[e]);
        CHECK((memo.covariance - want).cwiseAbs().maxCoeff() < 1e-12 * want.cwiseAbs().maxCoeff());
    }
}
