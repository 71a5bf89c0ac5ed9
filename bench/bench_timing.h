// Timing helper shared by the CPU benchmarks: the best of several runs, the usual way to read through the
// noise of a shared machine (every benchmark prints ratios of such times measured in one run).
#pragma once

#include <algorithm>
#include <chrono>

namespace lb::bench {

// Seconds taken by the fastest of `repeats` calls of f().
template <class F>
double bestSeconds(int repeats, F&& f) {
    using Clock = std::chrono::steady_clock;
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
    }
    return best;
}

}  // namespace lb::bench
