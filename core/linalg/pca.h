// Principal component analysis of one latent space (docs/methods.md §6), and the "shared basis" mode: a model
// fitted on a reference space projects any space of the same width.
//
// Conventions: covariance divided by N − 1 (unbiased, as numpy.cov), explained variance ratio = eigenvalue /
// total variance (trace of the covariance), components sorted by decreasing variance, and each component's
// sign fixed so that its largest-|value| coordinate (the first one on ties) is positive: results are
// deterministic and comparable across runs.
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <string>

namespace lb {

// How the eigenproblem is set up. Auto picks by cost; the others exist for tests and benchmarks.
enum class PcaMethod {
    Auto,        // Dense when min(N, D) <= 64 or k >= min(N, D) / 2; Gram when N < D; Covariance when D <= 4096;
                 // else Implicit
    Dense,       // form the D x D covariance (or N x N Gram when N < D), full SelfAdjointEigenSolver
    Covariance,  // form the D x D covariance in row blocks (double), Spectra on it
    Gram,        // form the N x N Gram matrix X_c X_cᵀ (for N < D), Spectra on it, map back
    Implicit,    // Spectra with an operator v -> X_cᵀ(X_c v): never forms a D x D or N x N matrix
};
const char* pcaMethodName(PcaMethod m);

struct PcaOptions {
    Index components = 2;  // k, 1 <= k <= min(N, D) (default 2)
    PcaMethod method = PcaMethod::Auto;
    int maxIterations = 1000;  // Spectra restarts (default 1000)
    double tolerance = 1e-10;  // Spectra relative eigenvalue tolerance (default 1e-10)
};

struct PcaModel {
    Eigen::RowVectorXf mean;                 // 1 x D
    Eigen::MatrixXf components;              // D x k, orthonormal columns
    Eigen::VectorXd explainedVariance;       // k eigenvalues of the covariance (N − 1 denominator), descending
    Eigen::VectorXd explainedVarianceRatio;  // k, each eigenvalue / total variance; sums to <= 1
    double totalVariance = 0;                // trace of the covariance
    PcaMethod methodUsed = PcaMethod::Auto;  // which path Auto chose

    Index dims() const { return components.rows(); }
    Index k() const { return components.cols(); }
    // X: N x D (D = dims()) -> N x k coordinates (X − mean)·components. O(N·D·k); pure; multithreaded.
    // Assumes X.cols() == dims() (assert); callers check widths with canProject().
    RowMatrixXf project(const ConstRowMatrixRef& X) const;
    bool canProject(const ConstRowMatrixRef& X) const { return X.cols() == dims(); }
};

// X: N x D, N >= 2. Cost: Covariance O(N·D²) once; Gram O(N²·D); Implicit O(iterations·N·D).
// Progress: one unit per row block while forming matrices; honours ctx.cancelled().
// Errors: InvalidArgument (k out of range, N < 2), NumericalIssue (non-finite input or eigensolver failure),
// NotConverging (Spectra did not converge), Cancelled.
Result<PcaModel> fitPca(const ConstRowMatrixRef& X, const PcaOptions& options, JobContext& ctx = silentJob());

// Top-k eigenpairs of a symmetric M (m x m), eigenvalues descending: dense SelfAdjointEigenSolver when m <= 64
// or k >= m / 2, Spectra otherwise. Errors: NumericalIssue (non-finite M, solver failure), NotConverging.
struct EigenPairs {
    Eigen::VectorXd values;   // k, descending
    Eigen::MatrixXd vectors;  // m x k, orthonormal columns
};
Result<EigenPairs> topEigenpairs(const Eigen::MatrixXd& M, Index k, const PcaOptions& options = {});

// The sign convention of every basis we show: each column's largest-|value| coordinate (the first on ties)
// is made positive, so results are deterministic and views do not flip between runs.
void fixComponentSigns(Eigen::MatrixXf& V);

}  // namespace lb
