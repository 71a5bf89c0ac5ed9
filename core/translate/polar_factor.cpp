#include "core/translate/polar_factor.h"

#include "core/linalg/square_svd.h"
#include "core/linalg/symmetric_eigen.h"

#include <Eigen/QR>
#include <Eigen/SVD>

#include <limits>
#include <optional>

namespace lb {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;

// Eigenvalues of the Gram matrix relative to the largest (σ² ratios): above kRange a direction is determined
// (σ ratio > 1e-4, computed to ~1e-8), below kNull it is a null direction (exact zeros land near 1e-16: dead
// ReLU units, K < D). In between the Gram route cannot tell them apart accurately and the SVD decides.
constexpr double kRange = 1e-8;
constexpr double kNull = 1e-12;

// What a factor is when an SVD it needs fails (non-finite anchors): a W × W matrix of NaN, which the fit reports as
// a non-finite map.
MatrixXd notFinite(Index w) {
    return MatrixXd::Constant(w, w, std::numeric_limits<double>::quiet_NaN());
}

// Columns orthonormal to those of `basis` (n × r, orthonormal columns): n × (n − r).
MatrixXd orthogonalComplement(const MatrixXd& basis) {
    const Index n = basis.rows(), r = basis.cols();
    if (r == 0) return MatrixXd::Identity(n, n);
    if (r == n) return MatrixXd(n, 0);  // nothing to complete (the usual full-rank square case): no QR
    const MatrixXd q = Eigen::HouseholderQR<MatrixXd>(basis).householderQ();
    return q.rightCols(n - r);
}

// A W × r matrix with orthonormal columns as basis · coef (W × m times m × r), or the basis itself when coef is empty.
struct Factored {
    MatrixXd basis, coef;
    Index cols() const { return coef.size() > 0 ? coef.cols() : basis.cols(); }
    MatrixXd formed() const { return coef.size() > 0 ? MatrixXd(basis * coef) : basis; }
    // The coefficients of this·m on the same basis.
    MatrixXd coefTimes(const MatrixXd& m) const { return coef.size() > 0 ? MatrixXd(coef * m) : m; }
};

// U₁V₁ᵀ + C: u and v (W × r, orthonormal columns) paired, and C the orthogonal map from the complement of span(u)
// onto the complement of span(v) closest to the identity: C = Cu·P·Qᵀ·Cvᵀ with P S Qᵀ the SVD of Cuᵀ·Cv, for any
// orthonormal bases Cu, Cv of the two complements. C depends on the two subspaces only, not on the bases an
// eigensolver or SVD happened to return, so every route (and every platform) completes the rotation the same way
// (unique unless a free source direction is orthogonal to every free target direction). Zero padding and
// directions dead on both sides map to themselves. With r = W nothing is completed.
//
// C comes from the r × r problem, not from the (W − r)-wide complements: with uᵀv = P Γ Qᵀ (Γ: cosines of the
// principal angles between span(u) and span(v)), the CS decomposition gives (Cuᵀ Cv)ᵀ(Cuᵀ Cv) = I − Z(I − Γ²)Zᵀ
// for Z = Cvᵀ u P (I − Γ²)^(-1/2), whose inverse square root is explicit, and so
//     C = (I − uuᵀ)(I − vvᵀ) + (Ỹ·D − uP·E)·Ỹᵀ,   Ỹ = uP − vQΓ,  D = 1 / (γ(1 + γ)),  E = 1/γ − 1,
// bounded as γ → 1 (shared directions, where Ỹ's column vanishes). For 300 anchors of 768-d spaces this is an SVD
// of 300 × 300 and rank-r products instead of two W × W orthogonal bases and an SVD of 468 × 468. A principal
// angle of 90° (γ = 0: the non-unique case) takes the complements themselves.
//
// In the principal vectors u' = uP and v' = vQ (uvᵀ = u'·PᵀQ·v'ᵀ, uᵀv = PΓQᵀ), with D − E = γ/(1 + γ) = α and
// ΓD = 1/(1 + γ) = β, the whole factor is
//     U₁V₁ᵀ + C = I + u'(α − 1)u'ᵀ + u'(PᵀQ + α)v'ᵀ − v'βu'ᵀ + v'(α − 1)v'ᵀ = I + [u' v']·[A₁ A₂]ᵀ,
//     A₁ = u'(α − 1) + v'(PᵀQ + α)ᵀ,   A₂ = v'(α − 1) − u'β,
// with no difference of large terms (α and β stay in [0, 1]): R = I + L·M·Lᵀ, L = [u' v'] and
// M = [[α − 1, PᵀQ + α], [−β, α − 1]] (OrthogonalFactor's low-rank form), a W × 2r × W product when formed.
// u and v come as a basis times coefficients (Factored), and so do u' and v': the thin route's bases are the anchors.
OrthogonalFactor pairedWithCompletions(Factored u, Factored v) {
    const Index w = u.basis.rows(), r = u.cols();
    if (r == w) return OrthogonalFactor::whole(u.formed() * v.formed().transpose());
    if (r == 0) return OrthogonalFactor::whole(MatrixXd::Identity(w, w));
    MatrixXd uv = u.basis.transpose() * v.basis;  // uᵀv = cuᵀ·(buᵀbv)·cv, r × r
    if (u.coef.size() > 0) uv = u.coef.transpose() * uv;
    if (v.coef.size() > 0) uv = uv * v.coef;
    const std::optional<SquareSvd> angles = squareSvd(uv);  // P Γ Qᵀ
    if (angles && angles->s(r - 1) > 1e-6) {
        const Eigen::ArrayXd g = angles->s.array();
        const Eigen::ArrayXd alpha = g / (1.0 + g);
        OrthogonalFactor out;
        out.uCoef = u.coefTimes(angles->u);  // u' = uP
        out.vCoef = v.coefTimes(angles->v);  // v' = vQ
        out.uBasis = std::move(u.basis);
        out.vBasis = std::move(v.basis);
        out.pq = angles->u.transpose() * angles->v;  // PᵀQ + α
        out.pq.diagonal().array() += alpha;
        out.alphaLess1 = (alpha - 1.0).matrix();
        out.beta = (1.0 + g).inverse().matrix();
        return out;
    }
    const MatrixXd uf = u.formed(), vf = v.formed();
    MatrixXd paired = uf * vf.transpose();
    const MatrixXd cu = orthogonalComplement(uf), cv = orthogonalComplement(vf);
    const std::optional<SquareSvd> closest = squareSvd(cu.transpose() * cv);
    if (!closest) return OrthogonalFactor::whole(notFinite(w));
    paired += cu * (closest->u * closest->v.transpose()) * cv.transpose();
    return OrthogonalFactor::whole(std::move(paired));
}

// The factor from an SVD of `cross`: U₁V₁ᵀ over the singular values above 1e-6 of the largest (what the Gram route
// counts as null stays null here, what it could not classify counts as determined), completed as
// pairedWithCompletions does.
MatrixXd svdFactor(const MatrixXd& cross) {
    const std::optional<SquareSvd> svd = squareSvd(cross);
    if (!svd) return notFinite(cross.rows());
    const Eigen::VectorXd& s = svd->s;
    Index r = 0;
    while (r < s.size() && s(r) > 1e-6 * s(0)) ++r;
    return pairedWithCompletions({svd->u.leftCols(r), {}}, {svd->v.leftCols(r), {}}).formed();
}

// How many leading values of `ratios` (σ² / σ²_max, descending) are determined directions; -1 when one is
// neither determined nor null (the SVD must decide).
Index determinedCount(const Eigen::VectorXd& ratiosDescending) {
    Index r = 0;
    while (r < ratiosDescending.size() && ratiosDescending(r) > kRange) ++r;
    for (Index i = r; i < ratiosDescending.size(); ++i)
        if (ratiosDescending(i) >= kNull) return -1;
    return r;
}

// U_r and V_r of block = U_r Σ_r V_rᵀ over its r nonzero singular values, from the eigenvectors of its smaller Gram
// matrix (the same pairs every SVD of the block gives). nullopt when the eigensolver fails, the block is zero, or a
// singular value is neither determined nor null (determinedCount): the SVD must decide.
struct SingularPairs {
    MatrixXd u, v;             // rows × r, cols × r
    Eigen::VectorXd invSigma;  // r: 1 / σ
};
std::optional<SingularPairs> singularPairsViaGram(const MatrixXd& block) {
    const bool rowsSide = block.rows() <= block.cols();
    const std::optional<SymmetricEigen> eig =
        symmetricEigen(rowsSide ? MatrixXd(block * block.transpose()) : MatrixXd(block.transpose() * block));
    if (!eig) return std::nullopt;
    const Eigen::VectorXd& lambda = eig->values;  // ascending
    const double top = lambda(lambda.size() - 1);
    if (!(top > 0.0)) return std::nullopt;
    const Index r = determinedCount(lambda.reverse() / top);
    if (r < 0) return std::nullopt;
    const MatrixXd known = eig->vectors.rightCols(r);  // U_r or V_r
    const Eigen::VectorXd invSigma = lambda.tail(r).cwiseSqrt().cwiseInverse();
    MatrixXd other = (rowsSide ? MatrixXd(block.transpose() * known) : MatrixXd(block * known)) *
                     invSigma.asDiagonal();  // V_r = blockᵀ U_r Σ⁻¹, or U_r = block V_r Σ⁻¹
    if (rowsSide) return SingularPairs{known, std::move(other), invSigma};
    return SingularPairs{std::move(other), known, invSigma};
}

}  // namespace

