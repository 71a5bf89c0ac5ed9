#include "core/relative/cosine_relative_pca.h"

#include "core/linalg/pca.h"
#include "core/linalg/thin_product.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace lb {

namespace {

constexpr Index kMomentBlockRows = 4096;

// Â: the anchors' normalized rows, K × D (double: the K × K eigenproblem is formed in double).
Result<Eigen::MatrixXd> normalizedAnchors(const ConstRowMatrixRef& X, const CosineSpaceMoments& m,
                                          const std::vector<Index>& rows) {
    if (rows.empty()) return invalidArgument("relative PCA needs at least one anchor");
    Eigen::MatrixXd A(static_cast<Index>(rows.size()), X.cols());
    for (size_t k = 0; k < rows.size(); ++k) {
        const Index r = rows[k];
        if (r < 0 || r >= X.rows()) return invalidArgument("anchor row " + std::to_string(r) + " out of range");
        A.row(static_cast<Index>(k)) = X.row(r).cast<double>() * static_cast<double>(m.invNorms[r]);
    }
    return A;
}

// Â C Âᵀ (K × K, symmetric) for the anchors `rows` (Â: their normalized rows), taking the entries of the anchors
// `memo` already holds from it and computing the rows of the others; memo then holds the result.
Eigen::MatrixXd relativeCovariance(const Eigen::MatrixXd& A, const CosineSpaceMoments& m,
                                   const std::vector<Index>& rows, RelativeCovarianceMemo* memo) {
    const Index K = A.rows();
    std::vector<Index> known(rows.size(), -1);  // each anchor's position in the memo; -1: not there
    std::vector<Index> fresh;                   // the anchors (positions in `rows`) whose rows are computed
    if (memo && memo->covariance.rows() == static_cast<Index>(memo->rows.size())) {
        std::unordered_map<Index, Index> at;
        for (size_t j = 0; j < memo->rows.size(); ++j) at.emplace(memo->rows[j], static_cast<Index>(j));
        for (size_t k = 0; k < rows.size(); ++k)
            if (const auto it = at.find(rows[k]); it != at.end()) known[k] = it->second;
    }
    for (Index k = 0; k < K; ++k)
        if (known[static_cast<size_t>(k)] < 0) fresh.push_back(k);
    Eigen::MatrixXd M(K, K);
    if (2 * static_cast<Index>(fresh.size()) > K) {   // mostly new anchors: the whole product
        const Eigen::MatrixXd AC = A * m.covariance;  // K × D
        M.noalias() = AC * A.transpose();
        M = 0.5 * (M + M.transpose()).eval();  // exact symmetry for the solver
    } else {
        for (Index b = 0; b < K; ++b)
            for (Index a = 0; a < K; ++a) {
                const Index ka = known[static_cast<size_t>(a)], kb = known[static_cast<size_t>(b)];
                if (ka >= 0 && kb >= 0) M(a, b) = memo->covariance(ka, kb);
            }
        const Index f = static_cast<Index>(fresh.size());
        Eigen::MatrixXd F(f, A.cols());  // f × D: the new anchors' normalized rows
        for (Index j = 0; j < f; ++j) F.row(j) = A.row(fresh[static_cast<size_t>(j)]);
        const Eigen::MatrixXd FC = F * m.covariance;       // f × D
        const Eigen::MatrixXd cross = FC * A.transpose();  // f × K: their rows of M
        for (Index j = 0; j < f; ++j) {
            const Index a = fresh[static_cast<size_t>(j)];
            M.row(a) = cross.row(j);
            M.col(a) = cross.row(j).transpose();
        }
        for (Index j = 0; j < f; ++j)  // between two new anchors: the mean of both orders, as above
            for (Index l = 0; l < j; ++l) {
                const Index a = fresh[static_cast<size_t>(j)], b = fresh[static_cast<size_t>(l)];
                M(a, b) = M(b, a) = 0.5 * (cross(j, b) + cross(l, a));
            }
    }
    if (memo) {
        memo->rows = rows;
        memo->covariance = M;
    }
    return M;
}

}  // namespace

