#include "core/stitch/ridge_head.h"

#include "core/linalg/covariance.h"
#include "core/stitch/ridge_normal_equations.h"

#include <algorithm>

namespace lb {

Result<RidgeFit> fitRidgeHead(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels,
                              const RidgeOptions& options, JobContext& ctx) {
    Result<int> classes = checkTrainingLabels(X.rows(), labels, options.numClasses);
    if (!classes) return classes.error();
    if (options.alpha < 0) return invalidArgument("ridge alpha must be >= 0");
    const Index n = X.rows();
    ctx.setStage("ridge head", static_cast<uint64_t>((n + kCrossProductBlockRows - 1) / kCrossProductBlockRows));
    RidgeNormalEquations normal(X.cols(), *classes);
    for (Index r0 = 0; r0 < n; r0 += kCrossProductBlockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(kCrossProductBlockRows, n - r0);
        if (Status st = normal.add(X.middleRows(r0, nb), labels.data() + r0); !st) return st;
        ctx.advance(1);
    }
    return normal.solve(options);
}

}  // namespace lb
