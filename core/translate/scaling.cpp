#include "core/translate/scaling.h"

#include <cfloat>

namespace lb::detail {

ScalingStats fitScaling(const RowMatrixXd& anchors, Scaling scaling) {
    const Index d = anchors.cols(), k = anchors.rows();
    ScalingStats s{Eigen::RowVectorXd::Zero(d), Eigen::RowVectorXd::Ones(d)};
    if (scaling == Scaling::None) return s;
    s.mean = anchors.colwise().mean();
    if (scaling == Scaling::Standard && k >= 2) {
        const Eigen::RowVectorXd var =
            (anchors.rowwise() - s.mean).colwise().squaredNorm() / static_cast<double>(k - 1);
        // Same rule as the relative projection's transform: a (numerically) constant coordinate is not scaled.
        for (Index j = 0; j < d; ++j) s.std[j] = std::sqrt(var[j]) < 10.0 * FLT_EPSILON ? 1.0 : std::sqrt(var[j]);
    }
    return s;
}

RowMatrixXd applyScaling(const RowMatrixXd& a, const ScalingStats& s) {
    return (a.rowwise() - s.mean).array().rowwise() / s.std.array();
}

void l2NormalizeRowsInPlace(RowMatrixXd& a) {
    for (Index i = 0; i < a.rows(); ++i) a.row(i) /= std::max(a.row(i).norm(), 1e-12);
}

}  // namespace lb::detail
