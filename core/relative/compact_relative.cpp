#include "core/relative/compact_relative.h"

#include "core/relative/similarity_kernels.h"
#include "core/space/row_matching.h"

#include <Eigen/QR>

#include <cassert>
#include <cmath>

namespace lb {

namespace {

constexpr Index kRowsPerTask = 512;  // rows per thread task

// T (r × D) and Q (K × r) of the thin QR B = Q·T of the prepared anchors B (K × D, K > D), in double.
struct AnchorBasis {
    Eigen::MatrixXf Q;   // K × D
    Eigen::MatrixXf Tt;  // D × D: Tᵀ, so that Y = x̂·Tᵀ
};

AnchorBasis anchorBasis(const RowMatrixXf& unitAnchors, bool centerAcrossAnchors) {
    Eigen::MatrixXd B = unitAnchors.cast<double>();
    // Post standardize subtracts each row's mean over the K coordinates: r − mean(r) = x̂·(B − 1·b̄)ᵀ.
    if (centerAcrossAnchors) B.rowwise() -= B.colwise().mean();
    const Index k = B.rows(), d = B.cols();
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(B);
    AnchorBasis basis;
    basis.Q = (qr.householderQ() * Eigen::MatrixXd::Identity(k, d)).cast<float>();
    const Eigen::MatrixXd T = qr.matrixQR().topRows(d).triangularView<Eigen::Upper>();
    basis.Tt = T.transpose().cast<float>();
    return basis;
}

}  // namespace

RowMatrixXf CompactRelative::expanded() const {
    if (isFull()) return Y;
    return Y * Q.transpose();
}

bool hasCompactRelativeForm(const RelativeOptions& options) {
    return options.similarities.size() == 1 && options.similarities[0] == Similarity::Cosine;
}

Result<CompactRelativeProjector> CompactRelativeProjector::prepare(const ConstRowMatrixRef& anchors,
                                                                   const RelativeOptions& options) {
    CompactRelativeProjector p;
    p.m_options = options;
    p.m_form.k = relativeOutputCols(options, anchors.rows());
    if (!hasCompactRelativeForm(options) || anchors.rows() <= anchors.cols()) {
        if (Status st = detail::validateProjection(anchors, anchors, options); !st) return st;
        p.m_anchors = anchors;
        return p;
    }
    // The same checks, transform and normalized anchors as relativeProjection.
    if (Status st = detail::validateProjection(anchors, anchors, options); !st) return st;
    const detail::AffineStats stats = detail::fitTransform(anchors, options.transform);
    const detail::PreparedAnchors prepared =
        detail::prepareAnchors(detail::applyTransform(anchors, stats), options.similarities);
    AnchorBasis basis = anchorBasis(prepared.unit, options.post == PostNormalization::Standardize);
    p.m_form.Q = std::move(basis.Q);
    if (options.transform == AbsoluteTransform::None && options.post == PostNormalization::None)
        p.m_form.linearMap = basis.Tt;
    p.m_Tt = std::move(basis.Tt);
    p.m_mean = stats.mean;
    p.m_invStd = stats.invStd;
    p.m_anchors.resize(0, anchors.cols());  // the width, for project()'s check
    return p;
}

Result<RowMatrixXf> CompactRelativeProjector::project(const ConstRowMatrixRef& X, JobContext& ctx) const {
    if (m_form.isFull()) return relativeProjection(X, m_anchors, m_options, ctx);
    const Index n = X.rows(), d = X.cols();
    if (d != m_Tt.rows())
        return invalidArgument("anchors have " + std::to_string(m_Tt.rows()) + " dimensions but the space has " +
                               std::to_string(d));
    const detail::AffineStats stats{m_mean, m_invStd};
    RowMatrixXf Y(n, m_Tt.cols());
    ctx.setStage("relative representation", static_cast<uint64_t>(n));
    const Index chunks = (n + kRowsPerTask - 1) / kRowsPerTask;
    const float kf = static_cast<float>(m_form.k);
    const RelativeOptions& options = m_options;
#pragma omp parallel for schedule(dynamic) if (detail::parallelWorth(n * d * d))
    for (Index c = 0; c < chunks; ++c) {
        if (ctx.cancelled()) continue;
        const Index r0 = c * kRowsPerTask, rb = std::min(kRowsPerTask, n - r0);
        RowMatrixXf xb = options.transform == AbsoluteTransform::None
                             ? RowMatrixXf(X.middleRows(r0, rb))
                             : detail::applyTransform(X.middleRows(r0, rb), stats);
        xb = detail::inverseNorms(xb).asDiagonal() * xb;  // x̂: the cosine kernel's normalization
        auto yb = Y.middleRows(r0, rb);
        yb.noalias() = xb * m_Tt;
        // Post-normalizations act on each row of R, whose norm is the norm of its Y row (Q orthonormal).
        for (Index i = 0; i < rb; ++i) {
            const float norm = yb.row(i).norm();
            if (options.post == PostNormalization::L2) yb.row(i) *= 1.0f / std::max(norm, detail::kTinyNorm);
            // LayerNorm over K: the row is centered already (B centered), biased variance = ‖r‖² / K.
            if (options.post == PostNormalization::Standardize)
                yb.row(i) *= 1.0f / std::sqrt(norm * norm / kf + detail::kLayerNormEps);
        }
        ctx.advance(static_cast<uint64_t>(rb));
    }
    if (ctx.cancelled()) return Status::cancelled();
    return Y;
}

Result<CompactRelative> compactRelative(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors,
                                        const RelativeOptions& options, JobContext& ctx) {
    if (Status st = detail::validateProjection(X, anchors, options); !st) return st;
    Result<CompactRelativeProjector> p = CompactRelativeProjector::prepare(anchors, options);
    if (!p) return p.error();
    Result<RowMatrixXf> Y = p->project(X, ctx);
    if (!Y) return Y.error();
    CompactRelative out = p->form();
    out.Y = std::move(*Y);
    return out;
}

Result<CompactRelative> compactRelativeOfRows(const ConstRowMatrixMap& X, const std::vector<Index>& rows,
                                              const ConstRowMatrixRef& anchors, const RelativeOptions& options,
                                              JobContext& ctx) {
    // Whole multiples of the thread tasks (here and in relativeProjection), so every row goes through the same
    // products as on the gathered matrix. Each block prepares the anchors again: O(K·D²) at most, small next to
    // the block's O(blockRows·D·min(K, D)).
    constexpr Index kBlockRows = 64 * kRowsPerTask;
    const Index n = static_cast<Index>(rows.size());
    CompactRelative out;
    ctx.setStage("relative representation", static_cast<uint64_t>(n));
    for (Index r0 = 0; r0 == 0 || r0 < n; r0 += kBlockRows) {
        const Index rb = std::min(kBlockRows, n - r0);
        const std::vector<Index> blockRows(rows.begin() + r0, rows.begin() + r0 + rb);
        JobContext block(&ctx);
        Result<CompactRelative> part = compactRelative(gatherRows(X, blockRows), anchors, options, block);
        if (!part) return part.error();
        if (r0 == 0) {
            out = std::move(*part);
            if (n > rb) out.Y.conservativeResize(n, out.Y.cols());
        } else {
            out.Y.middleRows(r0, rb) = part->Y;
        }
        ctx.advance(static_cast<uint64_t>(rb));
    }
    return out;
}

RowMatrixXf cosineNormalizedRows(const ConstRowMatrixRef& X) {
    return detail::inverseNorms(X).asDiagonal() * X;
}

RowMatrixXf inBasisOf(const CompactRelative& a, const CompactRelative& b) {
    assert(a.k == b.k && "inBasisOf: both representations need the same anchor count");
    if (a.isFull() && b.isFull()) return a.Y;
    if (a.isFull()) return a.Y * b.Q;
    if (b.isFull()) return a.Y * a.Q.transpose();
    const Eigen::MatrixXf m = a.Q.transpose() * b.Q;  // r_a × r_b
    return a.Y * m;
}

}  // namespace lb
