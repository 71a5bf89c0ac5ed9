#include "core/metrics/cka.h"

#include "core/linalg/covariance.h"
#include "core/metrics/order_statistic.h"
#include "core/metrics/sampling.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace lb {

static Status checkSameRows(Index x, Index y) {
    if (x != y)
        return invalidArgument("CKA needs the same rows in both spaces (" + std::to_string(x) + " vs " +
                               std::to_string(y) + ")");
    return Status::ok();
}

// One space's input: at least 2 rows, all finite.
static Status checkSide(const ConstRowMatrixRef& X) {
    if (X.rows() < 2) return invalidArgument("CKA needs at least 2 rows");
    if (!isAllFinite(X)) return Error{ErrorCode::NumericalIssue, "CKA input contains NaN or Inf", {}, {}};
    return Status::ok();
}

static Status checkPair(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y) {
    if (Status s = checkSameRows(X.rows(), Y.rows()); !s) return s;
    if (Status s = checkSide(X); !s) return s;
    return checkSide(Y);
}

Result<LinearCkaMoments> linearCkaMoments(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, JobContext& ctx) {
    if (Status s = checkPair(X, Y); !s) return s;
    const Eigen::RowVectorXd mx = columnMeans(X), my = columnMeans(Y);
    const uint64_t blocks = static_cast<uint64_t>((X.rows() + kCrossProductBlockRows - 1) / kCrossProductBlockRows);
    ctx.setStage("linear CKA", 3 * blocks);
    LinearCkaMoments m;
    Result<Eigen::MatrixXd> xx = centeredGram(X, mx, ctx);
    if (!xx) return xx.error();
    Result<Eigen::MatrixXd> yy = centeredGram(Y, my, ctx);
    if (!yy) return yy.error();
    Result<Eigen::MatrixXd> yx = centeredCrossProduct(Y, X, my, mx, ctx);
    if (!yx) return yx.error();
    m.xx = std::move(*xx);
    m.yy = std::move(*yy);
    m.yx = std::move(*yx);
    return m;
}

Result<LinearCkaAllRows> linearCkaAllRows(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, JobContext& ctx) {
    Result<LinearCkaMoments> m = linearCkaMoments(X, Y, ctx);
    if (!m) return m.error();
    LinearCkaAllRows all;
    all.n = X.rows();
    all.meanX = columnMeans(X);
    all.meanY = columnMeans(Y);
    all.centered = std::move(*m);
    return all;
}

Result<LinearCkaMoments> linearCkaMomentsWithout(const LinearCkaAllRows& all, const ConstRowMatrixRef& removedX,
                                                 const ConstRowMatrixRef& removedY) {
    const Index r = removedX.rows();
    if (removedY.rows() != r || removedX.cols() != all.meanX.cols() || removedY.cols() != all.meanY.cols())
        return invalidArgument("CKA: the rows to leave out do not match the moments' spaces");
    if (all.n - r < 2) return invalidArgument("CKA needs at least 2 rows");
    LinearCkaMoments m = all.centered;
    if (r == 0) return m;
    // The kept rows' sums about the means: −Σ(x − meanX) and −Σ(y − meanY) over the removed rows, in double.
    const Eigen::RowVectorXd sd = -(removedX.cast<double>().rowwise() - all.meanX).colwise().sum();
    const Eigen::RowVectorXd se = -(removedY.cast<double>().rowwise() - all.meanY).colwise().sum();
    const double inv = 1.0 / static_cast<double>(all.n - r);
    // The removed rows' products about the same means, taken as the moments' own were summed (covariance.h: centred
    // float blocks added in double), then taken out in double.
    Result<Eigen::MatrixXd> xx = centeredGram(removedX, all.meanX);
    if (!xx) return xx.error();
    Result<Eigen::MatrixXd> yy = centeredGram(removedY, all.meanY);
    if (!yy) return yy.error();
    Result<Eigen::MatrixXd> yx = centeredCrossProduct(removedY, removedX, all.meanY, all.meanX);
    if (!yx) return yx.error();
    m.xx -= *xx;
    m.xx.noalias() -= inv * sd.transpose() * sd;
    m.yy -= *yy;
    m.yy.noalias() -= inv * se.transpose() * se;
    m.yx -= *yx;
    m.yx.noalias() -= inv * se.transpose() * sd;
    return m;
}

