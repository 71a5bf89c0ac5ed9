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

    RowMatrixXf Y = RowMatrixXf::Zero(n, c);
    for (Index i = 0; i < n; ++i) Y(i, labels[static_cast<size_t>(i)]) = 1.0f;
    const Eigen::RowVectorXd mx = columnMeans(X), my = columnMeans(Y);
    ctx.setStage("ridge head", static_cast<uint64_t>(2 * ((n + kCrossProductBlockRows - 1) / kCrossProductBlockRows)));
    Result<Eigen::MatrixXd> gram = centeredGram(X, mx, ctx);
    if (!gram) return gram.error();
    Result<Eigen::MatrixXd> xy = centeredCrossProduct(X, Y, mx, my, ctx);
    if (!xy) return xy.error();

    RidgeFit fit;
    fit.lambda = options.alpha * gram->trace() / static_cast<double>(options.traceDims > 0 ? options.traceDims : d);
    gram->diagonal().array() += fit.lambda;
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(*gram);
    const Eigen::MatrixXd W = ldlt.solve(*xy);  // D x C
    if (ldlt.info() != Eigen::Success || !W.allFinite())
        return Error{ErrorCode::NumericalIssue, "ridge head: singular system (try alpha > 0)", {}, {}};
    fit.head.W = W.transpose().cast<float>();
    fit.head.b = (my - mx * W).transpose().cast<float>();
    return fit;
}

}  // namespace lb
