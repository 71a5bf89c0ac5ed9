// Latent translation X -> Y (docs/methods.md §2). The fit runs in double on the K anchors (K x D is small); the
// map is stored in float (a low-rank Procrustes map is formed on first use) and applied in row blocks with Eigen's
// (OpenMP-parallel) GEMM.
//
// [SECTION] names   [SECTION] estimators   [SECTION] the map   [SECTION] fit   [SECTION] apply

#include "core/translate/translator.h"

#include "core/translate/polar_factor.h"
#include "core/translate/recent_fits.h"
#include "core/translate/scaling.h"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <Eigen/SVD>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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
    for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Linear,
                                TranslationMethod::LinearOrtho, TranslationMethod::Affine})
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

// Smallest reciprocal condition number of AᵀA solved through its Cholesky factor (error ~1e-8 relative).
constexpr double kMinNormalRcond = 1e-8;

// argmin_R ‖A R − B‖² + λ‖R_{0..p-1}‖² where the last `unpenalized` rows of R (a bias) carry no ridge.
// A: K × p, B: K × q, R: p × q. λ > 0: normal equations, SPD by construction, solved with LDLᵀ. λ = 0: the
// normal equations too while AᵀA is well conditioned (Cholesky of a p × p matrix, about half the cost of the
// factorization below at the widths of the live panels), else the minimum-norm solution of a complete
// orthogonal decomposition (rank-revealing, so K < p or duplicated anchors do not blow up).
MatrixXd leastSquares(const MatrixXd& a, const MatrixXd& b, double ridge, Index unpenalized) {
    if (ridge <= 0.0) {
        // All-zero columns of A (units that are dead on every anchor, common after ReLU) get zero rows in the
        // minimum-norm solution: solving without them is exact and keeps AᵀA invertible.
        std::vector<Index> live;
        for (Index j = 0; j < a.cols(); ++j)
            if (a.col(j).cwiseAbs().maxCoeff() > 0.0) live.push_back(j);
        if (live.empty()) return MatrixXd::Zero(a.cols(), b.cols());
        if (static_cast<Index>(live.size()) < a.cols()) {
            const MatrixXd sub = leastSquares(a(Eigen::all, live), b, ridge, 0);
            MatrixXd full = MatrixXd::Zero(a.cols(), b.cols());
            full(live, Eigen::all) = sub;
            return full;
        }
        if (a.rows() < a.cols()) {
            // Fewer anchors than dimensions (AᵀA is singular): the minimum-norm solution Aᵀ(AAᵀ)⁻¹B through the
            // K × K Gram matrix when A has full row rank, O(K²·D) instead of a D-wide decomposition.
            const Eigen::LLT<MatrixXd> llt(a * a.transpose());
            if (llt.info() == Eigen::Success && llt.rcond() > kMinNormalRcond) return a.transpose() * llt.solve(b);
            return Eigen::CompleteOrthogonalDecomposition<MatrixXd>(a).solve(b);
        }
        const MatrixXd gram = a.transpose() * a;
        Eigen::LLT<MatrixXd> llt(gram);
        if (llt.info() == Eigen::Success && llt.rcond() > kMinNormalRcond) return llt.solve(a.transpose() * b);
        return Eigen::CompleteOrthogonalDecomposition<MatrixXd>(a).solve(b);
    }
    if (unpenalized == 0 && a.rows() < a.cols()) {
        // (AᵀA + λI)⁻¹AᵀB = Aᵀ(AAᵀ + λI)⁻¹B: the K × K system when there are fewer anchors than dimensions.
        MatrixXd kernel = a * a.transpose();
        kernel.diagonal().array() += ridge;
        return a.transpose() * kernel.ldlt().solve(b);
    }
    MatrixXd gram = a.transpose() * a;
    const Index penalized = a.cols() - unpenalized;
    gram.diagonal().head(penalized).array() += ridge;
    return gram.ldlt().solve(a.transpose() * b);
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

// What every method fits on: the scaled (and optionally L2-normalized) anchors, in double.
struct ScaledAnchors {
    Index d = 0, dy = 0, width = 0;  // D, D', max(D, D')
    detail::ScalingStats sx, sy;
    MatrixXd tx, ty;          // K × D and K × D', unpadded
    double targetNorm = 1.0;  // mean row norm of the scaled A_Y, before L2

    ScaledAnchors(const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY, const TranslationOptions& o)
        : d(anchorsX.cols()), dy(anchorsY.cols()), width(std::max(d, dy)) {
        const RowMatrixXd ax = anchorsX.cast<double>(), ay = anchorsY.cast<double>();
        sx = detail::fitScaling(ax, o.scaling);
        sy = detail::fitScaling(ay, o.scaling);
        RowMatrixXd sxRows = detail::applyScaling(ax, sx), syRows = detail::applyScaling(ay, sy);
        targetNorm = syRows.rowwise().norm().mean();
        if (o.l2) {
            detail::l2NormalizeRowsInPlace(sxRows);
            detail::l2NormalizeRowsInPlace(syRows);
        }
        tx = sxRows;
        ty = syRows;
    }
};

// The map R of one method (W × W, or (W + 1) × W for affine with its bias as the last row; Procrustes with fewer
// anchors than dimensions in low-rank form, polar_factor.h). The zero padding of the anchors only ever meets zero
// rows and columns of R (the minimum-norm and ridge solutions are zero there), so the least-squares fits run on the
// unpadded anchors. `linear` keeps the linear solution for the methods that share it (linear, linear-ortho, affine
// on centered anchors).
OrthogonalFactor fitMap(const ScaledAnchors& a, TranslationMethod method, const TranslationOptions& o,
                        std::optional<MatrixXd>& linear) {
    const Index w = a.width;
    auto linearMap = [&]() -> const MatrixXd& {
        if (!linear) {
            linear = MatrixXd::Zero(w, w);
            linear->topLeftCorner(a.d, a.dy) = leastSquares(a.tx, a.ty, o.ridge, 0);
        }
        return *linear;
    };
    switch (method) {
        case TranslationMethod::Procrustes: return polarFactorOfProductParts(a.tx, a.ty, w);
        case TranslationMethod::Linear: return OrthogonalFactor::whole(linearMap());
        case TranslationMethod::LinearOrtho: return OrthogonalFactor::whole(polarFactor(linearMap(), a.d, a.dy));
        case TranslationMethod::Affine: break;
    }
    // Affine: fitted on centered anchors (its own ScaledAnchors, scaling center, no L2), where the least-squares
    // bias is 0 (the ones column is orthogonal to every centered column) and the linear part is the linear map. In
    // raw units that is [A_X 1]·[W; b] ≈ A_Y with b = μ_y − μ_x·W unpenalized (docs/methods.md §2).
    MatrixXd r = MatrixXd::Zero(w + 1, w);
    r.topRows(w) = linearMap();
    return OrthogonalFactor::whole(std::move(r));
}

bool isLeastSquares(TranslationMethod m) {
    return m == TranslationMethod::Linear || m == TranslationMethod::LinearOrtho || m == TranslationMethod::Affine;
}

Index zeroColumns(const MatrixXd& m) {
    Index n = 0;
    for (Index j = 0; j < m.cols(); ++j) n += m.rows() == 0 || m.col(j).cwiseAbs().maxCoeff() == 0.0;
    return n;
}

// Numerical rank of a K × D matrix (column-pivoted QR, pivots below 1e-10 of the largest count as zero).
Index numericalRank(const MatrixXd& m) {
    Eigen::ColPivHouseholderQR<MatrixXd> qr(m);
    qr.setThreshold(1e-10);
    return qr.rank();
}

// What the anchors leave undetermined for one method (Translator::warnings). `sv`: the singular values of the
// cross-covariance when they were computed (FitReport::Full), else empty: the counts alone decide.
std::vector<Warning> fitWarnings(const ScaledAnchors& a, TranslationMethod method, const TranslationOptions& o,
                                 const Eigen::VectorXd& sv, bool full) {
    std::vector<Warning> out;
    const Index k = a.tx.rows(), deadX = zeroColumns(a.tx), deadY = zeroColumns(a.ty);
    const std::string kText = std::to_string(k) + " anchor" + (k == 1 ? "" : "s");
    if (deadX > 0)
        out.push_back({std::to_string(deadX) + " of " + std::to_string(a.d) +
                           " source dimensions are constant on the " + kText +
                           " (dead): the map cannot learn what they carry in other samples",
                       {}});
    if (deadY > 0)
        out.push_back({std::to_string(deadY) + " of " + std::to_string(a.dy) +
                           " target dimensions are constant on the " + kText +
                           ": every translated sample gets the anchors' value there",
                       {}});
    // Centered anchors span at most K − 1 directions.
    const Index bound = std::max<Index>(0, k - (o.scaling == Scaling::None ? 0 : 1));
    const std::string name = translationMethodName(method);
    if (isLeastSquares(method)) {
        const Index live = a.d - deadX;
        const Index rank = full ? numericalRank(a.tx) : std::min(bound, live);
        if (rank < live)
            out.push_back({name + ": rank-deficient fit: the " + kText + " span " + std::to_string(rank) + " of " +
                               std::to_string(live) +
                               " live source dimensions, so least squares interpolates the anchors exactly "
                               "(anchor error ~0 says nothing about other samples) and takes the minimum-norm map; "
                               "use more anchors than dimensions, or a ridge",
                           {}});
    } else if (method == TranslationMethod::Procrustes) {
        const Index need = std::min(a.d, a.dy);
        Index rank = std::min(bound, need);
        if (full && sv.size() > 0) rank = (sv.array() > sv[0] * 1e-10).count();
        if (rank < need)
            out.push_back({name + ": the " + kText + " determine " + std::to_string(rank) + " of " +
                               std::to_string(need) +
                               " directions of the rotation; the rest is completed deterministically (the rotation "
                               "closest to the identity on the directions the anchors leave free), not by the data",
                           {}});
    }
    return out;
}

}  // namespace

