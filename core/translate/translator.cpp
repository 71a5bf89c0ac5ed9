// Latent translation X -> Y (docs/methods.md §2). The fit runs in double on the K anchors (K x D is small); the
// map is stored in float and applied in row blocks with Eigen's (OpenMP-parallel) GEMM.
//
// [SECTION] names   [SECTION] estimators   [SECTION] fit   [SECTION] apply

#include "core/translate/translator.h"

#include "core/translate/scaling.h"

#include <Eigen/SVD>

namespace lb {

// ------------------------------------------------------------------------------------------------ names
const char* translationMethodName(TranslationMethod m) {
    switch (m) {
        case TranslationMethod::Procrustes: return "procrustes";
        case TranslationMethod::Linear: return "linear";
        case TranslationMethod::LinearOrtho: return "linear-ortho";
        case TranslationMethod::Affine: return "affine";
    }
    return "procrustes";
}

bool parseTranslationMethod(const std::string& name, TranslationMethod& out) {
    for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Linear, TranslationMethod::LinearOrtho,
                                TranslationMethod::Affine})
        if (name == translationMethodName(m)) return out = m, true;
    return false;
}

const char* scalingName(Scaling s) {
    switch (s) {
        case Scaling::Standard: return "standard";
        case Scaling::Center: return "center";
        case Scaling::None: return "none";
    }
    return "standard";
}

bool parseScaling(const std::string& name, Scaling& out) {
    for (Scaling s : {Scaling::Standard, Scaling::Center, Scaling::None})
        if (name == scalingName(s)) return out = s, true;
    return false;
}

// ------------------------------------------------------------------------------------------- estimators
namespace {

using MatrixXd = Eigen::MatrixXd;

// U Vᵀ of the SVD of m (no reflection fix, as in docs/methods.md).
MatrixXd orthogonalFactor(const MatrixXd& m) {
    Eigen::BDCSVD<MatrixXd> svd(m, Eigen::ComputeThinU | Eigen::ComputeThinV);
    return svd.matrixU() * svd.matrixV().transpose();
}

// argmin_R ‖A R − B‖² + λ‖R_{0..p-1}‖² where the last `unpenalized` rows of R (a bias) carry no ridge.
// λ = 0: minimum-norm least squares via a complete orthogonal decomposition (rank-revealing, so K < width or
// duplicated anchors do not blow up). λ > 0: normal equations, SPD by construction, solved with LDLᵀ.
MatrixXd leastSquares(const MatrixXd& a, const MatrixXd& b, double ridge, Index unpenalized) {
    if (ridge <= 0.0) return Eigen::CompleteOrthogonalDecomposition<MatrixXd>(a).solve(b);
    MatrixXd gram = a.transpose() * a;
    const Index penalized = a.cols() - unpenalized;
    gram.diagonal().head(penalized).array() += ridge;
    return gram.ldlt().solve(a.transpose() * b);
}

MatrixXd padColumns(const RowMatrixXd& m, Index width) {
    MatrixXd out = MatrixXd::Zero(m.rows(), width);
    out.leftCols(m.cols()) = m;
    return out;
}

Status validate(const ConstRowMatrixRef& ax, const ConstRowMatrixRef& ay, const TranslationOptions& o) {
    if (ax.rows() != ay.rows())
        return invalidArgument("anchor counts differ: " + std::to_string(ax.rows()) + " source rows vs " +
                               std::to_string(ay.rows()) + " target rows");
    if (ax.rows() == 0) return invalidArgument("translation needs at least one anchor (K = 0)");
    if (ax.cols() == 0 || ay.cols() == 0) return invalidArgument("anchors have no dimensions");
    if (o.scaling == Scaling::Standard && ax.rows() < 2)
        return invalidArgument("standard scaling needs at least 2 anchors (unbiased std)");
    if (!(o.ridge >= 0.0) || !std::isfinite(o.ridge)) return invalidArgument("ridge must be a finite value >= 0");
    if (!ax.allFinite() || !ay.allFinite())
        return Error{ErrorCode::NumericalIssue, "anchors contain NaN or Inf", {}, {}};
    return Status::ok();
}

}  // namespace