Result<CosineSpaceMoments> cosineSpaceMoments(const ConstRowMatrixRef& X, JobContext& ctx, Index sampleRows) {
    const Index n = X.rows(), d = X.cols();
    if (n < 2) return invalidArgument("relative PCA needs at least 2 rows, got " + std::to_string(n));
    if (!isAllFinite(X)) return Error{ErrorCode::NumericalIssue, "relative PCA input contains NaN or Inf", {}, {}};
    CosineSpaceMoments m;
    m.invNorms = X.rowwise().norm().cwiseMax(1e-12f).cwiseInverse();
    const bool sampled = sampleRows >= 2 && sampleRows < n;
    const Index s = sampled ? sampleRows : n;
    m.sampledRows = sampled ? s : 0;
    // Rows [r0, r0 + nb) of the sample, normalized (nb × D): row i of the sample is X's row ⌊i·N/S⌋.
    const auto normalizedSample = [&](Index r0, Index nb) {
        RowMatrixXf b(nb, d);
        for (Index i = 0; i < nb; ++i) {
            const Index r = static_cast<Index>((static_cast<double>(r0 + i) * n) / s);
            b.row(i) = X.row(r) * m.invNorms[r];
        }
        return b;
    };
    // Two passes: the mean first, then the centered cross product (centering before the product avoids the
    // cancellation of Σxxᵀ − N·μμᵀ), float GEMMs per block accumulated in double.
    m.mean = Eigen::RowVectorXd::Zero(d);
    for (Index r0 = 0; r0 < s; r0 += kMomentBlockRows) {
        const Index nb = std::min(kMomentBlockRows, s - r0);
        const RowMatrixXf xb = sampled ? normalizedSample(r0, nb)
                                       : RowMatrixXf(m.invNorms.segment(r0, nb).asDiagonal() * X.middleRows(r0, nb));
        m.mean += xb.colwise().sum().cast<double>();
    }
    m.mean /= static_cast<double>(s);
    m.covariance = Eigen::MatrixXd::Zero(d, d);
    const Eigen::RowVectorXf mu = m.mean.cast<float>();
    Eigen::MatrixXf block(d, d);
    for (Index r0 = 0; r0 < s; r0 += kMomentBlockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(kMomentBlockRows, s - r0);
        const RowMatrixXf xc =
            sampled ? RowMatrixXf(normalizedSample(r0, nb).rowwise() - mu)
                    : RowMatrixXf((m.invNorms.segment(r0, nb).asDiagonal() * X.middleRows(r0, nb)).rowwise() - mu);
        block.noalias() = xc.transpose() * xc;
        m.covariance += block.cast<double>();
    }
    m.covariance /= static_cast<double>(s - 1);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(m.covariance);
    if (eig.info() != Eigen::Success)
        return Error{ErrorCode::NumericalIssue, "relative PCA: covariance eigensolver failed", {}, {}};
    m.covarianceRoot = eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
    return m;
}

Result<Eigen::MatrixXf> cosineRelativeAxes(const ConstRowMatrixRef& X, const CosineSpaceMoments& m,
                                           const std::vector<Index>& anchorRows, Index components,
                                           RelativeCovarianceMemo* memo) {
    Result<Eigen::MatrixXd> A = normalizedAnchors(X, m, anchorRows);
    if (!A) return A.error();
    const Index K = A->rows(), D = A->cols();
    const Index k = std::min<Index>(components, K);
    if (K > D && k <= D && m.covarianceRoot.rows() == D) {
        // R's covariance is B Bᵀ (B = Â L, K × D): its top eigenvectors from the D × D matrix Bᵀ B.
        const Eigen::MatrixXd B = *A * m.covarianceRoot;
        Eigen::MatrixXd S = B.transpose() * B;
        S = 0.5 * (S + S.transpose()).eval();  // exact symmetry for the solver
        Result<EigenPairs> pairs = topEigenpairs(S, k);
        if (!pairs) return pairs.error();
        // Each axis needs a nonzero variance to be defined by its u; else (anchors spanning fewer than k
        // directions) the K × K problem below picks the axes, as it always did.
        if (pairs->values(k - 1) > 1e-12 * std::max(pairs->values(0), 1e-300)) {
            Eigen::MatrixXd Vd = B * pairs->vectors;  // K × k, orthogonal columns of norm √λ
            for (Index j = 0; j < k; ++j) Vd.col(j).normalize();
            Eigen::MatrixXf V = Vd.cast<float>();
            fixComponentSigns(V);
            return V;
        }
    }
    Result<EigenPairs> pairs = topEigenpairs(relativeCovariance(*A, m, anchorRows, memo), k);
    if (!pairs) return pairs.error();
    Eigen::MatrixXf V = pairs->vectors.cast<float>();
    fixComponentSigns(V);
    return V;
}

Result<CosineRelativeMap> cosineRelativeMap(const ConstRowMatrixRef& X, const CosineSpaceMoments& m,
                                            const std::vector<Index>& anchorRows, const Eigen::MatrixXf& V) {
    Result<Eigen::MatrixXd> A = normalizedAnchors(X, m, anchorRows);
    if (!A) return A.error();
    if (A->rows() != V.rows())
        return invalidArgument("relative axes have " + std::to_string(V.rows()) + " rows for " +
                               std::to_string(A->rows()) + " anchors");
    const Eigen::MatrixXd weights = A->transpose() * V.cast<double>();  // D × k: Âᵀ V
    return CosineRelativeMap{weights.cast<float>(), (m.mean * weights).cast<float>()};
}

Result<RowMatrixXf> projectCosineRelative(const ConstRowMatrixRef& X, const CosineSpaceMoments& m,
                                          const std::vector<Index>& anchorRows, const Eigen::MatrixXf& V) {
    Result<CosineRelativeMap> map = cosineRelativeMap(X, m, anchorRows, V);
    if (!map) return map.error();
    RowMatrixXf out = m.invNorms.asDiagonal() * thinProduct(X, map->weights);
    out.rowwise() -= map->offset;
    return out;
}

}  // namespace lb
