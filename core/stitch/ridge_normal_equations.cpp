#include "core/stitch/ridge_normal_equations.h"

#include "core/linalg/covariance.h"
#include "core/space/row_blocks.h"

#include <optional>

namespace lb {

RidgeNormalEquations::RidgeNormalEquations(Index d, int numClasses)
    : m_d(d),
      m_classSums(Eigen::MatrixXd::Zero(d, numClasses)),
      m_counts(Eigen::VectorXd::Zero(numClasses)),
      m_blockSums(d, numClasses) {}

Status RidgeNormalEquations::add(const ConstRowMatrixRef& block, const int32_t* labels) {
    if (block.cols() != m_d)
        return invalidArgument("ridge head: rows of width " + std::to_string(block.cols()) + " for a head of width " +
                               std::to_string(m_d));
    const Index nb = block.rows(), c = m_counts.size();
    if (nb == 0) return Status::ok();
    for (Index i = 0; i < nb; ++i)
        if (labels[i] < 0 || labels[i] >= c)
            return invalidArgument("ridge head: label " + std::to_string(labels[i]) + " outside [0, " +
                                   std::to_string(c) + ")");
    if (!isAllFinite(block)) return Error{ErrorCode::NumericalIssue, "ridge head: input contains NaN or Inf", {}, {}};
    if (m_rows == 0) {
        m_shift = columnMeans(block);
        m_shiftF = m_shift.cast<float>();
    }
    m_centered.resize(nb, m_d);
    m_centered.noalias() = block.rowwise() - m_shiftF;
    if (m_kept.rows() == m_rows && m_rows + nb < m_d) {  // still fewer rows than features: keep them
        m_kept.conservativeResize(m_rows + nb, m_d);
        m_kept.bottomRows(nb) = m_centered;
        m_keptLabels.insert(m_keptLabels.end(), labels, labels + nb);
    } else {
        if (m_gram.size() == 0) {  // the D × D buffers, from the first row past the kept ones
            m_gram.setZero(m_d, m_d);
            m_blockGram.resize(m_d, m_d);
        }
        if (m_kept.rows() > 0) {
            addKeptTo(m_gram);
            m_kept.resize(0, m_d);
            m_keptLabels.clear();
        }
        // The rank update adds to its destination, so the D × D block is cleared first (cache-resident, reused).
        m_blockGram.setZero();
        m_blockGram.selfadjointView<Eigen::Lower>().rankUpdate(m_centered.transpose());
        m_gram.triangularView<Eigen::Lower>() += m_blockGram.cast<double>();
    }
    // With one-hot Y, the block's X_cᵀY is its per-class sums of the shifted rows: in float, added in double.
    m_blockSums.setZero();
    for (Index i = 0; i < nb; ++i) {
        m_blockSums.col(labels[i]) += m_centered.row(i).transpose();
        m_counts[labels[i]] += 1.0;
    }
    m_classSums += m_blockSums.cast<double>();
    m_rows += nb;
    return Status::ok();
}

void RidgeNormalEquations::addKeptTo(Eigen::MatrixXd& gram) const {
    Eigen::MatrixXf kept = Eigen::MatrixXf::Zero(m_d, m_d);
    kept.selfadjointView<Eigen::Lower>().rankUpdate(m_kept.transpose());
    gram.triangularView<Eigen::Lower>() += kept.cast<double>();
}

Result<RidgeFit> RidgeNormalEquations::solve(const RidgeOptions& options) const {
    if (options.alpha < 0) return invalidArgument("ridge alpha must be >= 0");
    if (m_rows == 0) return invalidArgument("head training: no training rows");
    if ((m_counts.array() > 0).count() < 2)
        return invalidArgument("head training: the training rows hold fewer than 2 classes");
    const bool allKept = m_kept.rows() == m_rows;
    if (allKept && options.alpha > 0)
        if (std::optional<RidgeFit> fit = solveDual(options)) return *fit;
    const double n = static_cast<double>(m_rows);
    // With s the shift, x̄ = s + δ for δ = Σ(x − s)/n: X_cᵀX_c = Σ(x − s)ᵀ(x − s) − n·δᵀδ, and as Σ y_c = 0,
    // X_cᵀY_c = Σ(x − s)ᵀy − (Σ(x − s))ᵀȳ (δ is tiny next to the spread: the first block's means are close).
    const Eigen::VectorXd shiftedSum = m_classSums.rowwise().sum();  // D: Σ (x − s)ᵀ
    const Eigen::RowVectorXd my = m_counts.transpose() / n;          // ȳ: the class frequencies
    Eigen::MatrixXd lower = allKept ? Eigen::MatrixXd::Zero(m_d, m_d) : m_gram;
    if (allKept) addKeptTo(lower);
    Eigen::MatrixXd gram = lower.selfadjointView<Eigen::Lower>();
    gram.noalias() -= shiftedSum * shiftedSum.transpose() / n;
    const Eigen::MatrixXd xy = m_classSums - shiftedSum * my;  // D x C
    const Eigen::RowVectorXd mx = m_shift + shiftedSum.transpose() / n;
    RidgeFit fit;
    fit.lambda = lambdaOf(options, gram.trace());
    gram.diagonal().array() += fit.lambda;
    // Cholesky first: with λ > 0 the system is positive definite, and Eigen's blocked LLᵀ takes a quarter of the
    // time of its unblocked LDLᵀ at D = 768 (the native head the stitching preview fits at every anchor edit).
    // LDLᵀ only when LLᵀ finds a non-positive pivot (λ = 0 on rank-deficient rows).
    Eigen::MatrixXd W;  // D x C
    const Eigen::LLT<Eigen::MatrixXd> llt(gram);
    bool solved = llt.info() == Eigen::Success;
    if (solved) W = llt.solve(xy);
    if (!solved || !W.allFinite()) {
        const Eigen::LDLT<Eigen::MatrixXd> ldlt(gram);
        W = ldlt.solve(xy);
        solved = ldlt.info() == Eigen::Success;
    }
    if (!solved || !W.allFinite())
        return Error{ErrorCode::NumericalIssue, "ridge head: singular system (try alpha > 0)", {}, {}};
    fit.head.W = W.transpose().cast<float>();
    fit.head.b = (my - mx * W).transpose().cast<float>();
    return fit;
}

double RidgeNormalEquations::lambdaOf(const RidgeOptions& options, double gramTrace) const {
    return options.alpha * gramTrace / static_cast<double>(options.traceDims > 0 ? options.traceDims : m_d);
}

std::optional<RidgeFit> RidgeNormalEquations::solveDual(const RidgeOptions& options) const {
    // The kept rows x − s, centred exactly in double: X_c (n × D). With Y_c = Y − 1ȳ (n × C, one-hot rows),
    // (X_cᵀX_c + λI)⁻¹X_cᵀ = X_cᵀ(X_cX_cᵀ + λI)⁻¹, and trace(X_cᵀX_c) = trace(X_cX_cᵀ) gives the same λ.
    const Index n = m_rows;
    Eigen::MatrixXd xc = m_kept.cast<double>();
    const Eigen::RowVectorXd delta = xc.colwise().mean();  // x̄ − s
    xc.rowwise() -= delta;
    // The kernel's lower triangle as a float rank update added in double, as the primal form's Gram is.
    Eigen::MatrixXf kernelF = Eigen::MatrixXf::Zero(n, n);
    kernelF.selfadjointView<Eigen::Lower>().rankUpdate(xc.cast<float>());
    Eigen::MatrixXd kernel = kernelF.cast<double>();  // n × n, lower triangle (what LLᵀ reads)
    const Eigen::RowVectorXd my = m_counts.transpose() / static_cast<double>(n);
    Eigen::MatrixXd yc = -my.replicate(n, 1);  // n × C
    for (Index i = 0; i < n; ++i) yc(i, m_keptLabels[static_cast<size_t>(i)]) += 1.0;
    RidgeFit fit;
    fit.lambda = lambdaOf(options, kernel.trace());
    kernel.diagonal().array() += fit.lambda;
    // Positive definite unless every row is the mean (λ = 0 then): the primal form decides such rows.
    const Eigen::LLT<Eigen::MatrixXd> llt(kernel);
    if (llt.info() != Eigen::Success) return std::nullopt;
    const Eigen::MatrixXd W = xc.transpose() * llt.solve(yc);  // D × C
    if (!W.allFinite()) return std::nullopt;
    fit.head.W = W.transpose().cast<float>();
    fit.head.b = (my - (m_shift + delta) * W).transpose().cast<float>();
    return fit;
}

Result<RidgeFit> fitRidgeHeadOnRows(const ConstRowMatrixRef& X, const std::vector<Index>& rows,
                                    const std::vector<int32_t>& labels, const RidgeOptions& options, JobContext& ctx,
                                    const RowFeatures& features) {
    if (static_cast<Index>(labels.size()) != X.rows())
        return invalidArgument("head training: " + std::to_string(labels.size()) + " labels for " +
                               std::to_string(X.rows()) + " rows");
    std::vector<int32_t> y(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) y[i] = labels[static_cast<size_t>(rows[i])];
    Result<int> classes = checkTrainingLabels(static_cast<Index>(rows.size()), y, options.numClasses);
    if (!classes) return classes.error();
    if (options.alpha < 0) return invalidArgument("ridge alpha must be >= 0");
    std::optional<RidgeNormalEquations> normal;  // its width is the features' (known with the first block)
    const auto add = [&](const RowMatrixXf& x, Index first) {
        if (!normal) normal.emplace(x.cols(), *classes);
        return normal->add(x, y.data() + first);
    };
    ctx.setStage("ridge head", static_cast<uint64_t>(rows.size()));
    const Status st = forEachRowBlock(
        X, rows, kCrossProductBlockRows,
        [&](Index first, const RowMatrixXf& block) -> Status {
            if (!features) return add(block, first);
            Result<RowMatrixXf> f = features(block);
            if (!f) return f.error();
            return add(*f, first);
        },
        ctx);
    if (!st) return st.error();
    return normal->solve(options);
}

}  // namespace lb