// ------------------------------------------------------------------------------------------------ the map
struct Translator::Map {
    std::once_flag once;
    std::atomic<bool> formed{false};  // dense holds R (given, or formed from lowRank)
    Eigen::MatrixXf dense;            // R in float: given, or formed from lowRank on first use
    OrthogonalFactor lowRank;         // R in low-rank form, in double, kept after forming (affineMapThen reads it)
};

const Eigen::MatrixXf& Translator::R() const {
    Map& m = *m_map;
    std::call_once(m.once, [&m] {
        if (m.lowRank.lowRank()) m.dense = m.lowRank.formed().cast<float>();
        m.formed.store(true);
    });
    return m.dense;
}

bool Translator::translatesInLowRank(Index rows) const {
    // Forming R costs about W²·2r multiply-adds and then W² per row; through the factors a row costs about
    // 4·W·(u's and v's basis columns). Below W / 2 rows the factors are cheaper even when nothing else forms R.
    const Map& m = *m_map;
    return !m_options.l2 && m.lowRank.lowRank() && !m.formed.load() && rows < std::max(m_sourceDim, m_targetDim) / 2;
}

RowMatrixXf Translator::applyInLowRank(const ConstRowMatrixRef& X) const {
    // x·lin = the first D' columns of [x̃ 0]·R = [x̃ 0] + ((R − I)ᵀ·[x̃ 0]ᵀ)ᵀ, x̃ the standardized row (Procrustes: no
    // bias), in double as formed() computes R.
    const Index n = X.rows(), d = m_sourceDim, dy = m_targetDim, w = std::max(d, dy);
    Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(w, n);  // W × n: the standardized rows as columns
    padded.topRows(d) =
        ((X.rowwise() - m_meanX).array().rowwise() / m_stdX.array()).matrix().transpose().cast<double>();
    const Eigen::MatrixXd translated = padded + m_map->lowRank.transposedCorrectionTimes(padded);  // W × n
    RowMatrixXf out = translated.topRows(dy).transpose().cast<float>();
    out = (out.array().rowwise() * m_stdY.array()).rowwise() + m_meanY.array();
    return out;
}