MatrixXd polarFactor(const MatrixXd& cross, Index d, Index dy, bool* usedSvd) {
    if (usedSvd) *usedSvd = true;
    const Index w = cross.rows();
    const std::optional<SingularPairs> pairs = singularPairsViaGram(cross.topLeftCorner(d, dy));
    if (!pairs) return svdFactor(cross);
    const Index r = pairs->u.cols();
    MatrixXd u = MatrixXd::Zero(w, r), v = MatrixXd::Zero(w, r);
    u.topRows(d) = pairs->u;
    v.topRows(dy) = pairs->v;
    // With full rank min(d, dy) the completion never touches the top-left d × dy block.
    if (usedSvd) *usedSvd = false;
    return pairedWithCompletions({std::move(u), {}}, {std::move(v), {}}).formed();
}

MatrixXd OrthogonalFactor::formed() const {
    if (!lowRank()) return dense;
    const Index w = uBasis.rows(), r = pq.rows();
    MatrixXd left(w, 2 * r), right(w, 2 * r);  // R = I + left·rightᵀ: left = L = [u' v'], right = L·Mᵀ
    left.leftCols(r).noalias() = uBasis * uCoef;
    left.rightCols(r).noalias() = vBasis * vCoef;
    const auto up = left.leftCols(r), vq = left.rightCols(r);
    right.leftCols(r).noalias() = vq * pq.transpose();
    right.leftCols(r) += up * alphaLess1.asDiagonal();
    right.rightCols(r) = vq * alphaLess1.asDiagonal();
    right.rightCols(r) -= up * beta.asDiagonal();
    MatrixXd rotation = MatrixXd::Identity(w, w);
    rotation.noalias() += left * right.transpose();
    return rotation;
}

