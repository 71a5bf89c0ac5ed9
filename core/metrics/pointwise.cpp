#include "core/metrics/pointwise.h"

#include "core/linalg/fixed_order_sum.h"

#include <algorithm>

namespace lb {

static Status checkSameShape(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T, const char* what) {
    if (S.rows() != T.rows() || S.cols() != T.cols())
        return invalidArgument(std::string(what) + " needs two matrices of the same shape (" +
                               std::to_string(S.rows()) + " x " + std::to_string(S.cols()) + " vs " +
                               std::to_string(T.rows()) + " x " + std::to_string(T.cols()) + ")");
    if (S.rows() == 0) return invalidArgument(std::string(what) + " of empty matrices");
    return Status::ok();
}

double cosineTerm(const ConstRowRef& s, const ConstRowRef& t, double normS) {
    // Row expressions in double, not vectors: a row costs no allocation.
    const auto a = s.cast<double>();
    const auto b = t.cast<double>();
    const double na = normS >= 0 ? normS : a.norm();
    return a.dot(b) / (std::max(na, 1e-12) * std::max(b.norm(), 1e-12));
}

double squaredDifferenceTerm(const ConstRowRef& s, const ConstRowRef& t) {
    return (s.cast<double>() - t.cast<double>()).squaredNorm();
}

double squaredErrorTerm(const ConstRowRef& sInT, const ConstRowRef& t, double normS) {
    const auto s = sInT.cast<double>();
    const auto b = t.cast<double>();
    return std::max(0.0, normS * normS + b.squaredNorm() - 2.0 * s.dot(b));
}

// normsS == nullptr: S's own row norms.
static Result<double> meanCosineImpl(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                     const Eigen::VectorXf* normsS) {
    if (Status s = checkSameShape(S, T, "mean cosine"); !s) return s;
    if (normsS && normsS->size() != S.rows()) return invalidArgument("mean cosine: one norm per row needed");
    const double sum =
        fixedOrderSum(S.rows(), [&](Index i) { return cosineTerm(S.row(i), T.row(i), normsS ? (*normsS)[i] : -1.0); });
    return sum / static_cast<double>(S.rows());
}

Result<double> meanCosine(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T) {
    return meanCosineImpl(S, T, nullptr);
}

Result<double> meanCosine(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T, const Eigen::VectorXf& normsS) {
    return meanCosineImpl(S, T, &normsS);
}

Result<double> meanCosineOfPairs(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                 const std::vector<Index>& partner, const Eigen::VectorXf* normsS) {
    if (Status s = checkSameShape(S, T, "mean cosine of pairs"); !s) return s;
    if (partner.size() != static_cast<size_t>(S.rows()))
        return invalidArgument("mean cosine of pairs: one partner per row needed");
    if (normsS && normsS->size() != S.rows()) return invalidArgument("mean cosine of pairs: one norm per row needed");
    for (Index p : partner)
        if (p < 0 || p >= T.rows()) return invalidArgument("mean cosine of pairs: partner row out of range");
    const double sum = fixedOrderSum(S.rows(), [&](Index i) {
        return cosineTerm(S.row(i), T.row(partner[static_cast<size_t>(i)]), normsS ? (*normsS)[i] : -1.0);
    });
    return sum / static_cast<double>(S.rows());
}

Result<double> meanSquaredError(const ConstRowMatrixRef& S_inT, const ConstRowMatrixRef& T,
                                const Eigen::VectorXf& normsS, Index width) {
    if (Status s = checkSameShape(S_inT, T, "MSE"); !s) return s;
    if (normsS.size() != S_inT.rows() || width < 1)
        return invalidArgument("MSE: one norm per row and a width >= 1 needed");
    const double sum =
        fixedOrderSum(T.rows(), [&](Index i) { return squaredErrorTerm(S_inT.row(i), T.row(i), normsS[i]); });
    return sum / (static_cast<double>(T.rows()) * static_cast<double>(width));
}

Result<double> meanSquaredError(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T) {
    if (Status s = checkSameShape(S, T, "MSE"); !s) return s;
    const double sum = fixedOrderSum(S.rows(), [&](Index i) { return squaredDifferenceTerm(S.row(i), T.row(i)); });
    return sum / static_cast<double>(S.size());
}

}  // namespace lb
