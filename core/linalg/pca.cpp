#include "core/linalg/pca.h"

#include "core/linalg/covariance.h"
#include "core/linalg/thin_product.h"

#include <Spectra/MatOp/DenseSymMatProd.h>
#include <Spectra/SymEigsSolver.h>

#include <algorithm>
#include <cmath>

namespace lb {

const char* pcaMethodName(PcaMethod m) {
    switch (m) {
        case PcaMethod::Auto: return "auto";
        case PcaMethod::Dense: return "dense";
        case PcaMethod::Covariance: return "covariance";
        case PcaMethod::Gram: return "gram";
        case PcaMethod::Implicit: return "implicit";
    }
    return "auto";
}

RowMatrixXf PcaModel::project(const ConstRowMatrixRef& X) const {
    assert(X.cols() == dims() && "PcaModel::project: width differs from the fitted space");
    return thinProduct(X, mean, components);
}

namespace {

// Eigen pairs in descending order: values (k) and vectors (m x k) of the formed matrix.

// The implicit covariance operator v -> X_cᵀ(X_c v) / (N − 1), with X_c = X − 1·mean never formed.
// Float products (GEMV speed, memory-bound), double in and out as Spectra requires.
class CovarianceOp {
   public:
    using Scalar = double;
    CovarianceOp(const ConstRowMatrixRef& X, const Eigen::RowVectorXf& mean) : m_X(X), m_mean(mean) {}
    Index rows() const { return m_X.cols(); }
    Index cols() const { return m_X.cols(); }
    void perform_op(const double* in, double* out) const {
        const Eigen::VectorXf v = Eigen::Map<const Eigen::VectorXd>(in, m_X.cols()).cast<float>();
        const float shift = m_mean.dot(v);
        Eigen::VectorXf u = m_X * v;
        u.array() -= shift;
        Eigen::VectorXd y = (m_X.transpose() * u).cast<double>();
        y -= m_mean.transpose().cast<double>() * static_cast<double>(u.cast<double>().sum());
        Eigen::Map<Eigen::VectorXd>(out, m_X.cols()) = y / static_cast<double>(m_X.rows() - 1);
    }

