#include "core/stitch/asif_retrieval.h"

#include "tests/support/test_helpers.h"

#include <map>

using namespace lb;
using namespace lb::test;

namespace {

// Two "modalities" of the same N samples (nonlinear and linear maps of a shared Z, plus noise) and a RowMatch
// where B's rows are a reversed copy of A's, so positions, rows of A and rows of B all differ.
struct TwoSpaces {
    RowMatrixXf A, B;
    RowMatch match;
};

TwoSpaces twoSpaces(Index n, unsigned seed) {
    TwoSpaces t;
    const RowMatrixXf Z = randomMatrix(n, 10, seed);
    t.A = (Z * randomMatrix(10, 20, seed + 1)).array().tanh().matrix() + 0.3f * randomMatrix(n, 20, seed + 2);
    const RowMatrixXf B = Z * randomMatrix(10, 16, seed + 3) + 0.3f * randomMatrix(n, 16, seed + 4);
    t.B = B.colwise().reverse();
    for (Index i = 0; i < n; ++i) {
        t.match.rowsA.push_back(i);
        t.match.rowsB.push_back(n - 1 - i);
    }
    return t;
}

std::vector<Index> firstPositions(Index k) {
    std::vector<Index> p(static_cast<size_t>(k));
    for (Index i = 0; i < k; ++i) p[static_cast<size_t>(i)] = 3 * i;  // spread, not a prefix
    return p;
}

}  // namespace

TEST_CASE("ASIF retrieval: a query's rank does not depend on how many queries are sampled", "[asif]") {
    const TwoSpaces t = twoSpaces(600, 5);
    const std::vector<Index> anchors = firstPositions(150);
    AsifRetrievalOptions o;
    o.asif.topk = 60;
    o.seed = 3;
    o.maxQueries = 0;
    const AsifRetrieval all = asifRetrieval(t.A, t.B, t.match, anchors, o).value();
    o.maxQueries = 10;
    const AsifRetrieval few = asifRetrieval(t.A, t.B, t.match, anchors, o).value();
    REQUIRE(all.rank.size() == 450);
    REQUIRE(few.rank.size() == 10);
    // The gallery is every non-anchor row of B in both runs.
    REQUIRE(all.candidateRows.size() == 450);
    REQUIRE(few.candidateRows == all.candidateRows);
    std::map<Index, Index> rankOf;
    for (size_t i = 0; i < all.rank.size(); ++i) rankOf[all.queryPositions[i]] = all.rank[i];
    Index sumRank = 0;
    for (size_t i = 0; i < few.rank.size(); ++i) {
        INFO("query position " << few.queryPositions[i]);
        REQUIRE(rankOf.count(few.queryPositions[i]) == 1);
        REQUIRE(few.rank[i] == rankOf[few.queryPositions[i]]);
        sumRank += few.rank[i];
    }
    // Retrieval is hard enough here that the sample of 10 is not all top-1 (else the test above says little).
    REQUIRE(sumRank > 0);
    INFO("top1 " << all.top1 << " top5 " << all.top5);
    REQUIRE(all.top1 > 20.0 / 450.0);  // far above chance (1/450)
    REQUIRE(all.top5 >= all.top1);
}

TEST_CASE("ASIF retrieval: ranks agree with asifPredict's ordering over the same gallery", "[asif]") {
    const TwoSpaces t = twoSpaces(300, 9);
    const std::vector<Index> anchors = firstPositions(80);
    AsifRetrievalOptions o;
    o.asif.topk = 40;
    o.maxQueries = 25;
    const AsifRetrieval r = asifRetrieval(t.A, t.B, t.match, anchors, o).value();
    RowMatrixXf Q(static_cast<Index>(r.queryPositions.size()), t.A.cols());
    RowMatrixXf C(static_cast<Index>(r.candidateRows.size()), t.B.cols());
    RowMatrixXf AA(static_cast<Index>(anchors.size()), t.A.cols()), AB(static_cast<Index>(anchors.size()), t.B.cols());
    for (size_t i = 0; i < r.queryPositions.size(); ++i)
        Q.row(static_cast<Index>(i)) = t.A.row(t.match.rowsA[static_cast<size_t>(r.queryPositions[i])]);
    for (size_t i = 0; i < r.candidateRows.size(); ++i) C.row(static_cast<Index>(i)) = t.B.row(r.candidateRows[i]);
    for (size_t i = 0; i < anchors.size(); ++i) {
        AA.row(static_cast<Index>(i)) = t.A.row(t.match.rowsA[static_cast<size_t>(anchors[i])]);
        AB.row(static_cast<Index>(i)) = t.B.row(t.match.rowsB[static_cast<size_t>(anchors[i])]);
    }
    const IndexMatrix top = asifPredict(Q, AA, C, AB, o.asif, 5).value();
    for (Index i = 0; i < top.rows(); ++i) {
        const Index truthRowB = t.match.rowsB[static_cast<size_t>(r.queryPositions[static_cast<size_t>(i)])];
        Index found = 5;
        for (Index k = 0; k < 5; ++k)
            if (r.candidateRows[static_cast<size_t>(top(i, k))] == truthRowB) found = k;
        INFO("query " << i);
        REQUIRE(std::min<Index>(r.rank[static_cast<size_t>(i)], 5) == found);
    }
}

TEST_CASE("ASIF retrieval: impossible requests are refused", "[asif]") {
    const TwoSpaces t = twoSpaces(20, 1);
    AsifRetrievalOptions o;
    REQUIRE(asifRetrieval(t.A, t.B, t.match, {}, o).error().code == ErrorCode::InvalidArgument);
    std::vector<Index> every(20);
    for (Index i = 0; i < 20; ++i) every[static_cast<size_t>(i)] = i;
    REQUIRE(asifRetrieval(t.A, t.B, t.match, every, o).error().code == ErrorCode::InvalidArgument);
    REQUIRE(asifRetrieval(t.A, t.B, t.match, {25}, o).error().code == ErrorCode::InvalidArgument);
}
