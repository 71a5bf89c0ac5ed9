// Similarity kernels for the relative projection (docs/methods.md §1).
//
// [SECTION] anchors   [SECTION] GEMM kernels (cosine, angular, euclidean)   [SECTION] loop kernels (L1, L∞)
// [SECTION] single columns   [SECTION] row normalizations

#include "core/relative/similarity_kernels.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>

namespace lb::detail {

namespace {
constexpr Index kRowTile = 16;  // L1/L∞: rows x anchors tiles that stay in L1/L2 cache
constexpr Index kAnchorTile = 32;
const float kInvPi = static_cast<float>(1.0 / 3.14159265358979323846);
constexpr float kNearParallel = 0.99f;  // |cos| above this: angle recomputed directly (see directAngle)
// Whitened: Σ is used as is above this reciprocal condition (Cholesky), else ridged by kWhitenRidge · tr(Σ)/D.
constexpr double kWhitenMinRcond = 1e-10;
constexpr double kWhitenRidge = 1e-4;

bool uses(const std::vector<Similarity>& sims, Similarity s) {
    return std::find(sims.begin(), sims.end(), s) != sims.end();
}
}  // namespace

// ---------------------------------------------------------------------------------------------- anchors
Eigen::VectorXf inverseNorms(const ConstRowMatrixRef& m) {
    Eigen::VectorXf inv(m.rows());
    for (Index i = 0; i < m.rows(); ++i) inv[i] = 1.0f / std::max(m.row(i).norm(), kTinyNorm);
    return inv;
}

PreparedAnchors prepareAnchors(const RowMatrixXf& anchors, const std::vector<Similarity>& sims) {
    PreparedAnchors p;
    if (uses(sims, Similarity::Cosine) || uses(sims, Similarity::Angular))
        p.unit = inverseNorms(anchors).asDiagonal() * anchors;
    if (uses(sims, Similarity::Euclidean)) {
        p.center = anchors.colwise().mean();
        p.centered = anchors.rowwise() - p.center;
        p.centeredNorm2 = p.centered.rowwise().squaredNorm();
    }
    if (uses(sims, Similarity::L1) || uses(sims, Similarity::LInf)) p.raw = anchors;
    if (uses(sims, Similarity::Whitened)) {
        p.whitenMean = anchors.cast<double>().colwise().mean();
        p.whitened = whitenedAnchors(anchors, p.whitenMean);
    }
    return p;
}

Eigen::MatrixXd whitenedAnchors(const RowMatrixXf& anchors, const Eigen::RowVectorXd& mean) {
    const Index k = anchors.rows(), d = anchors.cols();
    // In double: Σ's small eigenvalues matter, and the D x D solve is cheap next to the projection's GEMM.
    const Eigen::MatrixXd centered = anchors.cast<double>().rowwise() - mean;
    Eigen::MatrixXd cov = centered.transpose() * centered / static_cast<double>(std::max<Index>(k - 1, 1));
    const double meanVariance = cov.trace() / static_cast<double>(d);
    if (!(meanVariance > 0)) return Eigen::MatrixXd::Zero(d, k);  // identical anchors: no direction to whiten
    Eigen::LLT<Eigen::MatrixXd> llt(cov);
    if (llt.info() != Eigen::Success || !(llt.rcond() > kWhitenMinRcond)) {
        cov.diagonal().array() += kWhitenRidge * meanVariance;
        llt.compute(cov);
    }
    return llt.solve(centered.transpose());
}

// -------------------------------------------------------------------------------------- GEMM kernels
void whitenedBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out) {
    out = ((xb.cast<double>().rowwise() - a.whitenMean) * a.whitened).cast<float>();
}

void cosineBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out) {
    // GEMM on the raw rows; normalizing rows afterwards (B x K scalings) avoids copying the input block.
    out.noalias() = xb * a.unit.transpose();
    const Index b = xb.rows();
#pragma omp parallel for schedule(static) if (parallelWorth(b * xb.cols()))
    for (Index i = 0; i < b; ++i) out.row(i) *= 1.0f / std::max(xb.row(i).norm(), kTinyNorm);
}

