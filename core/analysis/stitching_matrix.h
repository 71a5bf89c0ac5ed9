// The stitching matrix: zero-shot stitching accuracy (docs/methods.md §5) over every ordered pair of a session's
// spaces, row = SOURCE encoder, column = TARGET head, diagonal = the target's native accuracy. The app's
// Stitching panel and `latentbridge-cli stitch` (one pair, or the whole matrix of a session) compute it here.
//
// [SECTION] options   [SECTION] the matrix   [SECTION] computing it   [SECTION] one pair   [SECTION] partial results
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/jobs/job_context.h"
#include "core/session/session.h"
#include "core/stitch/stitching.h"

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lb {

// ------------------------------------------------------------------------------------------------ options
// StitchingOptions for the settings and the document's relative and translation settings, every method on
// (absolute, relative, procrustes, linear, affine).
StitchingOptions stitchingOptions(const StitchSettings& settings, const RelativeOptions& relative,
                                  const TranslationOptions& translation);
// "dir/fmnist_mlp.npz" -> "dir/fmnist_mlp_head.npz" (the naming of assets/recipes/fmnist.py); a ".safetensors"
// sibling is tried when no .npz exists. Returns "" when neither exists. What HeadKind::Fixed reads per target.
std::string headFileFor(const std::string& spacePath);

// ------------------------------------------------------------------------------------------------ the matrix
// One cell (source row, target column).
struct StitchCell {
    bool ok = false;
    std::string error;       // when !ok
    StitchingScores scores;  // native is the diagonal value
    double chance = 0;
    Index nTest = 0, nTrain = 0, k = 0;
    int numClasses = 0;
};

// A target side prepared by one run of the matrix, for the next run to reuse (prepareStitchingTarget's
// `previous`): which space and matched rows it belongs to.
struct PreparedTarget {
    size_t tgt = 0;
    std::vector<Index> targetRows;
    std::shared_ptr<const StitchingTarget> target;
};

// One ordered pair's matched rows, for the next run to reuse: they depend on the two spaces alone. The spaces
// are watched, not held (a closed space's memory is not kept by an old result): an expired pointer matches
// nothing, so a new space at a freed address cannot be taken for the old one.
struct MatchedPair {
    std::weak_ptr<const LatentSpace> source, target;
    std::shared_ptr<const StitchingData> data;
};

struct StitchingMatrix {
    std::array<bool, kStitchMethods> computed{};  // the methods the cells hold (the diagonal's native: always)
    std::vector<std::string> names;               // n spaces
    std::vector<StitchCell> cells;                // n x n, row-major: cells[src * n + tgt]
    std::vector<std::string> warnings;
    std::string headName;     // headKindName of the head
    StitchSettings settings;  // as computed
    RelativeOptions relative;
    TranslationOptions translation;
    size_t n = 0;
    const StitchCell& at(size_t src, size_t tgt) const { return cells[src * n + tgt]; }
    // Accuracy shown for (src, tgt) with `method` (native on the diagonal); nullopt = does not apply / not computed.
    std::optional<double> value(size_t src, size_t tgt, StitchMethod method) const;
    std::string whyAbsent(size_t src, size_t tgt, StitchMethod method) const;
    bool complete() const;                 // every method computed
    double chance() const;                 // smallest chance rate over the computed cells (the colour scale's 0)
    std::vector<PreparedTarget> prepared;  // each target side this run prepared (StitchingMatrixInput::previous)
    std::vector<MatchedPair> matches;      // each pair's matched rows (StitchingMatrixInput::previousMatches)
};

// {"names": [...], "methods": {method: [[value|null]] (rows = source, columns = target; the diagonal holds
//  native)}, "native": [...], "chance", "head", "anchors", "warnings": [...], "settings": {"stitching",
//  "relative", "translation"}}. Methods not computed are left out of "methods".
nlohmann::json toJson(const StitchingMatrix& m);

// ------------------------------------------------------------------------------------------ computing it
struct StitchingMatrixInput {
    std::vector<std::shared_ptr<const LatentSpace>> spaces;
    // Per space: rows of the session's anchors (-1 = missing; Session::anchorRowsIn). The k-th entries of two spaces
    // are one anchor pair: one sample, or a discovered pair (evaluated as stitchWithAnchorPairs does).
    std::vector<std::vector<Index>> anchorRows;
    std::vector<std::string> headFiles;  // per space, for HeadKind::Fixed ("" = none found)
    StitchSettings settings;
    StitchingOptions options;  // stitchingOptions(settings, ...), methods possibly reduced
    // Only these ordered (source, target) pairs (empty: all). The diagonal of each target in a pair is set.
    std::vector<std::pair<size_t, size_t>> onlyPairs;
    // The previous run's target sides, when it had the same spaces and head options (the caller vouches): a target
    // whose split did not change keeps its native head instead of refitting it.
    std::vector<PreparedTarget> previous;
    std::vector<MatchedPair> previousMatches;  // any earlier run's matches: used where both spaces are the same
};

// The input for a session's spaces, anchors and settings (every method; head files looked up beside each space).
StitchingMatrixInput stitchingMatrixInput(const Session& session);

// evaluateStitching for every asked ordered pair (src != tgt), for the methods of in.options. `pairsDone`
// (optional) counts finished pairs for a progress display. Errors only for cancellation; failures are stored per
// cell.
Result<StitchingMatrix> computeStitchingMatrix(const StitchingMatrixInput& in, JobContext& ctx = silentJob(),
                                               std::atomic<int>* pairsDone = nullptr);

// ----------------------------------------------------------------------------------------------- one pair
// What computeStitchingMatrix evaluates for one ordered pair, for callers that need more than its accuracies
// (the stitching gallery's per-sample predictions) and must agree with it: the same rows, anchors and heads.
// The matched rows of (src, tgt) (`matched`, or prepareStitchingData when null), the session's anchors as
// positions among them, and the rows evaluated: matched, or the anchors plus in.settings.maxRows other rows.
struct StitchingPairRows {
    std::shared_ptr<const StitchingData> matched;  // every matched row
    std::shared_ptr<const StitchingData> data;     // the rows evaluated
    std::vector<Index> anchors;                    // positions among data's rows
};
Result<StitchingPairRows> stitchingPairRows(const StitchingMatrixInput& in, size_t src, size_t tgt,
                                            std::shared_ptr<const StitchingData> matched = nullptr);
// With HeadKind::Fixed: reads in.headFiles[tgt] into `head`. Returns "" on success (or for another head kind),
// else why the target has no head.
std::string loadTargetHead(const StitchingMatrixInput& in, size_t tgt, LinearClassifier& head);

// ---------------------------------------------------------------------------------------- partial results
// `options` reduced to `method` (absolute always comes along: it costs one head application per pair), or to
// the methods `m` has not computed.
StitchingOptions onlyMethod(StitchingOptions options, StitchMethod method);
StitchingOptions missingMethods(StitchingOptions options, const StitchingMatrix& m);
// `m` with the methods `more` computed for the same inputs and `m` did not: their scores and warnings. The rest
// of `m` (its cells' other scores, prepared targets, matches) is kept.
void addMethods(StitchingMatrix& m, const StitchingMatrix& more);

}  // namespace lb
