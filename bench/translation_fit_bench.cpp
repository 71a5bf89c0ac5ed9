// The Procrustes fit an anchor edit starts once per translated space (the app's translated views, the similarity
// table's translated column, the stitching matrix's translated methods), measured as a ratio in one run against
// a fixed yardstick, the W × 3K × W double GEMM with which the fit formed its rotation until its W × 2K factors
// (polar_factor.cpp), in two uses:
//  - as the translated views use it: the map kept in low-rank form and composed with their 2-D plane
//    (Translator::affineMapThen), never forming the W × W rotation;
//  - with the rotation formed, as apply() and the panels' exact passes read it.
// Single-threaded, as the app's jobs run it (one fit per thread). Anchors: K rows of a D-wide source and of a
// target that is a noisy rotation of it, so the fit takes the thin route (K < D) with a rank-deficient completion.
// Each timing is the best of 7 after 40 warm-up fits: the recent-fit cache keeps up to 96 MB of fits, and until it
// is full every fit also pays for the fresh heap pages it grows into (a process's first few anchor edits).
// Usage: translation_fit_bench [K] [D]   (default 300 anchors of 768-d features)

#include "bench/bench_timing.h"
#include "core/jobs/allocator_reuse.h"
#include "core/jobs/concurrency.h"
#include "core/translate/translator.h"

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace lb;

int main(int argc, char** argv) {
    const Index k = argc > 1 ? std::atoll(argv[1]) : 300;
    const Index d = argc > 2 ? std::atoll(argv[2]) : 768;
    keepFreedBuffersForReuse();  // as the app and the CLI run
    const ScopedOmpThreads oneThread(1);
    std::printf("translation fit bench: K = %lld anchors, D = %lld\n", static_cast<long long>(k),
                static_cast<long long>(d));
    std::mt19937 rng(5);
    std::normal_distribution<float> g(0.0f, 1.0f);
    RowMatrixXf ax(k, d), noise(k, d);
    for (Index i = 0; i < ax.size(); ++i) ax.data()[i] = g(rng), noise.data()[i] = 0.1f * g(rng);
    const Eigen::MatrixXf rotation =
        Eigen::HouseholderQR<Eigen::MatrixXf>(Eigen::MatrixXf::Random(d, d)).householderQ();
    const RowMatrixXf ay = ax * rotation + noise;
    const Eigen::MatrixXf plane = Eigen::MatrixXf::Random(d, 2);
    // Each run nudges one anchor, so the recent-fit cache (recent_fits.h) never answers in place of the fit.
    float nudge = 0.0f;
    RowMatrixXf asked = ax;
    auto fitted = [&] {
        asked(0, 0) = ax(0, 0) + (nudge += 1e-3f);
        Result<Translator> t = Translator::fit(asked, ay, TranslationOptions{}, silentJob(), FitReport::Skip);
        if (!t) std::abort();
        return std::move(t).value();
    };
    for (int i = 0; i < 40; ++i) (void)fitted().affineMap();
    const double tPlane = bench::bestSeconds(7, [&] {
        if (!fitted().affineMapThen(plane)) std::abort();
    });
    const double tFormed = bench::bestSeconds(7, [&] {
        if (!fitted().affineMap()) std::abort();
    });
    const Eigen::MatrixXd left = Eigen::MatrixXd::Random(d, 3 * k), right = Eigen::MatrixXd::Random(d, 3 * k);
    const double tGemm = bench::bestSeconds(7, [&] {
        Eigen::MatrixXd r = Eigen::MatrixXd::Identity(d, d);
        r.noalias() += left * right.transpose();
    });
    std::printf("yardstick, a W x 3K x W GEMM: %.1f ms\n", tGemm * 1e3);
    std::printf("procrustes fit composed with a 2-D plane: %.1f ms, ratio %.2f\n", tPlane * 1e3, tPlane / tGemm);
    std::printf("procrustes fit with its rotation formed:  %.1f ms, ratio %.2f\n", tFormed * 1e3, tFormed / tGemm);
}
