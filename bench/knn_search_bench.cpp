// Cosine top-k search, measured as ratios in one run: the blocked kernel (blocked_top_k.h) and the GEMM path
// against a plain Eigen GEMM of the same shape (Q queries × N rows × D dims, the similarities written to memory
// and not even scanned). Shapes: the similarity table's searches on the demo (250 seeded queries of a demo
// space among its 10,000 rows, k = 10), the same with every row a query, Gaussian rows of the demo's shape, and
// Gaussian rows of 128, 256 and 768 dims (768: a text encoder's width).
// Usage: knn_search_bench [SPACE_FILE] [QUERIES]

#include "bench/bench_timing.h"
#include "core/io/load_space.h"
#include "core/metrics/blocked_top_k.h"
#include "core/metrics/knn.h"
#include "core/metrics/sampling.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

using namespace lb;

namespace {

using bench::bestSeconds;

RowMatrixXf unitRows(RowMatrixXf X) {
    for (Index i = 0; i < X.rows(); ++i) X.row(i).normalize();
    return X;
}

void compare(const char* what, const RowMatrixXf& base, Index queryCount, Index k) {
    const RowMatrixXf bn = unitRows(base);
    RowMatrixXf qn(queryCount, bn.cols());
    const std::vector<Index> rows = sampleRows(bn.rows(), queryCount, 7);
    for (Index i = 0; i < queryCount; ++i) qn.row(i) = bn.row(rows[static_cast<size_t>(i)]);

    RowMatrixXf sims;
    const int repeats = queryCount > 1000 ? 3 : 15;
    // Interleaved, so a machine shared with other work slows every side alike.
    double tGemm = 1e300, tGemmPath = 1e300, tBlocked = 1e300, tLayout = 1e300;
    for (int round = 0; round < 3; ++round) {
        tGemm = std::min(tGemm, bestSeconds(repeats, [&] { sims.noalias() = qn * bn.transpose(); }));
        tGemmPath =
            std::min(tGemmPath, bestSeconds(repeats, [&] { (void)detail::cosineTopKByGemm(qn, bn, k).value(); }));
        if (!detail::blockedTopKAvailable()) continue;
        tLayout = std::min(tLayout, bestSeconds(repeats, [&] { (void)detail::blockRows(bn); }));
        tBlocked = std::min(tBlocked, bestSeconds(repeats, [&] { (void)cosineTopK(qn, bn, k).value(); }));
    }
    std::printf("%-34s Q=%5ld N=%6ld D=%4ld k=%ld   plain GEMM %7.2f ms   GEMM path %7.2f ms (%.2fx GEMM)", what,
                static_cast<long>(queryCount), static_cast<long>(bn.rows()), static_cast<long>(bn.cols()),
                static_cast<long>(k), tGemm * 1e3, tGemmPath * 1e3, tGemmPath / tGemm);
    if (detail::blockedTopKAvailable())
        std::printf(
            "   blocked kernel %7.2f ms (%.2fx GEMM, %.1fx faster than the GEMM path; laying out the base "
            "%.2f ms of it)\n",
            tBlocked * 1e3, tBlocked / tGemm, tGemmPath / tBlocked, tLayout * 1e3);
    else
        std::printf("   blocked kernel: not in this build (no AVX-512)\n");
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : std::string(LB_SOURCE_DIR) + "/assets/demo/fmnist_cnn_s0.npz";
    const Index queries = argc > 2 ? std::atol(argv[2]) : 250;
    Result<LatentSpace> space = loadSpace(path);
    if (!space) return std::fprintf(stderr, "%s\n", space.error().describe().c_str()), 2;
    const RowMatrixXf X = space->embeddings.view();
    std::printf("knn_search_bench: %s (%ld x %ld)\n", path.c_str(), static_cast<long>(X.rows()),
                static_cast<long>(X.cols()));
    compare("demo space, the table's queries", X, std::min(queries, X.rows()), 10);
    compare("demo space, every row a query", X, X.rows(), 10);
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.0f, 1.0f);
    RowMatrixXf gauss(X.rows(), X.cols());
    for (Index i = 0; i < gauss.size(); ++i) gauss.data()[i] = g(rng);
    compare("Gaussian rows, the table's queries", gauss, std::min(queries, X.rows()), 10);
    for (Index d : {128, 256, 768}) {
        RowMatrixXf wide(X.rows(), d);
        for (Index i = 0; i < wide.size(); ++i) wide.data()[i] = g(rng);
        compare(("Gaussian rows, " + std::to_string(d) + " dims").c_str(), wide, std::min(queries, X.rows()), 10);
    }
    return 0;
}
