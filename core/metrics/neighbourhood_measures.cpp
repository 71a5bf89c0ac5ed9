#include "core/metrics/neighbourhood_measures.h"

#include "core/metrics/measure_linalg.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace lb::measures {

namespace {

struct Neighbourhoods {
    MatrixXd cosine;                       // N × N, of the centred rows
    std::vector<std::vector<Index>> list;  // N lists of k rows, nearest first
};

Neighbourhoods neighbourhoods(const MatrixXd& X, Index k) {
    const MatrixXd u = unitRows(centred(X));
    Neighbourhoods out{u * u.transpose(), {}};
    const Index n = X.rows();
    const Index kk = std::min(k, n - 1);
    out.list.resize(static_cast<size_t>(n));
    std::vector<Index> order;
    for (Index i = 0; i < n; ++i) {
        // Every other row, ascending: the candidates for row i's neighbours (N − 1 of them).
        order.resize(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), Index{0});
        order.erase(order.begin() + i);
        std::partial_sort(order.begin(), order.begin() + kk, order.end(), [&](Index a, Index b) {
            const double sa = out.cosine(i, a), sb = out.cosine(i, b);
            return sa > sb || (sa == sb && a < b);
        });
        out.list[static_cast<size_t>(i)].assign(order.begin(), order.begin() + kk);
    }
    return out;
}

// Rank similarity and Jaccard of row i's two lists.
struct RowAgreement {
    double rank = 0, jaccard = 0;
};

RowAgreement rowAgreement(const std::vector<Index>& na, const std::vector<Index>& nb) {
    double v = 0;
    Index common = 0;
    for (size_t ra = 0; ra < na.size(); ++ra) {
        const auto it = std::find(nb.begin(), nb.end(), na[ra]);
        if (it == nb.end()) continue;
        const double rA = static_cast<double>(ra + 1), rB = static_cast<double>(it - nb.begin() + 1);
        v += 2.0 / ((1.0 + std::abs(rA - rB)) * (rA + rB));
        ++common;
    }
    double vmax = 0;
    for (Index t = 1; t <= common; ++t) vmax += 1.0 / static_cast<double>(t);
    const auto unionSize = static_cast<double>(na.size() + nb.size()) - static_cast<double>(common);
    return {vmax > 0 ? v / vmax : 0.0, unionSize > 0 ? static_cast<double>(common) / unionSize : 0.0};
}

template <class F>
double meanOverRows(const MatrixXd& A, const MatrixXd& B, Index k, F&& score) {
    const Index n = A.rows();
    if (n < 2) return 0;
    const Neighbourhoods a = neighbourhoods(A, k), b = neighbourhoods(B, k);
    double sum = 0;
    for (Index i = 0; i < n; ++i) sum += score(a, b, i);
    return sum / static_cast<double>(n);
}

}  // namespace

double secondOrderCosine(const MatrixXd& A, const MatrixXd& B, Index k) {
    return meanOverRows(A, B, k, [](const Neighbourhoods& a, const Neighbourhoods& b, Index i) {
        std::vector<Index> u = a.list[static_cast<size_t>(i)];
        u.insert(u.end(), b.list[static_cast<size_t>(i)].begin(), b.list[static_cast<size_t>(i)].end());
        std::sort(u.begin(), u.end());
        u.erase(std::unique(u.begin(), u.end()), u.end());
        double ab = 0, aa = 0, bb = 0;
        for (Index j : u) {
            const double x = a.cosine(i, j), y = b.cosine(i, j);
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
    });
}

double rankSimilarity(const MatrixXd& A, const MatrixXd& B, Index k) {
    return meanOverRows(A, B, k, [](const Neighbourhoods& a, const Neighbourhoods& b, Index i) {
        return rowAgreement(a.list[static_cast<size_t>(i)], b.list[static_cast<size_t>(i)]).rank;
    });
}

double jointRankJaccard(const MatrixXd& A, const MatrixXd& B, Index k) {
    return meanOverRows(A, B, k, [](const Neighbourhoods& a, const Neighbourhoods& b, Index i) {
        const RowAgreement r = rowAgreement(a.list[static_cast<size_t>(i)], b.list[static_cast<size_t>(i)]);
        return r.rank * r.jaccard;
    });
}

}  // namespace lb::measures
