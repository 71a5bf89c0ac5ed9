// PCA cost, measured as ratios in one run (goal: top-2 PCA <= 3x one pass forming XᵀX):
//  1. fitPca top-2 (Auto: blocked centered covariance in double + Spectra) vs one float GEMM XᵀX of the same
//     shape (the unavoidable pass over the data);
//  2. the implicit operator path (Spectra on v -> X_cᵀ(X_c v), never forming D x D) vs the same baseline;
//  3. projecting all rows onto the 2 components vs the baseline.
// Usage: pca_bench [N] [D]   (default 100000 x 768)

#include "bench/bench_timing.h"
#include "core/linalg/pca.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace lb;

namespace {

using bench::bestSeconds;

// Low-rank signal + noise, like real embeddings (a few dominant directions), shifted away from the origin.
RowMatrixXf structured(Index n, Index d, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    RowMatrixXf basis(16, d), m(n, d);
    for (Index i = 0; i < basis.size(); ++i) basis.data()[i] = g(rng);
    for (Index i = 0; i < n; ++i) {
        Eigen::RowVectorXf z(16);
        for (Index j = 0; j < 16; ++j) z(j) = g(rng) * static_cast<float>(4.0 / (1 + j));
        m.row(i) = z * basis;
        for (Index j = 0; j < d; ++j) m(i, j) += 0.3f * g(rng) + 1.0f;
    }
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    const Index n = argc > 1 ? std::atoll(argv[1]) : 100000;
    const Index d = argc > 2 ? std::atoll(argv[2]) : 768;
    std::printf("PCA bench: N = %lld, D = %lld, k = 2 (best of 3)\n", static_cast<long long>(n),
                static_cast<long long>(d));
    const RowMatrixXf X = structured(n, d, 1);

    Eigen::MatrixXf xtx(d, d);
    const double tGemm = bestSeconds(3, [&] { xtx.noalias() = X.transpose() * X; });

    PcaOptions o;
    o.components = 2;
    PcaModel model;
    const double tAuto = bestSeconds(3, [&] { model = fitPca(X, o).value(); });
    const PcaMethod used = model.methodUsed;
    o.method = PcaMethod::Implicit;
    PcaModel implicitModel;
    const double tImplicit = bestSeconds(3, [&] { implicitModel = fitPca(X, o).value(); });
    RowMatrixXf coords;
    const double tProject = bestSeconds(3, [&] { coords = model.project(X); });

    std::printf("  baseline XᵀX float GEMM       %8.3f s\n", tGemm);
    std::printf("  fitPca (%s)            %8.3f s   ratio %.2fx  (goal <= 3x)\n", pcaMethodName(used), tAuto,
                tAuto / tGemm);
    std::printf("  fitPca (implicit)             %8.3f s   ratio %.2fx\n", tImplicit, tImplicit / tGemm);
    std::printf("  project N rows on 2 comps     %8.3f s   ratio %.2fx\n", tProject, tProject / tGemm);
    std::printf("  explained variance ratio: auto %.6f %.6f, implicit %.6f %.6f\n", model.explainedVarianceRatio(0),
                model.explainedVarianceRatio(1), implicitModel.explainedVarianceRatio(0),
                implicitModel.explainedVarianceRatio(1));
    return 0;
}
