// Zero-shot stitching evaluation (docs/methods.md §5): a classification head trained on the TARGET space is fed
// the SOURCE space's samples, raw (absolute), through relative representations, or translated into the target.
//
// [SECTION] options and results   [SECTION] data preparation   [SECTION] one evaluation   [SECTION] anchor curve
#pragma once

#include "core/jobs/job_context.h"
#include "core/relative/compact_relative.h"
#include "core/relative/relative_projection.h"
#include "core/space/latent_space.h"
#include "core/stitch/linear_classifier.h"
#include "core/stitch/logistic_head.h"
#include "core/stitch/ridge_head.h"
#include "core/translate/translator.h"

#include <optional>
#include <utility>
#include <vector>

namespace lb {

// ----------------------------------------------------------------------------------- options and results
enum class HeadKind { Ridge, Logistic, Fixed };
const char* headKindName(HeadKind h);  // "ridge", "logistic", "file"
bool parseHeadKind(const std::string& name, HeadKind& out);

struct StitchingOptions {
    HeadKind head = HeadKind::Ridge;  // default ridge (closed form)
    RidgeOptions ridge;               // used by HeadKind::Ridge (absolute and relative heads)
    LogisticOptions logistic;         // used by HeadKind::Logistic
    // HeadKind::Fixed: a head trained elsewhere on the target's absolute space (C x D_target). It serves native,
    // absolute and translated; relative needs a head on relative reps, so it is reported as absent.
    const LinearClassifier* fixedHead = nullptr;
    double testFraction = 0.2;       // of the matched rows, held out (never anchors); default 0.2
    uint64_t seed = 0;               // split (and curve anchors) seed; default 0
    RelativeOptions relative;        // similarity, transform, post-normalization of the relative reps
    TranslationOptions translation;  // scaling / l2 / ridge of the translators (method taken from below)
    std::vector<TranslationMethod> methods{TranslationMethod::Procrustes, TranslationMethod::Linear,
                                           TranslationMethod::Affine};
    // The relative method (the target's relative head and the sources' relative reps). False skips it: the
    // scores' relative and relativeNative stay absent (e.g. for a caller that shows a translated method first).
    bool withRelative = true;
    // Whether a prepared target keeps its test rows' relative reps (StitchingTarget::relativeTest.Y, N_test × r)
    // for a caller that scores the same rows as a source later (sourceRelativeTest below: the stitching matrix,
    // where every space is both). False keeps only their basis and the relative head's predictions: a single
    // pair has no use for them (200k × 300 floats, 240 MB, at 1M rows).
    bool keepRelativeTest = true;
};

// Accuracies in [0, 1] on the test rows. std::nullopt = not applicable.
struct StitchingScores {
    double native = 0;                     // target rows -> target head
    std::optional<double> absolute;        // source rows -> target head; absent when the widths differ
    std::optional<double> relative;        // source relative reps -> head trained on target relative reps
    std::optional<double> relativeNative;  // target relative reps -> that same head (the relative upper bound)
    std::vector<std::pair<TranslationMethod, std::optional<double>>>
        translated;  // per method; absent if the fit failed
};

struct StitchingResult {
    StitchingScores scores;
    double chance = 0;  // accuracy of always predicting the test set's most frequent class
    int numClasses = 0;
    Index nTrain = 0, nTest = 0, k = 0;
    std::vector<Warning> warnings;  // e.g. a translator that failed, a logistic fit that hit its iteration cap
};

// ---------------------------------------------------------------------------------------- data preparation
// Rows of SOURCE and TARGET that encode the same samples (matchRows: by key, else by index), gathered into
// M x Ds and M x Dt matrices in SOURCE's row order, with labels from TARGET (or from SOURCE when only it has
// them). When both have labels they must agree on every matched row (BadInput naming the first row that
// differs). Errors: NoOverlap, BadInput (no labels at all).
// StitchingRows::Only matches and labels without copying the rows (source and target stay empty): for callers
// that hold many pairs at once and gather each side only while they use it (matchedRows below).
enum class StitchingRows { Gather, Only };
struct StitchingData {
    RowMatrixXf source;             // M x Ds (empty with StitchingRows::Only)
    RowMatrixXf target;             // M x Dt (empty with StitchingRows::Only)
    std::vector<int32_t> labels;    // M
    std::vector<Index> sourceRows;  // M rows of SOURCE
    std::vector<Index> targetRows;  // M rows of TARGET
    bool byKey = false;
};
Result<StitchingData> prepareStitchingData(const LatentSpace& source, const LatentSpace& target,
                                           StitchingRows rows = StitchingRows::Gather);
// `rows` of `space` in that order: a view of the space itself when they are all of its rows in order (the usual
// case of files that share one sample order: no copy), else gathered into `storage`. The view lives as long as
// the space and `storage`.
ConstRowMatrixRef matchedRows(const LatentSpace& space, const std::vector<Index>& rows, RowMatrixXf& storage);

// Seeded split of M rows: test = round(testFraction·M) rows (at least 1) drawn among the non-anchor rows,
// train = every other row (anchors included). Sorted ascending. The test rows are the first non-anchor rows of
// one seeded permutation of all M rows, so adding or removing one anchor moves at most one row between test
// and train: a live accuracy changes because of the anchor, not because of a new test set. Errors: InvalidArgument
// (fraction not in (0, 1), no non-anchor row, anchors out of range).
struct TrainTestSplit {
    std::vector<Index> train;
    std::vector<Index> test;
};
Result<TrainTestSplit> makeStitchingSplit(Index m, const std::vector<Index>& anchors, double testFraction,
                                          uint64_t seed);

// ------------------------------------------------------------------------------------------ one evaluation
// source: M x Ds, target: M x Dt, labels: M, anchors: K row indices in [0, M) (K >= 2).
// Cost: head fits O(M·D²) (ridge) + relative reps O(M·D·min(D, K)) for cosine (compact_relative.h), O(M·D·K)
// otherwise + translator fits; multithreaded.
// Progress per stage; honours ctx.cancelled(). Errors: InvalidArgument (shapes, labels, K, fixed head width),
// NumericalIssue from a head fit, Cancelled.
Result<StitchingResult> evaluateStitching(const ConstRowMatrixRef& source, const ConstRowMatrixRef& target,
                                          const std::vector<int32_t>& labels, const std::vector<Index>& anchors,
                                          const StitchingOptions& options, JobContext& ctx = silentJob());

// ------------------------------------------------------------------------------- target side, source side
// evaluateStitching in two halves, so that one target's heads serve every source paired with it (the GUI's
// stitching matrix): prepareStitchingTarget does what depends on the target alone (split, native head, the
// head on the target's relative representation), stitchSource what each source adds. The source passed to
// stitchSource must have the target's M rows in the same order.
struct StitchingTarget {
    TrainTestSplit split;
    std::vector<Index> anchors;  // K rows of [0, M)
    int numClasses = 0;
    std::vector<int32_t> yTest;            // labels of split.test
    double chance = 0;                     // most frequent test class rate
    LinearClassifier head;                 // native head (absolute target rows, or the fixed head)
    std::vector<int32_t> nativePredicted;  // its class for each test row (split.test order)
    double native = 0;                     // accuracy of nativePredicted
    RowMatrixXf anchorRows;                // K × Dt: the target's anchors (translator fits)
    std::optional<LinearClassifier>
        relativeHead;              // on the target's relative reps (absent for a fixed head, or !withRelative)
    CompactRelative relativeTest;  // the target's relative reps of the test rows (compact_relative.h); Y is empty
                                   // unless options.keepRelativeTest
    std::optional<double> relativeNative;
    std::vector<int32_t> relativeNativePredicted;  // the relative head's classes of relativeTest (empty: no head)
    std::vector<Warning> warnings;
    size_t nativeWarnings = 0;  // the first warnings, from the native head
};
// `previous`: the same target prepared for other anchors (same target rows, labels and options: the caller
// vouches for that). When its split is this one, its native head and accuracy are reused instead of refitted:
// the usual case of an anchor click, since the split keeps its test rows unless the anchor was one of them.
Result<StitchingTarget> prepareStitchingTarget(const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                                               const std::vector<Index>& anchors, const StitchingOptions& options,
                                               JobContext& ctx = silentJob(),
                                               const StitchingTarget* previous = nullptr);
// The target's native half alone, before any anchors: the split with no row held back as an anchor, the native
// head and its accuracy (no anchorRows, no relative head). What a target shows while fewer than 2 anchors
// exist. Errors: those of prepareStitchingTarget but the anchor count.
Result<StitchingTarget> prepareNativeTarget(const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                                            const StitchingOptions& options, JobContext& ctx = silentJob());
// The class the target's head predicts for each test row (t.split.test order) through each method: what the
// accuracies of stitchSource are computed from, and what a gallery of samples shows. A method's vector is
// absent where its accuracy is (different widths, no relative head, a translator that could not be fitted).
struct StitchingPredictions {
    std::vector<int32_t> native;                         // target rows -> target head
    std::optional<std::vector<int32_t>> absolute;        // source rows -> target head
    std::optional<std::vector<int32_t>> relative;        // source relative reps -> relative head
    std::optional<std::vector<int32_t>> relativeNative;  // target relative reps -> relative head
    std::vector<std::pair<TranslationMethod, std::optional<std::vector<int32_t>>>> translated;  // per method
};
// Accuracies of `p` against the test labels `yTest` (one per test row).
StitchingScores scoresOf(const StitchingPredictions& p, const std::vector<int32_t>& yTest);
// stitchSource's predictions; the same arguments, errors and warnings.
Result<StitchingPredictions> predictSource(const StitchingTarget& t, const ConstRowMatrixRef& source,
                                           const StitchingOptions& options, std::vector<Warning>& warnings,
                                           JobContext& ctx = silentJob(),
                                           const CompactRelative* sourceRelativeTest = nullptr);
// Absolute (same widths only), relative and translated accuracies of `source` (M × Ds) through `t`'s heads:
// scoresOf(predictSource(...), t.yTest).
// Warnings (a translator that could not be fitted) are appended. Errors: InvalidArgument (rows), Cancelled.
// sourceRelativeTest (optional): the source's relative reps of t.split.test's rows on the source's rows of
// t.anchors, with options.relative, when the caller has them already: e.g. the relativeTest of the source
// prepared as a target with the same rows, anchors and split (the GUI's matrix, where every space is both).
Result<StitchingScores> stitchSource(const StitchingTarget& t, const ConstRowMatrixRef& source,
                                     const StitchingOptions& options, std::vector<Warning>& warnings,
                                     JobContext& ctx = silentJob(),
                                     const CompactRelative* sourceRelativeTest = nullptr);

// --------------------------------------------------------------------------------------------- anchor curve
// Accuracy vs number of anchors, for the GUI curves and the reproduction report. One seeded test set
// (testFraction of all M rows) shared by every K; the anchors for K are the first K rows of one seeded
// permutation of the remaining rows, so larger anchor sets contain the smaller ones. Native and absolute do
// not depend on K and are repeated in every point. Errors: as evaluateStitching, plus InvalidArgument
// when a K exceeds the non-test rows or is < 2.
struct StitchingCurvePoint {
    Index k = 0;
    StitchingScores scores;
};
Result<std::vector<StitchingCurvePoint>> stitchingCurve(const ConstRowMatrixRef& source,
                                                        const ConstRowMatrixRef& target,
                                                        const std::vector<int32_t>& labels,
                                                        const std::vector<Index>& ks, const StitchingOptions& options,
                                                        JobContext& ctx = silentJob());

}  // namespace lb