MatrixXd OrthogonalFactor::correctionTimes(const MatrixXd& p) const {
    return lowRankTimes(p, false);
}

MatrixXd OrthogonalFactor::transposedCorrectionTimes(const MatrixXd& p) const {
    return lowRankTimes(p, true);
}

MatrixXd OrthogonalFactor::lowRankTimes(const MatrixXd& p, bool transposed) const {
    // (R − I)·p = L·M·Lᵀp and (R − I)ᵀ·p = L·Mᵀ·Lᵀp: the same projections, the middle read one way or the other.
    const MatrixXd z1 = uCoef.transpose() * (uBasis.transpose() * p);  // u'ᵀp, r × q
    const MatrixXd z2 = vCoef.transpose() * (vBasis.transpose() * p);  // v'ᵀp
    const auto a = alphaLess1.asDiagonal();
    const auto b = beta.asDiagonal();
    const MatrixXd m1 = transposed ? MatrixXd(a * z1 - b * z2) : MatrixXd(a * z1 + pq * z2);
    const MatrixXd m2 = transposed ? MatrixXd(pq.transpose() * z1 + a * z2) : MatrixXd(a * z2 - b * z1);
    return uBasis * (uCoef * m1) + vBasis * (vCoef * m2);
}

bool OrthogonalFactor::allFinite() const {
    return dense.allFinite() && uBasis.allFinite() && uCoef.allFinite() && vBasis.allFinite() && vCoef.allFinite() &&
           pq.allFinite() && alphaLess1.allFinite() && beta.allFinite();
}