   private:
    const ConstRowMatrixRef& m_X;
    const Eigen::RowVectorXf& m_mean;
};

template <class Op>
Result<EigenPairs> spectraTopK(Op& op, Index k, Index m, const PcaOptions& options, double tolerance) {
    const Index ncv = std::min(m, std::max<Index>(2 * k + 1, 20));
    Spectra::SymEigsSolver<Op> eigs(op, k, ncv);
    eigs.init();  // fixed-seed starting vector: deterministic
    eigs.compute(Spectra::SortRule::LargestAlge, options.maxIterations, tolerance, Spectra::SortRule::LargestAlge);
    if (eigs.info() == Spectra::CompInfo::NotConverging)
        return Error{ErrorCode::NotConverging, "PCA eigensolver did not converge", {}, {}};
    if (eigs.info() != Spectra::CompInfo::Successful)
        return Error{ErrorCode::NumericalIssue, "PCA eigensolver failed", {}, {}};
    return EigenPairs{eigs.eigenvalues(), eigs.eigenvectors()};
}

Result<EigenPairs> topKOfMatrix(const Eigen::MatrixXd& M, Index k, bool dense, const PcaOptions& options) {
    if (!M.allFinite()) return Error{ErrorCode::NumericalIssue, "PCA: non-finite covariance", {}, {}};
    if (!dense) {
        Spectra::DenseSymMatProd<double> op(M);
        return spectraTopK(op, k, M.rows(), options, options.tolerance);
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(M);
    if (es.info() != Eigen::Success) return Error{ErrorCode::NumericalIssue, "PCA eigendecomposition failed", {}, {}};
    // Eigen sorts ascending: take the last k, reversed.
    EigenPairs p{es.eigenvalues().tail(k).reverse(), es.eigenvectors().rightCols(k).rowwise().reverse()};
    return p;
}

// Σ_j var(X_:j) with denominator N − 1, in double, one pass.
double totalVariance(const ConstRowMatrixRef& X, const Eigen::RowVectorXf& mean) {
    double sum = 0;
    for (Index r0 = 0; r0 < X.rows(); r0 += kCrossProductBlockRows) {
        const Index nb = std::min(kCrossProductBlockRows, X.rows() - r0);
        sum += (X.middleRows(r0, nb).rowwise() - mean).cast<double>().squaredNorm();
    }
    return sum / static_cast<double>(X.rows() - 1);
}

PcaMethod chooseMethod(Index n, Index d, Index k, PcaMethod requested) {
    const Index m = std::min(n, d);
    // Spectra needs k < ncv <= m; near-full decompositions are cheaper densely anyway.
    if (requested == PcaMethod::Dense || m <= 64 || k >= m / 2) return PcaMethod::Dense;
    if (requested != PcaMethod::Auto) return requested;
    if (n < d) return PcaMethod::Gram;
    return d <= 4096 ? PcaMethod::Covariance : PcaMethod::Implicit;
}

// Gram path: eigenvectors u of X_c X_cᵀ map to covariance eigenvectors X_cᵀu / ‖X_cᵀu‖, same eigenvalues / (N−1).
Result<EigenPairs> gramPairs(const ConstRowMatrixRef& X, const Eigen::RowVectorXf& mean, Index k, bool dense,
                             const PcaOptions& options) {
    const Eigen::MatrixXd Xc = (X.rowwise() - mean).cast<double>();
    const Eigen::MatrixXd G = Xc * Xc.transpose();
    Result<EigenPairs> gp = topKOfMatrix(G, k, dense, options);
    if (!gp) return gp;
    EigenPairs out;
    out.values = gp->values / static_cast<double>(X.rows() - 1);
    out.vectors = Xc.transpose() * gp->vectors;
    for (Index j = 0; j < k; ++j) {
        const double nrm = out.vectors.col(j).norm();
        if (nrm > 0) out.vectors.col(j) /= nrm;
    }
    return out;
}

}  // namespace

void fixComponentSigns(Eigen::MatrixXf& V) {
    for (Index j = 0; j < V.cols(); ++j) {
        Index arg = 0;
        V.col(j).cwiseAbs().maxCoeff(&arg);  // first maximum on ties
        if (V(arg, j) < 0) V.col(j) = -V.col(j);
    }
}

Result<EigenPairs> topEigenpairs(const Eigen::MatrixXd& M, Index k, const PcaOptions& options) {
    const Index m = M.rows();
    if (k < 1 || k > m) return invalidArgument("eigenpairs: k must be in [1, " + std::to_string(m) + "]");
    return topKOfMatrix(M, k, m <= 64 || k >= m / 2, options);
}

Result<PcaModel> fitPca(const ConstRowMatrixRef& X, const PcaOptions& options, JobContext& ctx) {
    const Index n = X.rows(), d = X.cols(), k = options.components;
    if (n < 2) return invalidArgument("PCA needs at least 2 rows, got " + std::to_string(n));
    if (k < 1 || k > std::min(n, d))
        return invalidArgument("PCA components must be in [1, " + std::to_string(std::min(n, d)) + "], got " +
                               std::to_string(k));
    if (!isAllFinite(X)) return Error{ErrorCode::NumericalIssue, "PCA input contains NaN or Inf", {}, {}};

    PcaModel model;
    model.mean = columnMeans(X).cast<float>();
    model.methodUsed = chooseMethod(n, d, k, options.method);
    ctx.setStage("pca", static_cast<uint64_t>((n + kCrossProductBlockRows - 1) / kCrossProductBlockRows));
    Result<EigenPairs> pairs = Error{ErrorCode::NumericalIssue, "unset", {}, {}};
    const bool dense = model.methodUsed == PcaMethod::Dense;
    if (model.methodUsed == PcaMethod::Gram || (dense && n < d)) {
        pairs = gramPairs(X, model.mean, k, dense, options);
    } else if (model.methodUsed == PcaMethod::Implicit) {
        CovarianceOp op(X, model.mean);
        // The operator works in float: ask Spectra for no more than float-level accuracy.
        pairs = spectraTopK(op, k, d, options, std::max(options.tolerance, 1e-7));
    } else {
        Result<Eigen::MatrixXd> gram = centeredGram(X, model.mean.cast<double>(), ctx);
        if (!gram) return gram.error();
        *gram /= static_cast<double>(n - 1);
        pairs = topKOfMatrix(*gram, k, dense, options);
    }
    if (ctx.cancelled()) return Status::cancelled();
    if (!pairs) return pairs.error();
    model.explainedVariance = pairs->values.cwiseMax(0.0);  // tiny negative round-off on rank-deficient data
    model.components = pairs->vectors.cast<float>();
    fixComponentSigns(model.components);
    model.totalVariance = totalVariance(X, model.mean);
    model.explainedVarianceRatio = model.totalVariance > 0
                                       ? Eigen::VectorXd(model.explainedVariance / model.totalVariance)
                                       : Eigen::VectorXd::Zero(k);
    return model;
}

}  // namespace lb