namespace {

// cross / (xNorm·yNorm) for cross = ‖Y_cᵀX_c‖², xNorm = ‖X_cᵀX_c‖ and yNorm = ‖Y_cᵀY_c‖ (whichever matrices give
// them), clamped to [0, 1] (round-off can push identical spaces a hair above 1); NaN when either space is constant
// (0 / 0).
double ckaOfNorms(double cross, double xNorm, double yNorm) {
    const double den = xNorm * yNorm;
    if (!(den > 0)) return std::numeric_limits<double>::quiet_NaN();
    return std::clamp(cross / den, 0.0, 1.0);
}

double ckaOf(const Eigen::MatrixXd& xx, const Eigen::MatrixXd& yy, const Eigen::MatrixXd& yx) {
    return ckaOfNorms(yx.squaredNorm(), xx.norm(), yy.norm());
}

// ckaOfNorms, with a constant space refused as undefined (ckaUndefined) rather than NaN.
Result<double> definedCka(double cross, double xNorm, double yNorm) {
    const bool xConstant = !(xNorm > 0), yConstant = !(yNorm > 0);
    if (xConstant || yConstant) return ckaUndefined(xConstant, yConstant);
    return ckaOfNorms(cross, xNorm, yNorm);
}

}  // namespace

Error ckaUndefined(bool firstConstant, bool secondConstant) {
    const std::string which = firstConstant && secondConstant ? "both spaces"
                              : firstConstant                 ? "the first space"
                              : secondConstant                ? "the second space"
                                                              : "one of the two spaces";
    return invalidArgument("CKA is undefined: every row of " + which +
                           " is the same on these samples (an all-zero or constant space)");
}

Result<double> linearCkaOfMoments(const LinearCkaMoments& m) {
    return definedCka(m.yx.squaredNorm(), m.xx.norm(), m.yy.norm());
}

bool linearCkaCheaperInGramSpace(Index n, Index dx, Index dy) {
    // n × n Gram matrices cost about n²·(Dx + Dy); the Dx × Dx, Dy × Dy and Dy × Dx moments n·(Dx² + Dy² + Dx·Dy),
    // plus zeroing them.
    return n * (dx + dy) < dx * dx + dy * dy + dx * dy;
}

namespace {

// Linear CKA from the rows' centered Gram matrices Kx = XcXcᵀ and Ky = YcYcᵀ (n × n, double): ‖YcᵀXc‖²_F =
// Σ Kx∘Ky, ‖XcᵀXc‖_F² = Σ Kx∘Kx and likewise for Y, so the value is the moments' up to round-off.
Result<double> linearCkaInGramSpace(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y) {
    const Eigen::MatrixXd xc = X.cast<double>().rowwise() - columnMeans(X);  // n × Dx
    const Eigen::MatrixXd yc = Y.cast<double>().rowwise() - columnMeans(Y);  // n × Dy
    const Eigen::MatrixXd kx = xc * xc.transpose(), ky = yc * yc.transpose();
    return definedCka(kx.cwiseProduct(ky).sum(), kx.norm(), ky.norm());
}

}  // namespace

Result<double> linearCka(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, JobContext& ctx) {
    if (linearCkaCheaperInGramSpace(X.rows(), X.cols(), Y.cols())) {
        if (Status s = checkPair(X, Y); !s) return s;
        return linearCkaInGramSpace(X, Y);
    }
    Result<LinearCkaMoments> m = linearCkaMoments(X, Y, ctx);
    if (!m) return m.error();
    return linearCkaOfMoments(*m);
}

LinearCkaStream::LinearCkaStream(const Eigen::RowVectorXd& shiftX, const Eigen::RowVectorXd& shiftY)
    : m_shiftX(shiftX),
      m_shiftY(shiftY),
      m_sumX(Eigen::RowVectorXd::Zero(shiftX.size())),
      m_sumY(Eigen::RowVectorXd::Zero(shiftY.size())) {
    m_shifted.xx = Eigen::MatrixXd::Zero(shiftX.size(), shiftX.size());
    m_shifted.yy = Eigen::MatrixXd::Zero(shiftY.size(), shiftY.size());
    m_shifted.yx = Eigen::MatrixXd::Zero(shiftY.size(), shiftX.size());
}

