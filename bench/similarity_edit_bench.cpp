// What an anchor edit costs the exact similarity table when the previous table is passed on, as the app passes it:
// the neighbour lists among all shared rows and the linear-CKA moments over them are taken from it, and only what
// depends on the anchors is computed (the relative and translated columns' own searches, the anchors left out of
// the kept lists and moments). The baseline is the same table computed from nothing (what `compare --session`
// computes): the same numbers, checked. Alternated runs, one edit (a different anchor added) each, min / median /
// max and the ratio of the medians.
// Usage: similarity_edit_bench SESSION.json [RUNS]   (e.g. the 100k x 768 session bench/scale.sh writes)

#include "bench/bench_timing.h"
#include "core/analysis/similarity_table.h"
#include "core/session/session_file.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace lb;

namespace {

double secondsOf(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void report(const char* what, std::vector<double> t) {
    std::sort(t.begin(), t.end());
    std::printf("%-34s min %8.1f  median %8.1f  max %8.1f ms\n", what, t.front() * 1e3, t[t.size() / 2] * 1e3,
                t.back() * 1e3);
}

bool sameNumbers(const SimilarityTable& x, const SimilarityTable& y) {
    for (int m = 0; m < kSimilarityMetrics; ++m)
        for (int c = 0; c < kSimilarityColumns; ++c)
            if (x.v[m][c].ok != y.v[m][c].ok || x.v[m][c].value != y.v[m][c].value) return false;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return std::fprintf(stderr, "usage: similarity_edit_bench SESSION.json [RUNS]\n"), 2;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    Result<SessionFile> file = readSessionFile(argv[1]);
    if (!file) return std::fprintf(stderr, "%s\n", file.error().describe().c_str()), 2;
    Result<Session> opened = openSession(*file);
    if (!opened) return std::fprintf(stderr, "%s\n", opened.error().describe().c_str()), 2;
    Session& s = *opened;
    if (s.spaceCount() < 2) return std::fprintf(stderr, "the session needs 2 spaces\n"), 2;
    std::printf("exact similarity table of %s vs %s after an anchor edit: %zu anchors\n",
                s.entry(1).space->name.c_str(), s.entry(0).space->name.c_str(), s.anchors().size());

    std::shared_ptr<const SimilarityTable> previous;
    const double first = secondsOf([&] {
        previous = std::make_shared<const SimilarityTable>(computeSimilarityTable(similarityInput(s, 1, 0)).value());
    });
    std::printf("first table (nothing to take from): %.1f ms\n", first * 1e3);
    std::vector<double> withPrevious, fromNothing;
    Index next = 0;
    bool agree = true;
    for (int r = 0; r < runs; ++r) {
        while (s.isAnchor(next)) ++next;
        s.toggleAnchor(next);
        SimilarityInput kept = similarityInput(s, 1, 0);
        kept.previous = previous;
        SimilarityTable a, b;
        withPrevious.push_back(secondsOf([&] { a = computeSimilarityTable(kept).value(); }));
        fromNothing.push_back(secondsOf([&] { b = computeSimilarityTable(similarityInput(s, 1, 0)).value(); }));
        agree = agree && sameNumbers(a, b);
        previous = std::make_shared<const SimilarityTable>(std::move(a));
    }
    report("after an edit, previous passed on", withPrevious);
    report("the same table from nothing", fromNothing);
    std::sort(withPrevious.begin(), withPrevious.end());
    std::sort(fromNothing.begin(), fromNothing.end());
    std::printf("ratio of medians: %.2fx   numbers %s\n",
                withPrevious[withPrevious.size() / 2] / fromNothing[fromNothing.size() / 2],
                agree ? "identical" : "DIFFER");
    return agree ? 0 : 1;
}