// -------------------------------------------------------------------------------------------------- fit
Result<Translator> Translator::fit(const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY,
                                   const TranslationOptions& options, JobContext& ctx, FitReport reporting) {
    if (Status st = validate(anchorsX, anchorsY, options); !st) return st;
    ctx.setStage("fit translation", 3);
    const Index d = anchorsX.cols(), dy = anchorsY.cols(), width = std::max(d, dy);
    const RowMatrixXd ax = anchorsX.cast<double>(), ay = anchorsY.cast<double>();
    const detail::ScalingStats sx = detail::fitScaling(ax, options.scaling);
    const detail::ScalingStats sy = detail::fitScaling(ay, options.scaling);
    RowMatrixXd tx = detail::applyScaling(ax, sx), ty = detail::applyScaling(ay, sy);
    const double targetNorm = ty.rowwise().norm().mean();
    if (options.l2) {
        detail::l2NormalizeRowsInPlace(tx);
        detail::l2NormalizeRowsInPlace(ty);
    }
    const MatrixXd px = padColumns(tx, width), py = padColumns(ty, width);
    ctx.advance(1);

    const MatrixXd cross = px.transpose() * py;  // Ã_Xᵀ Ã_Y, width x width
    // Only Procrustes needs the singular vectors; the other methods need the singular values for the report.
    const bool procrustes = options.method == TranslationMethod::Procrustes;
    Eigen::BDCSVD<MatrixXd> svd;
    if (procrustes || reporting == FitReport::Full) {
        svd.compute(cross, procrustes ? Eigen::ComputeThinU | Eigen::ComputeThinV : 0);
        if (svd.info() != Eigen::Success)
            return Error{ErrorCode::NumericalIssue, "SVD of the anchor cross-covariance failed", {}, {}};
    }
    ctx.advance(1);
    if (ctx.cancelled()) return Status::cancelled();

    MatrixXd r;
    switch (options.method) {
        case TranslationMethod::Procrustes: r = svd.matrixU() * svd.matrixV().transpose(); break;
        case TranslationMethod::Linear: r = leastSquares(px, py, options.ridge, 0); break;
        case TranslationMethod::LinearOrtho: r = orthogonalFactor(leastSquares(px, py, options.ridge, 0)); break;
        case TranslationMethod::Affine: {
            if (options.scaling != Scaling::None && !options.l2) {
                // Centered anchors: the ones column is orthogonal to every column of px, so the least-squares
                // bias is 0 and the linear part is the linear method's map (with or without ridge). One
                // factorization instead of a second, wider one.
                r = MatrixXd::Zero(width + 1, width);
                r.topRows(width) = leastSquares(px, py, options.ridge, 0);
                break;
            }
            MatrixXd px1(px.rows(), width + 1);
            px1 << px, MatrixXd::Ones(px.rows(), 1);
            r = leastSquares(px1, py, options.ridge, 1);  // (width + 1) x width, last row = bias
            break;
        }
    }
    if (!r.allFinite()) return Error{ErrorCode::NumericalIssue, "the fitted map contains NaN or Inf", {}, {}};

    Translator t;
    t.m_options = options;
    t.m_sourceDim = d;
    t.m_targetDim = dy;
    t.m_meanX = sx.mean.cast<float>();
    t.m_stdX = sx.std.cast<float>();
    t.m_meanY = sy.mean.cast<float>();
    t.m_stdY = sy.std.cast<float>();
    t.m_targetNorm = static_cast<float>(targetNorm);
    t.m_R = r.cast<float>();

    if (reporting == FitReport::Skip) return t;
    TranslationFitReport& rep = t.m_report;
    const Eigen::VectorXd sv = svd.singularValues();
    rep.singularValues = sv.cast<float>();
    // Relative threshold: the products are exact to ~1e-15 in double, zero directions stay far below 1e-10.
    const double tol = sv.size() > 0 ? sv[0] * 1e-10 : 0.0;
    rep.rank = (sv.array() > tol).count();
    const MatrixXd lin = r.topRows(width);
    rep.orthogonalityError =
        (lin.transpose() * lin - MatrixXd::Identity(width, width)).norm() / std::sqrt(static_cast<double>(width));
    const RowMatrixXf translated = t.apply(anchorsX);
    rep.anchorMse = (translated.cast<double>() - ay).squaredNorm() / static_cast<double>(ay.size());
    ctx.advance(1);
    return t;
}

// ------------------------------------------------------------------------------------------------ apply
RowMatrixXf Translator::apply(const ConstRowMatrixRef& X) const {
    assert(X.cols() == m_sourceDim && "apply: X must have the source width");
    const Index n = X.rows(), d = m_sourceDim, dy = m_targetDim, width = std::max(d, dy);
    RowMatrixXf out(n, dy);
    // Zero padding of x only meets the first D rows of R, and only the first D' output columns are kept.
    const Eigen::MatrixXf lin = m_R.topLeftCorner(d, dy);
    Eigen::RowVectorXf bias = Eigen::RowVectorXf::Zero(dy);
    if (m_options.method == TranslationMethod::Affine) bias = m_R.row(width).head(dy);
    const Index block = 4096;
    for (Index r0 = 0; r0 < n; r0 += block) {
        const Index b = std::min(block, n - r0);
        RowMatrixXf xb = (X.middleRows(r0, b).rowwise() - m_meanX).array().rowwise() / m_stdX.array();
        if (m_options.l2)
            for (Index i = 0; i < b; ++i) xb.row(i) /= std::max(xb.row(i).norm(), 1e-12f);
        auto ob = out.middleRows(r0, b);
        ob.noalias() = xb * lin;
        ob.rowwise() += bias;
        if (m_options.l2) ob *= m_targetNorm;
        ob = (ob.array().rowwise() * m_stdY.array()).rowwise() + m_meanY.array();
    }
    return out;
}

}  // namespace lb
