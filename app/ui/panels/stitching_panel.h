// Stitching panel: zero-shot stitching accuracy (docs/methods.md §5, core/stitch/stitching.h) over every ordered
// pair of spaces, drawn as a heatmap: row = SOURCE encoder, column = TARGET head, diagonal = the target's
// native accuracy, colour from chance (dark) to 1 (yellow), the number in every cell.
// Head: ridge (closed form, refits live on anchor edits), logistic (L-BFGS; recomputed on demand) or the
// linear head files shipped beside the spaces (X.npz -> X_head.npz, see headFileFor()).
// After an edit, one worker job computes every pair for the shown method (latest wins, progress + cancel) and
// publishes it; a second one then adds the other methods, once the similarity table's job is done, so that
// switching the displayed method is free without the other methods delaying the shown one (or the table)
// on a live edit. Main thread only, except computeStitchingMatrix.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "core/jobs/job_runner.h"
#include "core/stitch/stitching.h"

#include <nlohmann/json.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

// What the heatmap shows off the diagonal.
enum class StitchMethod { Absolute = 0, Relative, Procrustes, Linear, Affine };
constexpr int kStitchMethods = 5;
const char* stitchMethodName(StitchMethod m);  // "absolute", "relative", "procrustes", "linear", "affine"

// Head and relative-head options shared by the stitching and curves panels.
struct StitchingSetup {
    HeadKind head = HeadKind::Ridge;   // default ridge
    float ridgeAlpha = static_cast<float>(RidgeOptions{}.alpha);  // relative ridge strength (as the CLI)
    float logisticLambda = 1e-4f;      // L2 penalty of the logistic head (default 1e-4)
    // Relative head inputs. Default: what the papers used in most experiments — cosine similarity to the
    // anchors, no absolute transform, standardization over the K coordinates.
    int similarity = 0;                // index into Similarity (cosine, angular, euclidean, l1, linf)
    int transform = 0;                 // AbsoluteTransform (none, center, standard)
    int post = 2;                      // PostNormalization (none, l2, standardize)
    float testFraction = 0.2f;         // held-out fraction, never anchors (default 0.2)
    int seed = 0;                      // split seed (default 0)
};
// StitchingOptions for the setup and the session's translation settings (methods: procrustes, linear, affine).
StitchingOptions stitchingOptions(const StitchingSetup& setup, const TranslationOptions& translation);
uint64_t setupKey(const StitchingSetup& setup);
// "dir/fmnist_mlp.npz" -> "dir/fmnist_mlp_head.npz" (the naming of assets/recipes/fmnist.py); a
// ".safetensors" sibling is tried when no .npz exists. Returns "" when neither exists.
std::string headFileFor(const std::string& spacePath);
// Draws the head and relative-head controls (with tooltips); returns true when something changed.
bool drawStitchingSetup(StitchingSetup& s, const PanelContext& ctx);

// One cell of the matrix (source row, target column).
struct StitchCell {
    bool ok = false;
    std::string error;           // when !ok
    StitchingScores scores;      // native is the diagonal value
    double chance = 0;
    Index nTest = 0, k = 0;
};

// A target side prepared by one run of the matrix, for the next run to reuse (prepareStitchingTarget's
// `previous`): which space and matched rows it belongs to.
struct PreparedTarget {
    size_t tgt = 0;
    std::vector<Index> targetRows;
    std::shared_ptr<const StitchingTarget> target;
};

// One ordered pair's matched rows, for the next run to reuse: they depend on the two spaces alone (matching
// 10,000 keys for 6 pairs was ~8 ms of every anchor click). The spaces are watched, not held (a closed space's
// memory is not kept by an old result): an expired pointer matches nothing, so a new space at a freed address
// cannot be taken for the old one.
struct MatchedPair {
    std::weak_ptr<const LatentSpace> source, target;
    std::shared_ptr<const StitchingData> data;
};

