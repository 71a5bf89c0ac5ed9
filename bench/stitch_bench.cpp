// Stitching and comparison costs, measured as ratios in one run against the relative projection of the same N:
//  1. ridge head refit on N x K relative reps (goal: fast enough to refit live, a fraction of the projection);
//  2. logistic head fit on the same reps;
//  3. compare's metrics: linear CKA on N x D absolute spaces, RBF CKA (2000 rows), kNN Jaccard/MRR (5000 queries
//     among N relative rows).
// Usage: stitch_bench [N] [D] [K] [C]   (default 50000 x 768, K = 300 anchors, C = 10 classes)

#include "bench/bench_timing.h"
#include "core/metrics/cka.h"
#include "core/metrics/knn.h"
#include "core/relative/relative_projection.h"
#include "core/stitch/logistic_head.h"
#include "core/stitch/ridge_head.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace lb;

namespace {

using bench::bestSeconds;

}  // namespace

int main(int argc, char** argv) {
    const Index n = argc > 1 ? std::atoll(argv[1]) : 50000;
    const Index d = argc > 2 ? std::atoll(argv[2]) : 768;
    const Index k = argc > 3 ? std::atoll(argv[3]) : 300;
    const Index c = argc > 4 ? std::atoll(argv[4]) : 10;
    std::printf("stitch bench: N = %lld, D = %lld, K = %lld, C = %lld\n", static_cast<long long>(n),
                static_cast<long long>(d), static_cast<long long>(k), static_cast<long long>(c));
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.0f, 1.0f);
    RowMatrixXf centers(c, d), X(n, d), Y(n, d);
    for (Index i = 0; i < centers.size(); ++i) centers.data()[i] = 2.0f * g(rng);
    std::vector<int32_t> labels(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i) {
        labels[static_cast<size_t>(i)] = static_cast<int32_t>(i % c);
        for (Index j = 0; j < d; ++j) {
            X(i, j) = centers(i % c, j) + g(rng);
            Y(i, j) = X(i, j) + 0.5f * g(rng);
        }
    }
    const RowMatrixXf anchors = X.topRows(k);

    RowMatrixXf rel;
    const double tRel = bestSeconds(3, [&] { rel = relativeProjection(X, anchors, RelativeOptions{}).value(); });
    const double tRidge = bestSeconds(3, [&] { (void)fitRidgeHead(rel, labels, {}).value(); });
    LogisticFit lfit;
    const double tLogistic = bestSeconds(1, [&] { lfit = fitLogisticHead(rel, labels, {}).value(); });
    const double tCka = bestSeconds(1, [&] { (void)linearCka(X, Y).value(); });
    const double tRbf = bestSeconds(1, [&] { (void)rbfCka(X, Y, {}).value(); });
    KnnAgreementOptions ko;
    ko.maxQueries = 5000;
    const RowMatrixXf relY = relativeProjection(Y, Y.topRows(k), RelativeOptions{}).value();
    const double tKnn = bestSeconds(1, [&] { (void)knnAgreement(rel, relY, ko).value(); });

    std::printf("  relative projection (baseline)   %8.3f s\n", tRel);
    std::printf("  ridge head refit (K wide)        %8.3f s   ratio %.2fx of the projection\n", tRidge, tRidge / tRel);
    std::printf("  logistic head fit (%3d iters)    %8.3f s   ratio %.2fx\n", lfit.iterations, tLogistic,
                tLogistic / tRel);
    std::printf("  linear CKA (N x D, both spaces)  %8.3f s   ratio %.2fx\n", tCka, tCka / tRel);
    std::printf("  RBF CKA (2000 rows)              %8.3f s   ratio %.2fx\n", tRbf, tRbf / tRel);
    std::printf("  Jaccard/MRR (5000 queries, K)    %8.3f s   ratio %.2fx\n", tKnn, tKnn / tRel);
    return 0;
}
