#include "core/metrics/knn.h"
#include "core/metrics/pointwise.h"
#include "core/metrics/retrieval.h"
#include "core/metrics/sampling.h"

#include "tests/support/golden_text.h"
#include "tests/support/test_helpers.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

using namespace lb;
using namespace lb::test;

namespace {

// Straightforward reference: full cosine matrix in double, full sort per query.
std::vector<Index> bruteTopK(const RowMatrixXf& q, Index row, const RowMatrixXf& base, Index k) {
    std::vector<double> sims(static_cast<size_t>(base.rows()));
    const Eigen::RowVectorXd a = q.row(row).cast<double>().normalized();
    for (Index j = 0; j < base.rows(); ++j)
        sims[static_cast<size_t>(j)] = a.dot(base.row(j).cast<double>().normalized());
    std::vector<Index> idx(sims.size());
    std::iota(idx.begin(), idx.end(), Index{0});
    std::stable_sort(idx.begin(), idx.end(), [&](Index x, Index y) { return sims[x] > sims[y]; });
    idx.resize(static_cast<size_t>(k));
    return idx;
}

// Per-query Jaccard@kj and reciprocal rank (MRR@km) of the query rows `rows`.
std::pair<std::vector<double>, std::vector<double>> brutePerQuery(const RowMatrixXf& S, const RowMatrixXf& T, Index kj,
                                                                  Index km, const std::vector<Index>& rows) {
    std::vector<double> jac, rr;
    for (Index w : rows) {
        const std::vector<Index> nt = bruteTopK(T, w, T, kj), ns = bruteTopK(S, w, T, std::max(kj, km));
        std::set<Index> a(nt.begin(), nt.end()), b(ns.begin(), ns.begin() + kj), uni = a;
        uni.insert(b.begin(), b.end());
        size_t inter = 0;
        for (Index v : a) inter += b.count(v);
        jac.push_back(static_cast<double>(inter) / static_cast<double>(uni.size()));
        rr.push_back(0.0);
        for (Index r = 0; r < km; ++r)
            if (ns[static_cast<size_t>(r)] == w) {
                rr.back() = 1.0 / static_cast<double>(r + 1);
                break;
            }
    }
    return {jac, rr};
}

double meanOf(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

std::pair<double, double> bruteJaccardMrr(const RowMatrixXf& S, const RowMatrixXf& T, Index kj, Index km) {
    std::vector<Index> all(static_cast<size_t>(T.rows()));
    std::iota(all.begin(), all.end(), Index{0});
    const auto [jac, rr] = brutePerQuery(S, T, kj, km, all);
    return {meanOf(jac), meanOf(rr)};
}

}  // namespace

TEST_CASE("cosineTopK matches brute force and finds the query itself", "[metrics]") {
    const RowMatrixXf base = randomMatrix(300, 8, 11);
    const RowMatrixXf q = base.topRows(70);
    const IndexMatrix nn = cosineTopK(q, base, 7).value();
    for (Index i = 0; i < q.rows(); ++i) {
        REQUIRE(nn(i, 0) == i);
        const std::vector<Index> ref = bruteTopK(q, i, base, 7);
        for (Index r = 0; r < 7; ++r) REQUIRE(nn(i, r) == ref[static_cast<size_t>(r)]);
    }
    REQUIRE(cosineTopK(q, base, 301).error().code == ErrorCode::InvalidArgument);
    REQUIRE(cosineTopK(q, randomMatrix(5, 3, 1), 1).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("cosineTopK over a base large enough for several query blocks matches brute force", "[metrics]") {
    // Queries go through the GEMM in blocks sized to the base (~4M similarities each, at least 64 queries):
    // 70,000 rows give blocks of 64, so 70 queries take two.
    const RowMatrixXf base = randomMatrix(70000, 6, 21);
    const RowMatrixXf q = randomMatrix(70, 6, 22);
    const IndexMatrix nn = cosineTopK(q, base, 5).value();
    for (Index i = 0; i < q.rows(); i += 3) {  // every third query keeps the double-precision reference quick
        const std::vector<Index> ref = bruteTopK(q, i, base, 5);
        for (Index r = 0; r < 5; ++r) REQUIRE(nn(i, r) == ref[static_cast<size_t>(r)]);
    }
    REQUIRE(nn(69, 0) == bruteTopK(q, 69, base, 1)[0]);  // the second block's last query
}

TEST_CASE("Jaccard and MRR: identical spaces give 1, random data matches the reference loop", "[metrics]") {
    const RowMatrixXf T = randomMatrix(120, 6, 12);
    const KnnAgreement same = knnAgreement(T, T, {}).value();
    REQUIRE(same.jaccard == Approx(1.0));
    REQUIRE(same.mrr == Approx(1.0));
    REQUIRE(same.nQueries == 120);

    const RowMatrixXf S = T + 0.8f * randomMatrix(120, 6, 13);
    KnnAgreementOptions o;
    o.kJaccard = 10;
    o.kMrr = 5;
    const KnnAgreement got = knnAgreement(S, T, o).value();
    const auto [jac, mrr] = bruteJaccardMrr(S, T, 10, 5);
    REQUIRE(got.jaccard == Approx(jac).margin(1e-12));
    REQUIRE(got.mrr == Approx(mrr).margin(1e-12));
    REQUIRE(got.jaccard < 0.9);

    // Every row a query: the means are exact, with no sampling error.
    REQUIRE(got.jaccardStdErr == 0.0);
    REQUIRE(got.mrrStdErr == 0.0);

    SECTION("a seeded query subsample is deterministic, with the standard errors of its means") {
        o.maxQueries = 40;
        o.seed = 5;
        const KnnAgreement a = knnAgreement(S, T, o).value(), b = knnAgreement(S, T, o).value();
        REQUIRE(a.nQueries == 40);
        REQUIRE(a.jaccard == b.jaccard);
        REQUIRE(a.mrr == b.mrr);
        // The same 40 rows, their values by brute force; standard error = sample sd / sqrt(40), finite-population
        // corrected for 40 of 120 rows.
        const auto [jac, rr] = brutePerQuery(S, T, 10, 5, sampleRows(120, 40, 5));
        auto stdErr = [](const std::vector<double>& v) {
            const double m = meanOf(v);
            double ss = 0;
            for (double x : v) ss += (x - m) * (x - m);
            return std::sqrt(ss / 39.0) / std::sqrt(40.0) * std::sqrt(80.0 / 119.0);
        };
        REQUIRE(a.jaccard == Approx(meanOf(jac)).margin(1e-12));
        REQUIRE(a.mrr == Approx(meanOf(rr)).margin(1e-12));
        REQUIRE(a.jaccardStdErr > 0.0);
        REQUIRE(a.jaccardStdErr == Approx(stdErr(jac)).epsilon(1e-9));
        REQUIRE(a.mrrStdErr == Approx(stdErr(rr)).epsilon(1e-9));
    }
}

TEST_CASE("Jaccard and MRR match the NumPy golden values", "[metrics]") {
    const RowMatrixXf S = readTextMatrix(dataPath("golden/knn_s.txt")).cast<float>();
    const RowMatrixXf T = readTextMatrix(dataPath("golden/knn_t.txt")).cast<float>();
    const auto golden = readGoldenValues(dataPath("golden/metrics_expected.txt"));
    REQUIRE(S.rows() == 30);
    KnnAgreementOptions o;
    o.kJaccard = 5;
    o.kMrr = 3;
    const KnnAgreement got = knnAgreement(S, T, o).value();
    REQUIRE(got.jaccard == Approx(golden.at("jaccard_k5")[0]).margin(1e-12));
    REQUIRE(got.mrr == Approx(golden.at("mrr_k3")[0]).margin(1e-12));
}

TEST_CASE("retrieval accuracy, mean cosine and MSE", "[metrics]") {
    const RowMatrixXf T = randomMatrix(100, 10, 14);
    const RetrievalResult same = retrievalAccuracy(T, T, {}).value();
    REQUIRE(same.accuracy[0] == 1.0);
    REQUIRE(same.accuracy[1] == 1.0);
    const RowMatrixXf S = T + 2.0f * randomMatrix(100, 10, 15);
    const RetrievalResult noisy = retrievalAccuracy(S, T, {}).value();
    REQUIRE(noisy.accuracy[0] < 1.0);
    REQUIRE(noisy.accuracy[1] >= noisy.accuracy[0]);
    double top1 = 0;
    for (Index i = 0; i < 100; ++i) top1 += bruteTopK(S, i, T, 1)[0] == i;
    REQUIRE(noisy.accuracy[0] == Approx(top1 / 100.0));

    REQUIRE(meanCosine(T, T).value() == Approx(1.0));
    REQUIRE(meanCosine(T, -T).value() == Approx(-1.0));
    REQUIRE(meanCosine(T, 3.0f * T).value() == Approx(1.0));
    REQUIRE(meanSquaredError(T, T).value() == 0.0);
    REQUIRE(meanSquaredError(T, T.array() + 2.0f).value() == Approx(4.0));
    REQUIRE(meanCosine(T, randomMatrix(100, 9, 1)).error().code == ErrorCode::InvalidArgument);
    REQUIRE(classificationAccuracy({0, 1, 2, 2}, {0, 1, 1, 2}) == Approx(0.75));
}

TEST_CASE("cosineTopK breaks ties by the lower row index", "[metrics]") {
    const RowMatrixXf X = randomMatrix(40, 5, 12);
    RowMatrixXf base(120, 5);
    base << X, 2.0f * X, X;  // three rows with cosine exactly 1 to each query, the first is the lowest index
    const IndexMatrix nn = cosineTopK(X.topRows(10), base, 4).value();
    for (Index i = 0; i < 10; ++i) {
        CHECK(nn(i, 0) == i);
        CHECK(nn(i, 1) == i + 40);
        CHECK(nn(i, 2) == i + 80);
    }
}

TEST_CASE("cosine top-k over a base seen block by block: the rows and order of the whole search", "[metrics]") {
    const RowMatrixXf X = randomMatrix(700, 9, 31);
    RowMatrixXf base(1500, 9);
    base << X, randomMatrix(800, 9, 32);
    const RowMatrixXf queries = cosineSearchRows(X.middleRows(50, 80));
    const RowMatrixXf bn = cosineSearchRows(base);
    const Index k = 7;
    const IndexMatrix whole = cosineTopKOfNormalized(queries, bn, k).value();
    // Uneven blocks in two searches over consecutive ranges, the second appended to the first. (Exact ties across
    // blocks are not compared: two products of one row in different blocks may differ in their last bit.)
    StreamedCosineTopK first(queries, k), second(queries, k);
    for (const auto& [r0, r1] : {std::pair<Index, Index>{0, 3}, {3, 650}, {650, 720}})
        first.add(bn.middleRows(r0, r1 - r0), r0);
    for (const auto& [r0, r1] : {std::pair<Index, Index>{720, 1100}, {1100, 1500}})
        second.add(bn.middleRows(r0, r1 - r0), r0);
    first.append(second);
    const IndexMatrix streamed = first.rows();
    REQUIRE(streamed.rows() == whole.rows());
    REQUIRE(streamed.cols() == k);
    CHECK(streamed == whole);
    CHECK(streamed(0, 0) == 50);  // each query finds itself first
    // Exact ties within a block go to the lower row index, as in the whole search.
    RowMatrixXf twice(1400, 9);
    twice << X, 2.0f * X;
    StreamedCosineTopK tied(queries, 2);
    tied.add(cosineSearchRows(twice), 0);
    CHECK(tied.rows()(0, 0) == 50);
    CHECK(tied.rows()(0, 1) == 750);
    // Fewer rows seen than k: the rows seen, best first.
    StreamedCosineTopK few(queries, k);
    few.add(bn.topRows(3), 0);
    CHECK(few.rows().cols() == 3);
}