size_t OrthogonalFactor::doubles() const {
    return static_cast<size_t>(dense.size() + uBasis.size() + uCoef.size() + vBasis.size() + vCoef.size() + pq.size() +
                               alphaLess1.size() + beta.size());
}

namespace {

// xᵀ = Qx·Rx and yᵀ = Qy·Ry (thin QRs, Q's K columns orthonormal), so xᵀy = Qx·(Rx·Ryᵀ)·Qyᵀ: its nonzero singular
// values are those of the K × K middle factor, and its singular vectors Qx·U_c and Qy·V_c.
struct ThinProduct {
    MatrixXd rx, ry;  // K × K, upper triangular
    MatrixXd middle;  // Rx·Ryᵀ, K × K
    ThinProduct(const MatrixXd& x, const MatrixXd& y) : rx(upperFactor(x)), ry(upperFactor(y)) {
        middle = rx * ry.transpose();
    }

   private:
    static MatrixXd upperFactor(const MatrixXd& a) {
        const Eigen::HouseholderQR<MatrixXd> qr(a.transpose());
        return qr.matrixQR().topRows(a.rows()).triangularView<Eigen::Upper>();
    }
};

bool fewerAnchorsThanWidths(const MatrixXd& x, const MatrixXd& y) {
    return x.rows() < std::min(x.cols(), y.cols());
}

}  // namespace

MatrixXd polarFactorOfProduct(const MatrixXd& x, const MatrixXd& y, Index w, bool* usedSvd) {
    return polarFactorOfProductParts(x, y, w, usedSvd).formed();
}

OrthogonalFactor polarFactorOfProductParts(const MatrixXd& x, const MatrixXd& y, Index w, bool* usedSvd) {
    const Index d = x.cols(), dy = y.cols();
    auto viaCross = [&] {
        MatrixXd cross = MatrixXd::Zero(w, w);
        cross.topLeftCorner(d, dy) = x.transpose() * y;
        return OrthogonalFactor::whole(polarFactor(cross, d, dy, usedSvd));
    };
    if (!fewerAnchorsThanWidths(x, y)) return viaCross();
    // The middle factor's singular pairs through its Gram matrix, as polarFactor does for the whole block (a
    // K × K eigensolver costs about a third of the K × K SVD with vectors).
    const ThinProduct p(x, y);
    const std::optional<SingularPairs> pairs = singularPairsViaGram(p.middle);
    if (!pairs) return viaCross();
    // The block's singular vectors without forming Qx or Qy: u = xᵀy·v / σ and v = yᵀx·u / σ, where y·(Qy·V_c) =
    // Ryᵀ·V_c and x·(Qx·U_c) = Rxᵀ·U_c. Kept as the padded anchors times K × r coefficients, so no product with a
    // W-tall result is taken unless a caller forms R. As accurate as the pairs themselves: singularPairsViaGram keeps
    // only σ / σ_max > 1e-4.
    const Eigen::VectorXd& invSigma = pairs->invSigma;
    const Index k = x.rows();
    Factored u{MatrixXd::Zero(w, k), p.ry.transpose() * pairs->v * invSigma.asDiagonal()};
    Factored v{MatrixXd::Zero(w, k), p.rx.transpose() * pairs->u * invSigma.asDiagonal()};
    u.basis.topRows(d) = x.transpose();
    v.basis.topRows(dy) = y.transpose();
    if (usedSvd) *usedSvd = false;
    return pairedWithCompletions(std::move(u), std::move(v));
}

std::optional<Eigen::VectorXd> singularValuesOfProduct(const MatrixXd& x, const MatrixXd& y, Index w) {
    Eigen::VectorXd out = Eigen::VectorXd::Zero(w);
    if (fewerAnchorsThanWidths(x, y)) {
        const Eigen::BDCSVD<MatrixXd> middle(ThinProduct(x, y).middle);
        if (middle.info() != Eigen::Success) return std::nullopt;
        out.head(x.rows()) = middle.singularValues();
        return out;
    }
    const Eigen::BDCSVD<MatrixXd> svd(MatrixXd(x.transpose() * y));
    if (svd.info() != Eigen::Success) return std::nullopt;
    out.head(svd.singularValues().size()) = svd.singularValues();
    return out;
}

}  // namespace lb
