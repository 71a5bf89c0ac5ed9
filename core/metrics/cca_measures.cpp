#include "core/metrics/cca_measures.h"

#include "core/metrics/measure_linalg.h"

#include <Eigen/SVD>

#include <algorithm>

namespace lb::measures {

namespace {

VectorXd canonicalCorrelations(const MatrixXd& Ua, const MatrixXd& Ub) {
    if (Ua.cols() == 0 || Ub.cols() == 0) return {};
    // Singular values of an orthonormal-basis product are cosines of principal angles: clamp round-off above 1.
    return Eigen::BDCSVD<MatrixXd>(Ua.transpose() * Ub).singularValues().cwiseMin(1.0);
}

double meanOf(const VectorXd& v) {
    return v.size() > 0 ? v.mean() : 0.0;
}

// The first columns of a centred space's left singular vectors that explain `share` of its variance.
MatrixXd topDirections(const MatrixXd& X, double share) {
    const ColumnBasis b = columnBasis(centred(X));
    const VectorXd var = b.s.array().square();
    const double total = var.sum();
    Index keep = 0;
    double cumulative = 0;
    while (keep < var.size() && cumulative < share * total) cumulative += var(keep++);
    return b.u.leftCols(std::max<Index>(keep, std::min<Index>(1, b.u.cols())));
}

}  // namespace

double meanCca(const MatrixXd& A, const MatrixXd& B) {
    return meanOf(canonicalCorrelations(columnBasis(centred(A)).u, columnBasis(centred(B)).u));
}

double svcca(const MatrixXd& A, const MatrixXd& B, double varianceKept) {
    return meanOf(canonicalCorrelations(topDirections(A, varianceKept), topDirections(B, varianceKept)));
}

double pwcca(const MatrixXd& A, const MatrixXd& B) {
    const MatrixXd Ac = centred(A);
    const MatrixXd Ua = columnBasis(Ac).u, Ub = columnBasis(centred(B)).u;
    if (Ua.cols() == 0 || Ub.cols() == 0) return 0;
    Eigen::BDCSVD<MatrixXd> svd(Ua.transpose() * Ub, Eigen::ComputeThinU);
    const VectorXd rho = svd.singularValues().cwiseMin(1.0);
    const Index m = rho.size();
    const MatrixXd H = Ua * svd.matrixU().leftCols(m);  // N × m canonical variates of A, unit norm
    const VectorXd alpha = (H.transpose() * Ac).cwiseAbs().rowwise().sum();  // m
    const double total = alpha.sum();
    return total > 0 ? alpha.dot(rho) / total : 0.0;
}

}  // namespace lb::measures
