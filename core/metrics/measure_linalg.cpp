#include "core/metrics/measure_linalg.h"

#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lb::measures {

MatrixXd centred(const MatrixXd& X) {
    return X.rowwise() - X.colwise().mean();
}

MatrixXd unitFrobenius(const MatrixXd& Xc) {
    const double n = Xc.norm();
    return n > 0 ? MatrixXd(Xc / n) : Xc;
}

ColumnBasis columnBasis(const MatrixXd& X) {
    Eigen::BDCSVD<MatrixXd> svd(X, Eigen::ComputeThinU);
    const VectorXd& s = svd.singularValues();
    const double tol = s.size() > 0 ? static_cast<double>(std::max(X.rows(), X.cols())) *
                                          static_cast<double>(std::numeric_limits<float>::epsilon()) * s(0)
                                    : 0.0;
    Index r = 0;
    while (r < s.size() && s(r) > tol) ++r;
    return {svd.matrixU().leftCols(r), s.head(r)};
}

double nuclearNorm(const MatrixXd& M) {
    if (M.size() == 0) return 0;
    return Eigen::BDCSVD<MatrixXd>(M).singularValues().sum();
}

MatrixXd pairwiseDistances(const MatrixXd& X) {
    const VectorXd sq = X.rowwise().squaredNorm();
    MatrixXd d = -2.0 * (X * X.transpose());
    d.colwise() += sq;
    d.rowwise() += sq.transpose();
    // The Gram form loses a few ulps; a squared distance is never negative and a row is at 0 from itself.
    d = d.cwiseMax(0.0).cwiseSqrt();
    d.diagonal().setZero();
    return d;
}

MatrixXd unitRows(const MatrixXd& X) {
    MatrixXd out = X;
    for (Index i = 0; i < X.rows(); ++i) {
        const double n = X.row(i).norm();
        if (n > 0) out.row(i) /= n;
    }
    return out;
}

}  // namespace lb::measures