void Translator::setR(Eigen::MatrixXf r) {
    m_map = std::make_shared<Map>();
    m_map->dense = std::move(r);
}

size_t Translator::mapBytes() const {
    const Index w = std::max(m_sourceDim, m_targetDim);
    const OrthogonalFactor& f = m_map->lowRank;
    return sizeof(float) * static_cast<size_t>((w + 1) * w) + sizeof(double) * f.doubles();
}

// -------------------------------------------------------------------------------------------------- fit
Result<Translator> Translator::fit(const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY,
                                   const TranslationOptions& options, JobContext& ctx, FitReport reporting) {
    // The same fit is often asked for by several jobs of one anchor edit (recent_fits.h).
    return reuseOrFit(anchorsX, anchorsY, options, reporting, [&] {
        std::vector<Result<Translator>> one = fitEach(anchorsX, anchorsY, options, {options.method}, ctx, reporting);
        return std::move(one.front());
    });
}

std::vector<Result<Translator>> Translator::fitEach(const ConstRowMatrixRef& anchorsX,
                                                    const ConstRowMatrixRef& anchorsY,
                                                    const TranslationOptions& options,
                                                    const std::vector<TranslationMethod>& methods, JobContext& ctx,
                                                    FitReport reporting) {
    std::vector<Result<Translator>> out;
    auto failAll = [&](const Error& e) {
        out.assign(methods.size(), Result<Translator>(e));
        return std::move(out);
    };
    if (Status st = validate(anchorsX, anchorsY, options); !st) return failAll(st.error());
    ctx.setStage("fit translation", static_cast<int>(methods.size()) + 1);
    const ScaledAnchors a(anchorsX, anchorsY, options);
    // Affine fits on its own centered anchors, unless the options' anchors already are exactly those.
    TranslationOptions affineOptions = options;
    affineOptions.scaling = Scaling::Center;
    affineOptions.l2 = false;
    std::optional<ScaledAnchors> centered;
    const bool wantsAffine = std::find(methods.begin(), methods.end(), TranslationMethod::Affine) != methods.end();
    if (wantsAffine && (options.scaling != Scaling::Center || options.l2))
        centered.emplace(anchorsX, anchorsY, affineOptions);
    // The singular values of the cross-covariance, for the report only.
    Eigen::VectorXd sv, svCentered;
    if (reporting == FitReport::Full) {
        std::optional<Eigen::VectorXd> values = singularValuesOfProduct(a.tx, a.ty, a.width);
        std::optional<Eigen::VectorXd> valuesCentered =
            centered ? singularValuesOfProduct(centered->tx, centered->ty, centered->width)
                     : std::optional<Eigen::VectorXd>(Eigen::VectorXd());
        if (!values || !valuesCentered)
            return failAll(Error{ErrorCode::NumericalIssue, "SVD of the anchor cross-covariance failed", {}, {}});
        sv = std::move(*values);
        svCentered = std::move(*valuesCentered);
    }
    ctx.advance(1);
    std::optional<MatrixXd> linear, linearCentered;
    for (TranslationMethod method : methods) {
        if (ctx.cancelled()) {
            out.emplace_back(Status::cancelled().error());
            continue;
        }
        const bool own = method == TranslationMethod::Affine && centered;
        const ScaledAnchors& sa = own ? *centered : a;
        const TranslationOptions& o = method == TranslationMethod::Affine ? affineOptions : options;
        OrthogonalFactor r = fitMap(sa, method, o, own ? linearCentered : linear);
        ctx.advance(1);
        if (!r.allFinite()) {
            out.emplace_back(Error{ErrorCode::NumericalIssue, "the fitted map contains NaN or Inf", {}, {}});
            continue;
        }
        Translator t;
        t.m_options = o;
        t.m_options.method = method;
        t.m_sourceDim = sa.d;
        t.m_targetDim = sa.dy;
        t.m_meanX = sa.sx.mean.cast<float>();
        t.m_stdX = sa.sx.std.cast<float>();
        t.m_meanY = sa.sy.mean.cast<float>();
        t.m_stdY = sa.sy.std.cast<float>();
        t.m_targetNorm = static_cast<float>(sa.targetNorm);
        const Eigen::VectorXd& values = own ? svCentered : sv;
        if (reporting == FitReport::Full) {
            // The report reads the whole map in double.
            if (r.lowRank()) r = OrthogonalFactor::whole(r.formed());
            t.setR(r.dense.cast<float>());
            t.m_report = fitReport(t, r.dense, values, anchorsX, anchorsY);
        } else if (r.lowRank()) {
            t.m_map = std::make_shared<Map>();
            t.m_map->lowRank = std::move(r);
        } else {
            t.setR(r.dense.cast<float>());
        }
        t.m_warnings = fitWarnings(sa, method, o, values, reporting == FitReport::Full);
        out.emplace_back(std::move(t));
    }
    return out;
}