Status LinearCkaStream::add(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, JobContext& ctx) {
    if (Status s = checkSameRows(X.rows(), Y.rows()); !s) return s;
    if (X.cols() != m_shiftX.size() || Y.cols() != m_shiftY.size())
        return invalidArgument("CKA: rows of another width than the stream's");
    m_finite = m_finite && isAllFinite(X) && isAllFinite(Y);
    JobContext quiet(&ctx);  // cancelled with ctx; the caller reports the progress
    // The products of centeredGram and centeredCrossProduct, about the shifts; the centered blocks' sums on the way.
    const auto sumInto = [](Eigen::RowVectorXd& sum) {
        return [&sum](Index, const RowMatrixXf& centered) { sum += centered.colwise().sum().cast<double>(); };
    };
    Result<Eigen::MatrixXd> xx = centeredGram(X, m_shiftX, quiet, sumInto(m_sumX));
    if (!xx) return xx.error();
    Result<Eigen::MatrixXd> yy = centeredGram(Y, m_shiftY, quiet, sumInto(m_sumY));
    if (!yy) return yy.error();
    Result<Eigen::MatrixXd> yx = centeredCrossProduct(Y, X, m_shiftY, m_shiftX, quiet);
    if (!yx) return yx.error();
    m_shifted.xx += *xx;
    m_shifted.yy += *yy;
    m_shifted.yx += *yx;
    m_n += X.rows();
    return Status::ok();
}

void LinearCkaStream::append(const LinearCkaStream& other) {
    m_shifted.xx += other.m_shifted.xx;
    m_shifted.yy += other.m_shifted.yy;
    m_shifted.yx += other.m_shifted.yx;
    m_sumX += other.m_sumX;
    m_sumY += other.m_sumY;
    m_n += other.m_n;
    m_finite = m_finite && other.m_finite;
}

Result<LinearCkaMoments> LinearCkaStream::moments() const {
    if (m_n < 2) return invalidArgument("CKA needs at least 2 rows");
    if (!m_finite) return Error{ErrorCode::NumericalIssue, "CKA input contains NaN or Inf", {}, {}};
    // n(μ−a)(ν−b)ᵀ with μ − a = Σ(x − a) / n.
    const double inv = 1.0 / static_cast<double>(m_n);
    LinearCkaMoments m = m_shifted;
    m.xx.noalias() -= inv * m_sumX.transpose() * m_sumX;
    m.yy.noalias() -= inv * m_sumY.transpose() * m_sumY;
    m.yx.noalias() -= inv * m_sumY.transpose() * m_sumX;
    return m;
}

double linearCkaOfMaps(const LinearCkaMoments& m, const Eigen::MatrixXd& Mx, const Eigen::MatrixXd& My) {
    // (X·Mx)_cᵀ(X·Mx)_c = Mxᵀ·xx·Mx, and likewise for Y and the cross product.
    const Eigen::MatrixXd xx = Mx.size() ? Eigen::MatrixXd(Mx.transpose() * m.xx * Mx) : m.xx;
    const Eigen::MatrixXd yy = My.size() ? Eigen::MatrixXd(My.transpose() * m.yy * My) : m.yy;
    Eigen::MatrixXd yx = Mx.size() ? Eigen::MatrixXd(m.yx * Mx) : m.yx;
    if (My.size()) yx = (My.transpose() * yx).eval();
    return ckaOf(xx, yy, yx);
}

