#include "core/jobs/concurrency.h"

#include <catch2/catch.hpp>

#include <omp.h>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace lb;

TEST_CASE("ScopedOmpThreads caps this thread's team and restores it", "[jobs]") {
    const int before = omp_get_max_threads();
    {
        const ScopedOmpThreads one(1);
        CHECK(omp_get_max_threads() == 1);
        int team = 0;
#pragma omp parallel
        {
#pragma omp single
            team = omp_get_num_threads();
        }
        CHECK(team == 1);
    }
    CHECK(omp_get_max_threads() == before);
}

TEST_CASE("runSideBySide runs both halves, the helper on one OpenMP thread", "[jobs]") {
    std::atomic<int> ran{0};
    int helperThreads = -1;
    OneShotGate gate;
    runSideBySide(
        [&] {
            gate.wait();  // blocks until the other half opened it: both run at once
            helperThreads = omp_get_max_threads();
            ++ran;
        },
        [&] {
            const OneShotGate::OpenOnExit open{gate};
            ++ran;
        });
    CHECK(ran == 2);
    CHECK(helperThreads == 1);
}

TEST_CASE("runSideBySide rethrows either half's exception after both finished", "[jobs]") {
    std::atomic<bool> otherFinished{false};
    CHECK_THROWS_AS(runSideBySide([] { throw std::runtime_error("helper"); }, [&] { otherFinished = true; }),
                    std::runtime_error);
    CHECK(otherFinished);
    otherFinished = false;
    CHECK_THROWS_WITH(runSideBySide([&] { otherFinished = true; }, [] { throw std::logic_error("own"); }), "own");
    CHECK(otherFinished);
}

TEST_CASE("OneShotGate::OpenOnExit opens the gate on an exception", "[jobs]") {
    OneShotGate gate;
    try {
        const OneShotGate::OpenOnExit open{gate};
        throw std::runtime_error("x");
    } catch (const std::runtime_error&) {
    }
    gate.wait();  // would block forever if the gate were still closed
    SUCCEED();
}

TEST_CASE("parallelRanges covers [0, n) exactly once in contiguous parts", "[jobs]") {
    for (int threads : {1, 3, 8}) {
        for (size_t n : {size_t(0), size_t(5), size_t(1000)}) {
            std::vector<std::atomic<int>> hits(n);
            std::vector<std::atomic<int>> partSeen(static_cast<size_t>(threads));
            parallelRanges(n, threads, [&](size_t b, size_t e, int part) {
                REQUIRE(b <= e);
                partSeen[static_cast<size_t>(part)]++;
                for (size_t i = b; i < e; ++i) hits[i]++;
            });
            for (size_t i = 0; i < n; ++i) CHECK(hits[i] == 1);
            for (auto& p : partSeen) CHECK(p == 1);
        }
    }
    CHECK_THROWS_AS(parallelRanges(10, 2,
                                   [](size_t, size_t, int part) {
                                       if (part == 1) throw std::runtime_error("part 1");
                                   }),
                    std::runtime_error);
}