TranslationFitReport Translator::fitReport(const Translator& t, const Eigen::MatrixXd& r, const Eigen::VectorXd& sv,
                                           const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY) {
    TranslationFitReport rep;
    const Index width = std::max(t.m_sourceDim, t.m_targetDim);
    rep.singularValues = sv.cast<float>();
    // Relative threshold: the products are exact to ~1e-15 in double, zero directions stay far below 1e-10.
    const double tol = sv.size() > 0 ? sv[0] * 1e-10 : 0.0;
    rep.rank = (sv.array() > tol).count();
    const Eigen::MatrixXd lin = r.topRows(width);
    rep.orthogonalityError = (lin.transpose() * lin - Eigen::MatrixXd::Identity(width, width)).norm() /
                             std::sqrt(static_cast<double>(width));
    const RowMatrixXf translated = t.apply(anchorsX);
    rep.anchorMse =
        (translated.cast<double>() - anchorsY.cast<double>()).squaredNorm() / static_cast<double>(anchorsY.size());
    return rep;
}

bool Translator::sameMapping(const Translator& o) const {
    if (m_sourceDim != o.m_sourceDim || m_targetDim != o.m_targetDim || m_options.l2 != o.m_options.l2) return false;
    if (m_meanX != o.m_meanX || m_stdX != o.m_stdX || m_meanY != o.m_meanY || m_stdY != o.m_stdY) return false;
    if (m_options.l2 && m_targetNorm != o.m_targetNorm) return false;
    const Index d = m_sourceDim, dy = m_targetDim, width = std::max(d, dy);
    if (R().topLeftCorner(d, dy) != o.R().topLeftCorner(d, dy)) return false;
    auto bias = [&](const Translator& t) -> Eigen::RowVectorXf {
        if (t.m_options.method == TranslationMethod::Affine) return t.R().row(width).head(dy);
        return Eigen::RowVectorXf::Zero(dy);
    };
    return bias(*this) == bias(o);
}

