// What one anchor click costs the two live-metric panels on the bundled demo session (assets/demo/demo.json:
// 3 Fashion-MNIST spaces x 10,000 samples, 300 random anchors): the worker time of the stitching matrix
// (ridge head, every ordered pair; after the edit with the previous run's target sides and row matches, as the
// app passes them), for the shown method (relative, the app's first job after an edit) and for every method,
// and of the similarity table (its preview, the app's first answer after an edit, and the exact answer), before
// and after one anchor is added. Printed as ratios to the time of the relative projection of all three spaces on the
// same anchors, the smallest piece of work an anchor click must redo. Usage: gui_live_metrics_bench [SESSION.json
// [FRACTION]] (default: the demo session next to the sources). FRACTION (in (0, 1], default 1) scales the previews'
// sizes as the app's preview budget does (preview_budget.h; 1/64 at its floor): the stitching matrix's shown method
// is then also timed on its preview rows, the app's first stitching answer after an edit.

#include "bench/bench_timing.h"
#include "core/analysis/similarity_table.h"
#include "core/analysis/stitching_matrix.h"
#include "core/session/session_file.h"
#include "core/space/row_matching.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace lb;

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : std::string(LB_SOURCE_DIR) + "/assets/demo/demo.json";
    Result<SessionFile> file = readSessionFile(path);
    if (!file) return std::fprintf(stderr, "%s\n", file.error().describe().c_str()), 2;
    Result<Session> opened = openSession(*file);
    if (!opened) return std::fprintf(stderr, "%s\n", opened.error().describe().c_str()), 2;
    Session& s = *opened;
    const size_t n = s.spaceCount();
    std::printf("live metrics bench: %zu spaces, %zu anchors\n", n, s.anchors().size());

    auto stitchInput = [&] { return stitchingMatrixInput(s); };
    const double fraction = argc > 2 ? std::atof(argv[2]) : 1.0;
    if (!(fraction > 0.0 && fraction <= 1.0)) return std::fprintf(stderr, "FRACTION must be in (0, 1]\n"), 2;
    auto tableInput = [&](bool preview) { return similarityInput(s, 1, 0, preview, fraction); };
    double tProject = bench::bestSeconds(3, [&] {
        for (size_t i = 0; i < n; ++i) {
            const RowMatrixXf anchors = gatherRows(s.space(i).embeddings.view(), s.anchorRowsIn(i));
            (void)relativeProjection(s.space(i).embeddings.view(), anchors, s.settings.relative).value();
        }
    });
    // The table of the previous anchors, passed on as the app does (under the standard protocol an anchor edit
    // changes the evaluated rows, so nothing of it is reused).
    const auto previousTable =
        std::make_shared<const SimilarityTable>(computeSimilarityTable(tableInput(true)).value());
    // As the app does after an edit: the previous matrix's target sides are passed on (their native heads are
    // reused when the split did not change).
    std::vector<PreparedTarget> previous;
    std::vector<MatchedPair> previousMatches;
    auto measure = [&](const char* when) {
        StitchingMatrixInput si = stitchInput();
        si.previous = previous;
        si.previousMatches = previousMatches;
        SimilarityInput in = tableInput(true), exact = tableInput(false);
        in.previous = previousTable;
        StitchingMatrixInput shown = si;
        shown.options = onlyMethod(si.options, StitchMethod::Relative);
        StitchingMatrixInput shownPreview = shown;
        shownPreview.settings = effectiveStitchSettings(s.settings.stitching, true, fraction);
        double tStitch = 0, tShown = 0, tShownPreview = 0, tSim = 0, tExact = 0;
        // On a thread of its own limited to one OpenMP thread, as the app's workers run them (JobThreads::One).
        std::thread([&] {
            omp_set_num_threads(1);
            tShown = bench::bestSeconds(3, [&] { (void)computeStitchingMatrix(shown, silentJob()).value(); });
            tShownPreview =
                bench::bestSeconds(3, [&] { (void)computeStitchingMatrix(shownPreview, silentJob()).value(); });
            tStitch = bench::bestSeconds(3, [&] { (void)computeStitchingMatrix(si, silentJob()).value(); });
            tSim = bench::bestSeconds(3, [&] { (void)computeSimilarityTable(in).value(); });
            tExact = bench::bestSeconds(3, [&] { (void)computeSimilarityTable(exact).value(); });
        }).join();
        std::printf(
            "%-22s stitching matrix: shown method %6.1f ms (%5.2fx projection), its preview %6.1f ms (%5.2fx), every "
            "method %6.1f ms (%5.2fx)   similarity preview %6.1f ms (%5.2fx), exact %6.1f ms (%5.2fx)\n",
            when, tShown * 1e3, tShown / tProject, tShownPreview * 1e3, tShownPreview / tProject, tStitch * 1e3,
            tStitch / tProject, tSim * 1e3, tSim / tProject, tExact * 1e3, tExact / tProject);
    };
    // As the app runs them after an edit: the matrix's shown method and the table at once, each on its own
    // worker thread.
    auto concurrent = [&](const char* when) {
        StitchingMatrixInput si = stitchInput();
        si.previous = previous;
        si.previousMatches = previousMatches;
        si.options = onlyMethod(si.options, StitchMethod::Relative);
        SimilarityInput in = tableInput(true);
        in.previous = previousTable;
        double tStitch = 1e300, tSim = 1e300;
        for (int r = 0; r < 3; ++r) {
            std::thread a([&] {
                omp_set_num_threads(1);
                tStitch = std::min(
                    tStitch, bench::bestSeconds(1, [&] { (void)computeStitchingMatrix(si, silentJob()).value(); }));
            });
            std::thread b([&] {
                omp_set_num_threads(1);
                tSim = std::min(tSim, bench::bestSeconds(1, [&] { (void)computeSimilarityTable(in).value(); }));
            });
            a.join();
            b.join();
        }
        std::printf(
            "%-22s stitching matrix: shown method %6.1f ms (%5.2fx projection)   similarity preview %6.1f ms (%5.2fx)  "
            " "
            "(both at once)\n",
            when, tStitch * 1e3, tStitch / tProject, tSim * 1e3, tSim / tProject);
    };
    std::printf("relative projection of all spaces: %.1f ms; previews at %g of their sizes\n", tProject * 1e3,
                fraction);
    measure("300 anchors");
    {
        const StitchingMatrix before = computeStitchingMatrix(stitchInput(), silentJob()).value();
        previous = before.prepared;
        previousMatches = before.matches;
    }
    Index added = 0;
    while (s.isAnchor(added)) ++added;
    s.toggleAnchor(added);
    measure("one anchor added");
    concurrent("one anchor added");
    return 0;
}