struct StitchingMatrix {
    std::array<bool, kStitchMethods> computed{};  // the methods the cells hold (the diagonal's native: always)
    std::vector<std::string> names;    // n spaces
    std::vector<StitchCell> cells;     // n x n, row-major: cells[src * n + tgt]
    std::vector<std::string> warnings;
    std::string headName;              // "ridge", "logistic", "head files"
    size_t n = 0;
    const StitchCell& at(size_t src, size_t tgt) const { return cells[src * n + tgt]; }
    // Accuracy shown for (src, tgt) with `method` (native on the diagonal); nullopt = does not apply.
    std::optional<double> value(size_t src, size_t tgt, StitchMethod method) const;
    // Why value() is absent.
    std::string whyAbsent(size_t src, size_t tgt, StitchMethod method) const;
    bool complete() const;             // every method computed
    double chance() const;             // smallest chance rate over the computed cells (the colour scale's 0)
    std::vector<PreparedTarget> prepared;  // each target side this run prepared (StitchingMatrixInput::previous)
    std::vector<MatchedPair> matches;      // each pair's matched rows (StitchingMatrixInput::previousMatches)
};

struct StitchingMatrixInput {
    std::vector<std::shared_ptr<const LatentSpace>> spaces;
    std::vector<std::vector<Index>> anchorRows;  // per space: rows of the session's anchors (-1 = missing)
    std::vector<std::string> headFiles;          // per space, for HeadKind::Fixed ("" = none found)
    StitchingOptions options;                    // fixedHead is set per target by the worker
    // The previous run's target sides, when it had the same spaces and head options (the panel keys them):
    // a target whose split did not change keeps its native head instead of refitting it.
    std::vector<PreparedTarget> previous;
    std::vector<MatchedPair> previousMatches;  // any earlier run's matches: used where both spaces are the same
};

// Worker side: evaluateStitching for every ordered pair (src != tgt), for the methods of in.options (absolute
// always; relative if withRelative; the translation methods listed). `pairsDone` (optional) counts finished
// pairs for the progress display. Errors only for cancellation; failures are stored per cell.
Result<StitchingMatrix> computeStitchingMatrix(const StitchingMatrixInput& in, JobContext& ctx,
                                               std::atomic<int>* pairsDone = nullptr);
// `options` reduced to `method` (for the first job after an edit), or to the methods `m` has not computed.
StitchingOptions onlyMethod(StitchingOptions options, StitchMethod method);
StitchingOptions missingMethods(StitchingOptions options, const StitchingMatrix& m);
// `m` with the methods `more` computed for the same inputs and `m` did not: their scores and warnings. The
// rest of `m` (its cells' other scores, prepared targets, matches) is kept.
void addMethods(StitchingMatrix& m, const StitchingMatrix& more);

struct StitchingPanelState {
    StitchingSetup setup;
    int method = static_cast<int>(StitchMethod::Relative);  // shown method (default relative)
    bool live = true;                      // recompute on every anchor/settings edit (logistic: button only)
    LatestJob job;
    uint64_t submittedKey = UINT64_MAX;
    uint64_t resultKey = UINT64_MAX;
    std::shared_ptr<const StitchingMatrix> result;
    uint64_t preparedKey = UINT64_MAX;     // spaces and head options of result->prepared (reused when equal)
    std::shared_ptr<std::atomic<int>> pairsDone = std::make_shared<std::atomic<int>>(0);
    int pairsTotal = 0;
    std::string error;
    double lastMs = -1;
    double afterEditMs = -1;               // from the last edit (msSinceViewsRequest) to that result
    bool requested = false;                // "Compute" pressed
    uint64_t restSubmittedKey = UINT64_MAX;  // inputs whose other methods were asked for (once per result)
    bool restJob = false;                  // the last job submitted computes the other methods
    double completeAfterEditMs = -1;       // from the last edit to the result with every method
    // While this job runs (the similarity table's, set by registerAnalysisPanels), the other methods wait: a
    // live edit's two panels then share the cores for what they show.
    const LatestJob* yieldTo = nullptr;
};

uint64_t stitchingInputsKey(const AppState& st, const StitchingPanelState& p);
void updateStitchingPanel(AppState& st, StitchingPanelState& p);
void drawStitchingPanel(AppState& st, StitchingPanelState& p, const PanelContext& ctx);
// Heatmap only (also used by presentation mode); width = available width.
void drawStitchingHeatmap(const StitchingMatrix& m, StitchMethod method, bool stale, const PanelContext& ctx);
// {"method", "head", "names", "matrix": [[value|null]], "native": [...], "chance", "computing"}; null if none.
nlohmann::json stitchingReport(const StitchingPanelState& p);

}  // namespace lb::ui
