#include "core/translate/polar_factor.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>

namespace lb {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;

// Eigenvalues of the Gram matrix relative to the largest (σ² ratios): above kRange a direction is determined
// (σ ratio > 1e-4, computed to ~1e-8), below kNull it is a null direction (exact zeros land near 1e-16: dead
// ReLU units, K < D). In between the Gram route cannot tell them apart accurately and the SVD decides.
constexpr double kRange = 1e-8;
constexpr double kNull = 1e-12;

MatrixXd svdFactor(const MatrixXd& cross) {
    Eigen::BDCSVD<MatrixXd> svd(cross, Eigen::ComputeThinU | Eigen::ComputeThinV);
    return svd.matrixU() * svd.matrixV().transpose();
}

// Columns orthonormal to those of `basis` (n × r, orthonormal columns): n × (n − r).
MatrixXd orthogonalComplement(const MatrixXd& basis) {
    const Index n = basis.rows(), r = basis.cols();
    if (r == 0) return MatrixXd::Identity(n, n);
    if (r == n) return MatrixXd(n, 0);  // nothing to complete (the usual full-rank square case): no QR
    const MatrixXd q = Eigen::HouseholderQR<MatrixXd>(basis).householderQ();
    return q.rightCols(n - r);
}

}  // namespace

MatrixXd polarFactor(const MatrixXd& cross, Index d, Index dy, bool* usedSvd) {
    if (usedSvd) *usedSvd = true;
    const Index w = cross.rows();
    const MatrixXd block = cross.topLeftCorner(d, dy);
    // block = U_r Σ_r V_rᵀ over its r nonzero singular values, from the eigenvectors of the smaller Gram matrix.
    const bool rowsSide = d <= dy;
    Eigen::SelfAdjointEigenSolver<MatrixXd> eig(rowsSide ? MatrixXd(block * block.transpose())
                                                         : MatrixXd(block.transpose() * block));
    if (eig.info() != Eigen::Success) return svdFactor(cross);
    const Eigen::VectorXd& lambda = eig.eigenvalues();  // ascending
    const double top = lambda(lambda.size() - 1);
    if (!(top > 0.0)) return svdFactor(cross);
    Index nullCount = 0;
    for (Index i = 0; i < lambda.size(); ++i) {
        if (lambda(i) > kRange * top) break;
        if (lambda(i) >= kNull * top) return svdFactor(cross);
        ++nullCount;
    }
    const Index r = lambda.size() - nullCount;
    const MatrixXd known = eig.eigenvectors().rightCols(r);  // U_r (d × r) or V_r (dy × r)
    const Eigen::VectorXd invSigma = lambda.tail(r).cwiseSqrt().cwiseInverse();
    const MatrixXd other = (rowsSide ? MatrixXd(block.transpose() * known) : MatrixXd(block * known)) *
                           invSigma.asDiagonal();  // V_r = blockᵀ U_r Σ⁻¹, or U_r = block V_r Σ⁻¹
    MatrixXd u = MatrixXd::Zero(w, r), v = MatrixXd::Zero(w, r);
    u.topRows(d) = rowsSide ? known : other;
    v.topRows(dy) = rowsSide ? other : known;
    // The rest pairs any orthonormal completion of U_r with any of V_r, as the SVD does (zero padding and null
    // directions included). With full rank min(d, dy) it never touches the top-left d × dy block.
    if (usedSvd) *usedSvd = false;
    return u * v.transpose() + orthogonalComplement(u) * orthogonalComplement(v).transpose();
}

}  // namespace lb
