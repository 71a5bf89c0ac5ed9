// A sample's neighbours in every space (core/analysis/sample_neighbours.h), against a brute-force cosine sort.
#include "core/analysis/sample_neighbours.h"

#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace lb;

TEST_CASE("sample neighbours: the k most cosine-similar rows, and the reference's agreement", "[analysis]") {
    Session s;
    test::fillRotatedSession(s, 120, 6, 6);
    std::vector<Eigen::VectorXf> norms;
    for (size_t i = 0; i < 2; ++i)
        norms.push_back(s.space(i).embeddings.view().rowwise().norm().cwiseMax(1e-12f).cwiseInverse());
    const Index q = 17;
    // Brute force in double on space 0 (the reference: its rows are reference rows).
    const ConstRowMatrixMap X = s.space(0).embeddings.view();
    std::vector<std::pair<double, Index>> sims;
    for (Index r = 0; r < X.rows(); ++r)
        if (r != q)
            sims.emplace_back(-X.row(q).cast<double>().dot(X.row(r).cast<double>()) / X.row(r).cast<double>().norm(),
                              r);
    std::sort(sims.begin(), sims.end());
    const std::vector<Index> found = cosineNeighboursOfRow(X, norms[0], q, 5);
    REQUIRE(found.size() == 5);
    for (size_t i = 0; i < 5; ++i) CHECK(found[i] == sims[i].second);
    // B is A rotated: the same neighbours, so the reference agrees on all 5.
    const SampleNeighbours n = sampleNeighbours(s, q, {&norms[0], &norms[1]}, 5);
    CHECK(n.rows[0] == found);
    CHECK(n.sharedWithReference[0] == 5);
    CHECK(n.sharedWithReference[1] == 5);
    CHECK(cosineNeighboursOfRow(X, norms[0], -1, 5).empty());
    CHECK(sampleNeighbours(s, -1, {&norms[0], &norms[1]}, 5).sharedWithReference == std::vector<int>{-1, -1});
}

TEST_CASE("sample neighbours: the worker's search gives what the synchronous lookup gives, and stops on cancel",
          "[analysis]") {
    Session s;
    test::fillRotatedSession(s, 150, 6, 6);
    std::vector<std::shared_ptr<const Eigen::VectorXf>> norms;
    for (size_t i = 0; i < 2; ++i)
        norms.push_back(std::make_shared<const Eigen::VectorXf>(
            s.space(i).embeddings.view().rowwise().norm().cwiseMax(1e-12f).cwiseInverse()));
    for (Index q : {Index(0), Index(42), Index(149)}) {
        std::vector<NeighbourSearch> searches;
        for (size_t i = 0; i < 2; ++i) searches.push_back({s.entry(i).space, norms[i], s.rowInSpace(i, q)});
        JobContext ctx;
        const std::vector<std::vector<Index>> rows = findNeighbourRows(searches, 5, ctx);
        const SampleNeighbours direct = sampleNeighbours(s, q, {norms[0].get(), norms[1].get()}, 5);
        CHECK(rows == direct.rows);
        CHECK(sharedWithReference(s, rows) == direct.sharedWithReference);
    }
    // A space the sample is not in is skipped, and counts as -1.
    std::vector<NeighbourSearch> partial{{s.entry(0).space, norms[0], 3}, {s.entry(1).space, norms[1], -1}};
    JobContext ctx;
    const std::vector<std::vector<Index>> rows = findNeighbourRows(partial, 5, ctx);
    CHECK(rows[1].empty());
    CHECK(sharedWithReference(s, rows) == std::vector<int>{5, -1});
    JobContext cancelled;
    cancelled.cancel();
    CHECK(findNeighbourRows(partial, 5, cancelled).empty());
}
