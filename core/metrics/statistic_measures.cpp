#include "core/metrics/statistic_measures.h"

#include "core/metrics/measure_linalg.h"

#include <algorithm>
#include <cmath>

namespace lb::measures {

double magnitude(const MatrixXd& X) {
    return X.rows() > 0 ? X.rowwise().norm().mean() : 0.0;
}

double magnitudeDifference(const MatrixXd& A, const MatrixXd& B) {
    return std::abs(magnitude(A) - magnitude(B));
}

double concentricity(const MatrixXd& X) {
    if (X.rows() == 0) return 0;
    const Eigen::RowVectorXd mean = X.colwise().mean();
    const double nm = mean.norm();
    if (nm <= 0) return 0;
    double sum = 0;
    for (Index i = 0; i < X.rows(); ++i) {
        const double nx = X.row(i).norm();
        if (nx > 0) sum += X.row(i).dot(mean) / (nx * nm);
    }
    return sum / static_cast<double>(X.rows());
}

double concentricityDifference(const MatrixXd& A, const MatrixXd& B) {
    return std::abs(concentricity(A) - concentricity(B));
}

double uniformity(const MatrixXd& X) {
    constexpr double t = 2.0;
    const Index n = X.rows();
    if (n < 2) return 0;
    const MatrixXd u = unitRows(X);
    const MatrixXd gram = u * u.transpose();
    const Eigen::VectorXd sq = u.rowwise().squaredNorm();
    double sum = 0;
    for (Index i = 0; i < n; ++i)
        for (Index j = i + 1; j < n; ++j) sum += std::exp(-t * std::max(sq(i) + sq(j) - 2.0 * gram(i, j), 0.0));
    return std::log(sum / (0.5 * static_cast<double>(n) * static_cast<double>(n - 1)));
}

double uniformityDifference(const MatrixXd& A, const MatrixXd& B) {
    return std::abs(uniformity(A) - uniformity(B));
}

}  // namespace lb::measures
