#include "core/stitch/ridge_head.h"

#include "core/linalg/covariance.h"

namespace lb {

Result<RidgeFit> fitRidgeHead(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels,
                              const RidgeOptions& options, JobContext& ctx) {
    Result<int> classes = checkTrainingLabels(X.rows(), labels, options.numClasses);
    if (!classes) return classes.error();
    if (options.alpha < 0) return invalidArgument("ridge alpha must be >= 0");
    if (!isAllFinite(X)) return Error{ErrorCode::NumericalIssue, "ridge head: input contains NaN or Inf", {}, {}};
    const Index n = X.rows(), d = X.cols(), c = *classes;
    // ȳ: the class frequencies (the one-hot targets' column means).
    Eigen::RowVectorXd my = Eigen::RowVectorXd::Zero(c);
    for (int32_t l : labels) my[l] += 1.0;
    my /= static_cast<double>(n);
    const Eigen::RowVectorXd mx = columnMeans(X);
    ctx.setStage("ridge head", static_cast<uint64_t>((n + kCrossProductBlockRows - 1) / kCrossProductBlockRows));
    // X_cᵀY_c from the same pass as the Gram: with one-hot Y, X_cᵀY = the per-class sums of the centered rows
    // (D x C), and X_cᵀY_c = X_cᵀY − (Σᵢ x_c,i)·ȳ (Σᵢ x_c,i is zero up to round-off; subtracting it keeps the
    // result what centering both sides gives). Each block's sums in float, added in double, as the products.
    Eigen::MatrixXd classSums = Eigen::MatrixXd::Zero(d, c);
    Eigen::MatrixXf blockSums(d, c);
    auto addClassSums = [&](Index r0, const RowMatrixXf& xc) {
        blockSums.setZero();
        for (Index i = 0; i < xc.rows(); ++i)
            blockSums.col(labels[static_cast<size_t>(r0 + i)]) += xc.row(i).transpose();
        classSums += blockSums.cast<double>();
    };
    Result<Eigen::MatrixXd> gram = centeredGram(X, mx, ctx, addClassSums);
    if (!gram) return gram.error();
    const Eigen::MatrixXd xy = classSums - classSums.rowwise().sum() * my;  // D x C
    RidgeFit fit;
    fit.lambda = options.alpha * gram->trace() / static_cast<double>(options.traceDims > 0 ? options.traceDims : d);
    gram->diagonal().array() += fit.lambda;
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(*gram);
    const Eigen::MatrixXd W = ldlt.solve(xy);  // D x C
    if (ldlt.info() != Eigen::Success || !W.allFinite())
        return Error{ErrorCode::NumericalIssue, "ridge head: singular system (try alpha > 0)", {}, {}};
    fit.head.W = W.transpose().cast<float>();
    fit.head.b = (my - mx * W).transpose().cast<float>();
    return fit;
}

}  // namespace lb
