// Multinomial logistic regression head (docs/methods.md §5), fitted with our own L-BFGS.
#pragma once

#include "core/jobs/job_context.h"
#include "core/stitch/linear_classifier.h"

namespace lb {

struct LogisticOptions {
    double lambda = 1e-4;             // L2 penalty (λ/2)‖W‖² on the weights, bias unpenalized (default 1e-4)
    int maxIterations = 300;          // L-BFGS iterations cap (default 300)
    double gradientTolerance = 1e-5;  // stop when ‖∇f‖_∞ <= tol · max(1, ‖∇f(0)‖_∞) (default 1e-5)
    int memory = 10;                  // L-BFGS history pairs (default 10)
    int numClasses = 0;               // C; 0 = max(label) + 1
};

struct LogisticFit {
    LinearClassifier head;
    int iterations = 0;
    double loss = 0;          // final objective
    double gradientNorm = 0;  // final ‖∇f‖_∞
    bool converged = false;   // false when maxIterations was reached (the head is still usable)
};

// Objective f(W, b) = (1/N) Σ_i −log softmax(W x_i + b)_{y_i} + (λ/2)‖W‖_F². theta packs W (C x D, row-major)
// followed by b (C). Writes ∇f into `grad` (same layout) and returns f. Softmax in double (max-shifted).
// Exposed for tests (gradient checks, optimality). Cost O(N·D·C). pure.
double logisticObjective(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels, Index numClasses,
                         double lambda, const Eigen::VectorXd& theta, Eigen::VectorXd& grad);

// X: N x D, labels: N ids in [0, C). Starts from zero weights (deterministic), L-BFGS with a backtracking
// Armijo line search; skips history updates with non-positive curvature. Cost O(iterations·N·D·C).
// Errors: InvalidArgument (labels, lambda < 0), NumericalIssue (non-finite input or objective), Cancelled.
Result<LogisticFit> fitLogisticHead(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels,
                                    const LogisticOptions& options, JobContext& ctx = silentJob());

}  // namespace lb
