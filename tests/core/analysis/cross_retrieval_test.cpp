// Cross-space retrieval query by query (core/analysis/cross_retrieval.h): its ASIF ranks are asifRetrieval's (the
// CLI's `asif`), a rotated copy is retrieved exactly through the relative and translated routes, and the top
// matches are the best-scored candidates.
#include "core/analysis/cross_retrieval.h"

#include "core/stitch/asif_retrieval.h"
#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

using namespace lb;

namespace {

// A (n × d) and B = A·R with reversed rows, keys matched (rotatedSpace), 40 anchors.
CrossRetrievalInput rotatedInput(Index n, Index d, Index dB) {
    Session s;
    test::fillRotatedSession(s, n, d, dB);
    CrossRetrievalInput in;
    in.a = s.entry(1).space;
    in.b = s.entry(0).space;
    in.match = matchRows(*in.a, *in.b).value();
    for (Index i = 0; i < 40; ++i) in.anchorPositions.push_back(i * 5 + 2);
    in.translation.scaling = Scaling::Center;  // the rotation is recovered exactly
    in.asif.topk = 40;
    return in;
}

}  // namespace

TEST_CASE("cross retrieval: the ASIF route ranks as asifRetrieval does", "[analysis][retrieval]") {
    CrossRetrievalInput in = rotatedInput(300, 8, 6);
    in.asif.p = 3;
    AsifRetrievalOptions o;
    o.asif = in.asif;
    o.maxQueries = 60;
    const AsifRetrieval ref =
        asifRetrieval(in.a->embeddings.view(), in.b->embeddings.view(), in.match, in.anchorPositions, o).value();
    std::vector<Index> queries;
    for (Index p : ref.queryPositions) queries.push_back(in.match.rowsA[static_cast<size_t>(p)]);
    const CrossRetrieval got = crossRetrieval(in, queries, 5).value();
    CHECK(got.candidates == static_cast<Index>(ref.candidateRows.size()));
    const auto asif = static_cast<size_t>(RetrievalRoute::Asif);
    for (size_t i = 0; i < queries.size(); ++i) CHECK(got.queries[i].routes[asif].trueRank == ref.rank[i]);
    CHECK(got.top1[asif] == Approx(ref.top1));
    CHECK(got.top5[asif] == Approx(ref.top5));
    // Widths differ: the absolute route says why.
    CHECK_FALSE(got.queries[0].routes[static_cast<size_t>(RetrievalRoute::Absolute)].why.empty());
    CHECK(got.top1[static_cast<size_t>(RetrievalRoute::Absolute)] == -1);
}

TEST_CASE("cross retrieval: a rotated copy is found first through relative and translated", "[analysis][retrieval]") {
    const CrossRetrievalInput in = rotatedInput(240, 8, 8);
    std::vector<Index> queries{0, 1, 3, 50, 120, 239};
    const CrossRetrieval got = crossRetrieval(in, queries, 5).value();
    for (const RetrievalRoute r : {RetrievalRoute::Relative, RetrievalRoute::Translated}) {
        const auto route = static_cast<size_t>(r);
        CHECK(got.top1[route] == 1.0);
        for (const QueryMatches& q : got.queries) {
            if (q.truth < 0) continue;  // an anchor's counterpart is no candidate
            CHECK(q.routes[route].trueRank == 0);
            REQUIRE(q.routes[route].top.size() == 5);
            CHECK(q.routes[route].top.front() == q.truth);
            CHECK(std::is_sorted(q.routes[route].scores.rbegin(), q.routes[route].scores.rend()));
        }
    }
    // Every query whose counterpart is not an anchor (anchors are no candidates) is counted.
    std::vector<char> anchorB(static_cast<size_t>(in.b->n()), 0);
    for (Index p : in.anchorPositions) anchorB[static_cast<size_t>(in.match.rowsB[static_cast<size_t>(p)])] = 1;
    Index expected = 0;
    for (const QueryMatches& q : got.queries) {
        const auto it = std::find(in.match.rowsA.begin(), in.match.rowsA.end(), q.query);
        const Index b = in.match.rowsB[static_cast<size_t>(it - in.match.rowsA.begin())];
        expected += !anchorB[static_cast<size_t>(b)];
        CHECK((q.truth >= 0) == !anchorB[static_cast<size_t>(b)]);
    }
    CHECK(got.withTruth == expected);
}

TEST_CASE("cross retrieval: refusals", "[analysis][retrieval]") {
    CrossRetrievalInput in = rotatedInput(100, 4, 4);
    CHECK(crossRetrieval(in, {200}, 5).error().code == ErrorCode::InvalidArgument);
    in.anchorPositions = {3};
    CHECK(crossRetrieval(in, {0}, 5).error().code == ErrorCode::InvalidArgument);
    in.anchorPositions = {2, 7, 12};
    JobContext cancelled;
    cancelled.cancel();
    CHECK(crossRetrieval(in, {0}, 5, cancelled).error().code == ErrorCode::Cancelled);
}