namespace {

// The lower triangle (i > j) of the n x n squared Euclidean distances, in double via the Gram matrix (clamped
// at 0); the diagonal is 0 and the strict upper triangle is not set (the kernel is symmetric: only its lower
// triangle is ever read). `nonZero` receives each positive distance once (for the median).
Eigen::MatrixXd squaredDistances(const Eigen::MatrixXd& Z, std::vector<double>& nonZero) {
    const Index n = Z.rows();
    Eigen::MatrixXd D2 = Eigen::MatrixXd::Zero(n, n);
    D2.selfadjointView<Eigen::Lower>().rankUpdate(Z);  // lower triangle of Z·Zᵀ
    const Eigen::VectorXd sq = D2.diagonal();
    nonZero.clear();
    nonZero.reserve(static_cast<size_t>(n * (n - 1) / 2));
    for (Index j = 0; j < n; ++j) {
        D2(j, j) = 0.0;
        for (Index i = j + 1; i < n; ++i) {  // down a column: contiguous
            const double d2 = std::max(sq[i] + sq[j] - 2.0 * D2(i, j), 0.0);
            D2(i, j) = d2;
            if (d2 > 0) nonZero.push_back(d2);
        }
    }
    return D2;
}

// Median of the non-zero off-diagonal squared distances, each listed once: the lower middle element for an
// even count. Each value appears twice in the full matrix, so the lower middle of the full list equals the
// element of rank floor((m − 1) / 2) among these m values.
double medianOf(const std::vector<double>& nonZero) {
    if (nonZero.empty()) return 0.0;
    return kthSmallestNonNegative(nonZero, (nonZero.size() - 1) / 2);
}

// Centered RBF kernel H K H from squared distances (lower triangle, as squaredDistances leaves it); sigma² =
// the median. In place, on the lower triangle only (half the exps and passes of the full matrix): the exp, the
// row means (K is symmetric: row i's sum is its part of row i plus its part of column i), one fused centering.
void centeredRbfKernel(Eigen::MatrixXd& D2, double sigma2) {
    const Index n = D2.rows();
    const double scale = sigma2 > 0 ? -1.0 / (2.0 * sigma2) : 0.0;  // 0: identical rows, constant kernel
    Eigen::VectorXd rowSum = Eigen::VectorXd::Zero(n);
    for (Index j = 0; j < n; ++j) {
        auto below = D2.col(j).tail(n - j - 1);
        below = (below * scale).array().exp().matrix();
        D2(j, j) = 1.0;
        rowSum[j] += 1.0 + below.sum();
        rowSum.tail(n - j - 1) += below;
    }
    const Eigen::VectorXd rowMean = rowSum / static_cast<double>(n);
    const double grand = rowMean.mean();
    for (Index j = 0; j < n; ++j) {
        auto lower = D2.col(j).tail(n - j);  // rows j..n-1 of column j
        lower.array() += grand - rowMean[j];
        lower -= rowMean.tail(n - j);
    }
}

// ‖A‖_F² or <A, B>_F of two symmetric matrices from their lower triangles: twice the strict part plus the
// diagonal.
double symmetricInner(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
    const Index n = A.rows();
    double strict = 0.0, diagonal = 0.0;
    for (Index j = 0; j < n; ++j) {
        diagonal += A(j, j) * B(j, j);
        strict += A.col(j).tail(n - j - 1).dot(B.col(j).tail(n - j - 1));
    }
    return 2.0 * strict + diagonal;
}

// The centered kernel of rows `rows` of Z (N x D), σ² = median non-zero squared distance.
RbfKernelSide kernelSide(const ConstRowMatrixRef& Z, std::vector<Index> rows) {
    RbfKernelSide side;
    side.sourceRows = Z.rows();
    const Index n = static_cast<Index>(rows.size());
    Eigen::MatrixXd z(n, Z.cols());
    for (Index i = 0; i < n; ++i) z.row(i) = Z.row(rows[static_cast<size_t>(i)]).cast<double>();
    side.rows = std::move(rows);
    std::vector<double> nonZero;
    side.centered = squaredDistances(z, nonZero);
    const double s2 = medianOf(nonZero);
    centeredRbfKernel(side.centered, s2);
    side.squaredNorm = symmetricInner(side.centered, side.centered);
    side.sigma = std::sqrt(s2);
    return side;
}

}  // namespace

Result<RbfKernelSide> rbfKernelSide(const ConstRowMatrixRef& Y, const RbfCkaOptions& options, JobContext& ctx) {
    if (options.maxRows < 2) return invalidArgument("RBF CKA needs maxRows >= 2");
    if (Status s = checkSide(Y); !s) return s;
    if (ctx.cancelled()) return Status::cancelled();
    return kernelSide(Y, sampleRows(Y.rows(), options.maxRows, options.seed));
}

Result<RbfCkaResult> rbfCkaWith(const ConstRowMatrixRef& X, const RbfKernelSide& y, JobContext& ctx) {
    if (Status s = checkSameRows(X.rows(), y.sourceRows); !s) return s;
    if (Status s = checkSide(X); !s) return s;
    ctx.setStage("RBF CKA", 2);
    const RbfKernelSide x = kernelSide(X, y.rows);  // the same sampled rows
    ctx.advance(1);
    if (ctx.cancelled()) return Status::cancelled();
    RbfCkaResult out;
    out.n = static_cast<Index>(y.rows.size());
    out.sigmaX = x.sigma;
    out.sigmaY = y.sigma;
    // A constant space has a constant kernel, which centering turns into zero.
    if (!(x.squaredNorm > 0) || !(y.squaredNorm > 0)) return ckaUndefined(!(x.squaredNorm > 0), !(y.squaredNorm > 0));
    const double hxy = symmetricInner(x.centered, y.centered);
    const double den = std::sqrt(x.squaredNorm * y.squaredNorm);
    out.value = std::clamp(hxy / den, 0.0, 1.0);
    ctx.advance(1);
    return out;
}

Result<RbfCkaResult> rbfCka(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, const RbfCkaOptions& options,
                            JobContext& ctx) {
    // Each half checks its own space (scanning each for NaN once); the row counts first, as linearCka does.
    if (Status s = checkSameRows(X.rows(), Y.rows()); !s) return s;
    Result<RbfKernelSide> y = rbfKernelSide(Y, options, ctx);
    if (!y) return y.error();
    return rbfCkaWith(X, *y, ctx);
}

}  // namespace lb
