// The Procrustes fit an anchor edit starts once per translated space (the app's translated views, the similarity
// table's translated column, the stitching matrix's translated methods), measured as a ratio in one run against
// the one product it cannot avoid: the W × 3K × W double GEMM that assembles its rotation (polar_factor.cpp).
// Single-threaded, as the app's jobs run it (one fit per thread). Anchors: K rows of a D-wide source and of a
// target that is a noisy rotation of it, so the fit takes the thin route (K < D) with a rank-deficient completion.
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
    // Each run nudges one anchor, so the recent-fit cache (recent_fits.h) never answers in place of the fit.
    float nudge = 0.0f;
    RowMatrixXf asked = ax;
    const double tFit = bench::bestSeconds(7, [&] {
        asked(0, 0) = ax(0, 0) + (nudge += 1e-3f);
        if (!Translator::fit(asked, ay, TranslationOptions{}, silentJob(), FitReport::Skip)) std::abort();
    });
    const Eigen::MatrixXd left = Eigen::MatrixXd::Random(d, 3 * k), right = Eigen::MatrixXd::Random(d, 3 * k);
    const double tGemm = bench::bestSeconds(7, [&] {
        Eigen::MatrixXd r = Eigen::MatrixXd::Identity(d, d);
        r.noalias() += left * right.transpose();
    });
    std::printf("procrustes fit: %.1f ms; the rotation's W x 3K x W GEMM: %.1f ms; ratio %.2f\n", tFit * 1e3,
                tGemm * 1e3, tFit / tGemm);
}