// Angle between unit vectors by 2·atan2(‖u − v‖, ‖u + v‖): accurate where arccos(cos) is not (near 0 and π,
// arccos turns a 6e-8 rounding of cos into a 1e-4 error of the angle).
static float directAngle(const Eigen::RowVectorXf& u, const Eigen::Ref<const Eigen::RowVectorXf>& v) {
    return 2.0f * std::atan2((u - v).norm(), (u + v).norm()) * kInvPi;
}

void angularBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out) {
    cosineBlock(xb, a, out);
    const Index b = xb.rows(), k = out.cols();
#pragma omp parallel for schedule(static) if (parallelWorth(b * (xb.cols() + k)))
    for (Index i = 0; i < b; ++i) {
        const Eigen::RowVectorXf unit = xb.row(i) / std::max(xb.row(i).norm(), kTinyNorm);
        for (Index j = 0; j < k; ++j) {
            const float c = out(i, j);
            out(i, j) = std::abs(c) > kNearParallel ? directAngle(unit, a.unit.row(j))
                                                    : std::acos(std::clamp(c, -1.0f, 1.0f)) * kInvPi;
        }
    }
}

void euclideanBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out) {
    // Distances are translation invariant: centering both sides on the anchors' mean shrinks the norms and
    // with them the cancellation error of ‖x‖² + ‖a‖² − 2x·a.
    const RowMatrixXf xc = xb.rowwise() - a.center;
    out.noalias() = xc * a.centered.transpose();
    const Index b = xb.rows(), k = a.centered.rows();
#pragma omp parallel for schedule(static) if (parallelWorth(b * k * 4))
    for (Index i = 0; i < b; ++i) {
        const float xn2 = xc.row(i).squaredNorm();
        for (Index j = 0; j < k; ++j) {
            const float scale = xn2 + a.centeredNorm2[j];
            float d2 = scale - 2.0f * out(i, j);
            // Float cancellation costs ~eps·scale absolutely; when d² is small against that, redo it exactly.
            if (d2 < 1e-2f * scale) d2 = (xc.row(i) - a.centered.row(j)).squaredNorm();
            out(i, j) = std::sqrt(std::max(d2, 0.0f));
        }
    }
}

// -------------------------------------------------------------------------------------- loop kernels
template <class Reduce>
static void distanceLoop(const ConstRowMatrixRef& xb, const RowMatrixXf& anchors, OutBlock out, Reduce reduce) {
    const Index b = xb.rows(), k = anchors.rows();
    const Index rowTiles = (b + kRowTile - 1) / kRowTile;
#pragma omp parallel for schedule(dynamic) if (parallelWorth(b * k * xb.cols()))
    for (Index t = 0; t < rowTiles; ++t) {
        const Index r0 = t * kRowTile, r1 = std::min(b, r0 + kRowTile);
        for (Index k0 = 0; k0 < k; k0 += kAnchorTile) {
            const Index k1 = std::min(k, k0 + kAnchorTile);
            for (Index i = r0; i < r1; ++i)
                for (Index j = k0; j < k1; ++j) out(i, j) = reduce(xb.row(i) - anchors.row(j));
        }
    }
}

void l1Block(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out) {
    distanceLoop(xb, a.raw, out, [](const auto& diff) { return diff.cwiseAbs().sum(); });
}

void linfBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out) {
    distanceLoop(xb, a.raw, out, [](const auto& diff) { return diff.cwiseAbs().maxCoeff(); });
}

void similarityBlock(Similarity s, const ConstRowMatrixRef& xb, const PreparedAnchors& a, OutBlock out) {
    switch (s) {
        case Similarity::Cosine: return cosineBlock(xb, a, out);
        case Similarity::Angular: return angularBlock(xb, a, out);
        case Similarity::Euclidean: return euclideanBlock(xb, a, out);
        case Similarity::L1: return l1Block(xb, a, out);
        case Similarity::LInf: return linfBlock(xb, a, out);
        case Similarity::Whitened: return whitenedBlock(xb, a, out);
    }
}

