#include "core/translate/recent_fits.h"

#include "tests/support/test_helpers.h"

#include <atomic>
#include <thread>

using namespace lb;
using namespace lb::test;

namespace {

// reuseOrFit with a fit that counts its calls and fits for real.
Result<Translator> counted(const RowMatrixXf& ax, const RowMatrixXf& ay, const TranslationOptions& o,
                           std::atomic<int>& calls, JobContext& ctx = silentJob()) {
    return reuseOrFit(ax, ay, o, FitReport::Skip, [&] {
        ++calls;
        std::vector<Result<Translator>> one = Translator::fitEach(ax, ay, o, {o.method}, ctx, FitReport::Skip);
        return std::move(one.front());
    });
}

}  // namespace

TEST_CASE("A fit asked again on the same anchors is reused, and equals a fresh one", "[translate][recent_fits]") {
    forgetRecentFits();
    const RowMatrixXf ax = randomMatrix(40, 12, 1), ay = randomMatrix(40, 12, 2), probe = randomMatrix(25, 12, 3);
    std::atomic<int> calls{0};
    const Result<Translator> first = counted(ax, ay, TranslationOptions{}, calls);
    const Result<Translator> again = counted(ax, ay, TranslationOptions{}, calls);
    REQUIRE(first);
    REQUIRE(again);
    CHECK(calls == 1);
    CHECK(again->apply(probe) == first->apply(probe));
    // What fit() returns through the same path is the fresh fit's translator, bit for bit.
    forgetRecentFits();
    const Result<Translator> fresh =
        Translator::fitEach(ax, ay, TranslationOptions{}, {TranslationMethod::Procrustes}, silentJob(), FitReport::Skip)
            .front();
    CHECK(fresh->apply(probe) == again->apply(probe));
}

TEST_CASE("Other anchors, options or reporting are fitted anew", "[translate][recent_fits]") {
    forgetRecentFits();
    RowMatrixXf ax = randomMatrix(40, 12, 4);
    const RowMatrixXf ay = randomMatrix(40, 12, 5);
    std::atomic<int> calls{0};
    REQUIRE(counted(ax, ay, TranslationOptions{}, calls));
    TranslationOptions linear;
    linear.method = TranslationMethod::Linear;
    REQUIRE(counted(ax, ay, linear, calls));
    CHECK(calls == 2);
    TranslationOptions ridge = linear;
    ridge.ridge = 0.5;
    REQUIRE(counted(ax, ay, ridge, calls));
    CHECK(calls == 3);
    // One value of one anchor changed in its last bit: a new fit (the anchors are compared, not hashed).
    ax(17, 5) = std::nextafter(ax(17, 5), 10.0f);
    REQUIRE(counted(ax, ay, TranslationOptions{}, calls));
    CHECK(calls == 4);
    // The full report is another fit (a skipped report must not answer for one).
    const Result<Translator> full = Translator::fit(ax, ay, TranslationOptions{}, silentJob(), FitReport::Full);
    REQUIRE(full);
    CHECK(full->report().singularValues.size() > 0);
}

TEST_CASE("A cancelled fit is not kept: the next caller fits with its own job", "[translate][recent_fits]") {
    forgetRecentFits();
    const RowMatrixXf ax = randomMatrix(30, 8, 6), ay = randomMatrix(30, 8, 7);
    std::atomic<int> calls{0};
    JobContext cancelled;
    cancelled.cancel();
    const Result<Translator> r = counted(ax, ay, TranslationOptions{}, calls, cancelled);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::Cancelled);
    const Result<Translator> next = counted(ax, ay, TranslationOptions{}, calls);
    CHECK(next);
    CHECK(calls == 2);
}

TEST_CASE("Threads asking for the same fit at once share one fit", "[translate][recent_fits]") {
    forgetRecentFits();
    const RowMatrixXf ax = randomMatrix(200, 64, 8), ay = randomMatrix(200, 64, 9), probe = randomMatrix(10, 64, 10);
    std::atomic<int> calls{0};
    std::vector<RowMatrixXf> out(6);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < out.size(); ++t)
        threads.emplace_back([&, t] { out[t] = counted(ax, ay, TranslationOptions{}, calls).value().apply(probe); });
    for (std::thread& t : threads) t.join();
    CHECK(calls >= 1);
    CHECK(calls < static_cast<int>(out.size()));  // at least one thread found the fit kept or in flight
    for (const RowMatrixXf& o : out) CHECK(o == out.front());
}

TEST_CASE("Kept fits stay within their byte bound: the oldest go first", "[translate][recent_fits]") {
    forgetRecentFits();
    // 512-d fits keep about 1.2 MB each (anchors and the 513 × 512 map): more than the bound holds.
    const Index d = 512;
    const int fits = static_cast<int>(kRecentFitBytes / (size_t(513) * 512 * 4)) + 4;
    TranslationOptions linear;
    linear.method = TranslationMethod::Linear;
    linear.ridge = 1.0;
    const RowMatrixXf ay = randomMatrix(40, d, 11);
    std::atomic<int> calls{0};
    for (int i = 0; i < fits; ++i)
        REQUIRE(counted(randomMatrix(40, d, 100 + static_cast<unsigned>(i)), ay, linear, calls));
    REQUIRE(calls == fits);
    (void)counted(randomMatrix(40, d, 100 + static_cast<unsigned>(fits - 1)), ay, linear, calls);  // the newest: kept
    CHECK(calls == fits);
    (void)counted(randomMatrix(40, d, 100), ay, linear, calls);  // the oldest: gone
    CHECK(calls == fits + 1);
    forgetRecentFits();
}
