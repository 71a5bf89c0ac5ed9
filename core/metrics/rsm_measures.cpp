#include "core/metrics/rsm_measures.h"

#include "core/metrics/measure_linalg.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace lb::measures {

namespace {

std::vector<double> upperTriangle(const MatrixXd& S) {
    std::vector<double> v;
    v.reserve(static_cast<size_t>(S.rows() * (S.rows() - 1) / 2));
    for (Index i = 0; i < S.rows(); ++i)
        for (Index j = i + 1; j < S.cols(); ++j) v.push_back(S(i, j));
    return v;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
    const auto n = static_cast<double>(x.size());
    if (x.empty()) return 0;
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

// Ranks 1..n, tied values sharing the mean of their ranks (scipy.stats.rankdata's "average").
std::vector<double> averageRanks(const std::vector<double>& x) {
    std::vector<size_t> order(x.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
    std::vector<double> rank(x.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
        const double r = 0.5 * static_cast<double>(i + j) + 1.0;
        for (size_t t = i; t <= j; ++t) rank[order[t]] = r;
        i = j + 1;
    }
    return rank;
}

MatrixXd doubleCentred(const MatrixXd& D) {
    const VectorXd rowMean = D.rowwise().mean();
    const VectorXd colMean = D.colwise().mean().transpose();
    MatrixXd out = D;
    out.colwise() -= rowMean;
    out.rowwise() -= colMean.transpose();
    out.array() += D.mean();
    return out;
}

MatrixXd unitVariance(const MatrixXd& X) {
    const MatrixXd c = centred(X);
    const double n = c.norm();
    return n > 0 ? MatrixXd(c * (std::sqrt(static_cast<double>(c.rows())) / n)) : c;
}

}  // namespace

double rsaPearson(const MatrixXd& A, const MatrixXd& B) {
    return pearson(upperTriangle(pairwiseDistances(A)), upperTriangle(pairwiseDistances(B)));
}

double rsaSpearman(const MatrixXd& A, const MatrixXd& B) {
    return pearson(averageRanks(upperTriangle(pairwiseDistances(A))),
                   averageRanks(upperTriangle(pairwiseDistances(B))));
}

double rsmNormDifference(const MatrixXd& A, const MatrixXd& B) {
    const MatrixXd a = unitFrobenius(centred(A)), b = unitFrobenius(centred(B));
    const double d2 =
        (a.transpose() * a).squaredNorm() + (b.transpose() * b).squaredNorm() - 2.0 * (b.transpose() * a).squaredNorm();
    return std::sqrt(std::max(d2, 0.0));
}

double distanceCorrelation(const MatrixXd& A, const MatrixXd& B) {
    const MatrixXd da = doubleCentred(pairwiseDistances(A)), db = doubleCentred(pairwiseDistances(B));
    const double ab = da.cwiseProduct(db).mean(), aa = da.squaredNorm() / static_cast<double>(da.size()),
                 bb = db.squaredNorm() / static_cast<double>(db.size());
    if (aa <= 0 || bb <= 0) return 0;
    return std::sqrt(std::max(ab, 0.0) / std::sqrt(aa * bb));
}

double eigenspaceOverlap(const MatrixXd& A, const MatrixXd& B) {
    const MatrixXd Ua = columnBasis(centred(A)).u, Ub = columnBasis(centred(B)).u;
    const Index r = std::max(Ua.cols(), Ub.cols());
    return r > 0 ? (Ua.transpose() * Ub).squaredNorm() / static_cast<double>(r) : 0.0;
}

double gulpDistance(const MatrixXd& A, const MatrixXd& B, double lambda) {
    const MatrixXd a = unitVariance(A), b = unitVariance(B);
    const auto n = static_cast<double>(a.rows());
    const MatrixXd sa = a.transpose() * a / n, sb = b.transpose() * b / n, sab = a.transpose() * b / n;
    const MatrixXd ra =
        (sa + lambda * MatrixXd::Identity(sa.rows(), sa.cols())).ldlt().solve(MatrixXd::Identity(sa.rows(), sa.cols()));
    const MatrixXd rb =
        (sb + lambda * MatrixXd::Identity(sb.rows(), sb.cols())).ldlt().solve(MatrixXd::Identity(sb.rows(), sb.cols()));
    const MatrixXd raSa = ra * sa, rbSb = rb * sb;
    const double d2 = (raSa * raSa).trace() + (rbSb * rbSb).trace() - 2.0 * (ra * sab * rb * sab.transpose()).trace();
    return std::sqrt(std::max(d2, 0.0));
}

}  // namespace lb::measures