// ------------------------------------------------------------------------------------ single columns
Eigen::VectorXf similarityColumn(Similarity s, const ConstRowMatrixRef& X, const Eigen::VectorXf& invNorms,
                                 const Eigen::RowVectorXf& anchor) {
    const Index n = X.rows();
    Eigen::VectorXf col(n);
    const Eigen::RowVectorXf unit = anchor / std::max(anchor.norm(), kTinyNorm);
#pragma omp parallel for schedule(static) if (parallelWorth(n * X.cols()))
    for (Index i = 0; i < n; ++i) {
        switch (s) {
            case Similarity::Cosine: col[i] = X.row(i).dot(unit) * invNorms[i]; break;
            case Similarity::Angular: {
                const float c = X.row(i).dot(unit) * invNorms[i];
                col[i] = std::abs(c) > kNearParallel ? directAngle(X.row(i) * invNorms[i], unit)
                                                     : std::acos(std::clamp(c, -1.0f, 1.0f)) * kInvPi;
                break;
            }
            case Similarity::Euclidean: col[i] = (X.row(i) - anchor).norm(); break;
            case Similarity::L1: col[i] = (X.row(i) - anchor).cwiseAbs().sum(); break;
            case Similarity::LInf: col[i] = (X.row(i) - anchor).cwiseAbs().maxCoeff(); break;
            case Similarity::Whitened: col[i] = 0.0f; break;  // not per column: create() refuses it
        }
    }
    return col;
}

// ------------------------------------------------------------------------------------ row normalizations
void layerNormRows(OutBlock m, Index c0, Index width) {
    const Index rows = m.rows();
#pragma omp parallel for schedule(static) if (parallelWorth(rows * width))
    for (Index i = 0; i < rows; ++i) {
        auto r = m.row(i).segment(c0, width);
        // Double accumulation: K is small, and the mean of large distances would lose digits in float.
        const Eigen::RowVectorXd rd = r.cast<double>();
        const double mean = rd.mean();
        const double var = (rd.array() - mean).square().mean();
        r = ((rd.array() - mean) / std::sqrt(var + static_cast<double>(kLayerNormEps))).cast<float>().matrix();
    }
}

void l2NormalizeRows(OutBlock m) {
    const Index rows = m.rows();
#pragma omp parallel for schedule(static) if (parallelWorth(rows * m.cols()))
    for (Index i = 0; i < rows; ++i) m.row(i) *= 1.0f / std::max(m.row(i).norm(), kTinyNorm);
}

void postNormalize(OutBlock out, const RelativeOptions& options) {
    if (options.post == PostNormalization::L2) l2NormalizeRows(out);
    if (options.post == PostNormalization::Standardize) layerNormRows(out, 0, out.cols());
}

void combineInto(std::vector<RowMatrixXf>& raw, const RelativeOptions& options, OutBlock out) {
    const Index k = raw[0].cols();
    if (raw.size() == 1) {
        out = raw[0];
    } else {
        for (RowMatrixXf& r : raw) layerNormRows(r, 0, k);
        if (options.aggregation == Aggregation::Sum) {
            out = raw[0];
            for (size_t s = 1; s < raw.size(); ++s) out += raw[s];
        } else {
            for (size_t s = 0; s < raw.size(); ++s) out.middleCols(k * static_cast<Index>(s), k) = raw[s];
        }
    }
    postNormalize(out, options);
}

void projectBlock(const ConstRowMatrixRef& xb, const PreparedAnchors& a, const RelativeOptions& options,
                  std::vector<RowMatrixXf>& scratch, OutBlock out) {
    if (options.similarities.size() == 1) {
        similarityBlock(options.similarities[0], xb, a, out);
        postNormalize(out, options);
        return;
    }
    const Index k = options.aggregation == Aggregation::Sum
                        ? out.cols()
                        : out.cols() / static_cast<Index>(options.similarities.size());
    scratch.resize(options.similarities.size());
    for (size_t s = 0; s < options.similarities.size(); ++s) {
        scratch[s].resize(xb.rows(), k);
        similarityBlock(options.similarities[s], xb, a, scratch[s]);
    }
    combineInto(scratch, options, out);
}

}  // namespace lb::detail