// ------------------------------------------------------------------------------------------------ apply
// The scaled-space map: lin (D x D', the first D rows of R meet x's zero padding, the first D' columns are
// kept) and its bias (affine method only).
std::pair<Eigen::MatrixXf, Eigen::RowVectorXf> Translator::scaledMap() const {
    const Index d = m_sourceDim, dy = m_targetDim, width = std::max(d, dy);
    Eigen::RowVectorXf bias = Eigen::RowVectorXf::Zero(dy);
    if (m_options.method == TranslationMethod::Affine) bias = R().row(width).head(dy);
    return {R().topLeftCorner(d, dy), bias};
}

std::optional<Translator::AffineMap> Translator::affineMap() const {
    if (m_options.l2) return std::nullopt;
    // x -> ((x − μx) / σx · lin + bias) · σy + μy = x · M + c.
    const auto [lin, bias] = scaledMap();
    AffineMap a;
    a.map = m_stdX.cwiseInverse().asDiagonal() * lin * m_stdY.asDiagonal();
    a.offset = (bias - (m_meanX.array() / m_stdX.array()).matrix() * lin).cwiseProduct(m_stdY) + m_meanY;
    return a;
}

std::optional<Translator::AffineMap> Translator::affineMapThen(const Eigen::MatrixXf& then) const {
    assert(then.rows() == m_targetDim && "affineMapThen: `then` must start at the target width");
    const OrthogonalFactor& f = m_map->lowRank;
    if (m_options.l2 || !f.lowRank()) {
        std::optional<AffineMap> a = affineMap();
        if (a) {
            a->map = a->map * then;
            a->offset = a->offset * then;
        }
        return a;
    }
    // x -> ((x − μx) / σx · lin) · σy · then + μy · then, lin = R's top-left D × D' block (no bias: Procrustes):
    // lin·scaledThen = the top D rows of R·[scaledThen; 0] = [scaledThen; 0] + (R − I)·[scaledThen; 0], D × q.
    const Index d = m_sourceDim, dy = m_targetDim;
    Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(std::max(d, dy), then.cols());
    padded.topRows(dy) = (m_stdY.asDiagonal() * then).cast<double>();
    const Eigen::MatrixXd linThen = (padded + f.correctionTimes(padded)).topRows(d);
    const Eigen::MatrixXf lt = linThen.cast<float>();
    AffineMap a;
    a.map = m_stdX.cwiseInverse().asDiagonal() * lt;
    a.offset = m_meanY * then - (m_meanX.array() / m_stdX.array()).matrix() * lt;
    return a;
}

RowMatrixXf Translator::apply(const ConstRowMatrixRef& X) const {
    assert(X.cols() == m_sourceDim && "apply: X must have the source width");
    const Index n = X.rows(), dy = m_targetDim;
    if (translatesInLowRank(n)) return applyInLowRank(X);
    RowMatrixXf out(n, dy);
    if (const std::optional<AffineMap> a = affineMap()) {
        // One product instead of scaling a copy of X before it and the result after.
        out.noalias() = X * a->map;
        out.rowwise() += a->offset;
        return out;
    }
    // With L2 normalization (the only case left): each scaled row is normalized before the map, and the
    // result rescaled to the target's mean row norm.
    const auto [lin, bias] = scaledMap();
    const Index block = 4096;
    for (Index r0 = 0; r0 < n; r0 += block) {
        const Index b = std::min(block, n - r0);
        RowMatrixXf xb = (X.middleRows(r0, b).rowwise() - m_meanX).array().rowwise() / m_stdX.array();
        for (Index i = 0; i < b; ++i) xb.row(i) /= std::max(xb.row(i).norm(), 1e-12f);
        auto ob = out.middleRows(r0, b);
        ob.noalias() = xb * lin;
        ob.rowwise() += bias;
        ob *= m_targetNorm;
        ob = (ob.array().rowwise() * m_stdY.array()).rowwise() + m_meanY.array();
    }
    return out;
}

}  // namespace lb
