#include "core/linalg/covariance.h"

#include <algorithm>

namespace lb {

Eigen::RowVectorXd columnMeans(const ConstRowMatrixRef& X) {
    Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(X.cols());
    // Float sums over blocks of 256 rows, added to a double total: keeps ~1e-7 relative accuracy per block, and
    // adding whole rows walks the row-major data contiguously (a per-column sum would stride through it).
    constexpr Index kBlock = 256;
    Eigen::RowVectorXf block(X.cols());
    for (Index r0 = 0; r0 < X.rows(); r0 += kBlock) {
        const Index nb = std::min(kBlock, X.rows() - r0);
        block.setZero();
        for (Index i = r0; i < r0 + nb; ++i) block += X.row(i);
        sum += block.cast<double>();
    }
    if (X.rows() > 0) sum /= static_cast<double>(X.rows());
    return sum;
}

static Status checkShapes(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, const Eigen::RowVectorXd& meanX,
                          const Eigen::RowVectorXd& meanY) {
    if (X.rows() != Y.rows()) return invalidArgument("cross product of matrices with different row counts");
    if (meanX.size() != X.cols() || meanY.size() != Y.cols()) return invalidArgument("mean width mismatch");
    return Status::ok();
}

Result<Eigen::MatrixXd> centeredCrossProduct(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y,
                                             const Eigen::RowVectorXd& meanX, const Eigen::RowVectorXd& meanY,
                                             JobContext& ctx) {
    if (Status s = checkShapes(X, Y, meanX, meanY); !s) return s;
    Eigen::MatrixXd acc = Eigen::MatrixXd::Zero(X.cols(), Y.cols());
    const Eigen::RowVectorXf mx = meanX.cast<float>(), my = meanY.cast<float>();
    Eigen::MatrixXf block(X.cols(), Y.cols());
    for (Index r0 = 0; r0 < X.rows(); r0 += kCrossProductBlockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(kCrossProductBlockRows, X.rows() - r0);
        // Centering before the product (not Σxy − N·μxμy afterwards) avoids catastrophic cancellation
        // for spaces whose mean is large compared to their spread.
        const RowMatrixXf xc = X.middleRows(r0, nb).rowwise() - mx;
        const RowMatrixXf yc = Y.middleRows(r0, nb).rowwise() - my;
        block.noalias() = xc.transpose() * yc;
        acc += block.cast<double>();
        ctx.advance(1);
    }
    return acc;
}

Result<Eigen::MatrixXd> centeredGram(const ConstRowMatrixRef& X, const Eigen::RowVectorXd& mean, JobContext& ctx,
                                     const CenteredBlockVisitor& eachBlock) {
    if (mean.size() != X.cols()) return invalidArgument("mean width mismatch");
    Eigen::MatrixXd acc = Eigen::MatrixXd::Zero(X.cols(), X.cols());
    const Eigen::RowVectorXf m = mean.cast<float>();
    Eigen::MatrixXf block(X.cols(), X.cols());
    for (Index r0 = 0; r0 < X.rows(); r0 += kCrossProductBlockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(kCrossProductBlockRows, X.rows() - r0);
        const RowMatrixXf xc = X.middleRows(r0, nb).rowwise() - m;
        block.setZero();
        block.selfadjointView<Eigen::Lower>().rankUpdate(xc.transpose());
        acc.triangularView<Eigen::Lower>() += block.cast<double>();
        if (eachBlock) eachBlock(r0, xc);
        ctx.advance(1);
    }
    acc.triangularView<Eigen::StrictlyUpper>() = acc.transpose().eval();
    return acc;
}

}  // namespace lb
