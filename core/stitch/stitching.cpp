#include "core/stitch/stitching.h"

#include "core/metrics/retrieval.h"
#include "core/metrics/sampling.h"
#include "core/stitch/ridge_normal_equations.h"
#include "core/stitch/stitching_rows.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace lb {

const char* headKindName(HeadKind h) {
    switch (h) {
        case HeadKind::Ridge: return "ridge";
        case HeadKind::Logistic: return "logistic";
        case HeadKind::Fixed: return "file";
    }
    return "ridge";
}

bool parseHeadKind(const std::string& name, HeadKind& out) {
    for (HeadKind h : {HeadKind::Ridge, HeadKind::Logistic, HeadKind::Fixed})
        if (name == headKindName(h)) return out = h, true;
    return false;
}

namespace {

using detail::featureRows;
using detail::gather;
using detail::gatherLabels;
using detail::predictRows;

// The head on rows `rows` of X (labels: one per row of X), or on their features when `features` is set: ridge
// from normal equations accumulated block by block (no copy of the rows or of all their features); logistic on
// the gathered features (its iterations revisit every row). traceDims: the ridge λ's D for a compact relative
// representation (RidgeOptions::traceDims).
Result<LinearClassifier> trainHead(const ConstRowMatrixRef& X, const std::vector<Index>& rows,
                                   const std::vector<int32_t>& labels, int numClasses, const StitchingOptions& options,
                                   std::vector<Warning>& warnings, JobContext& ctx, const RowFeatures& features = {},
                                   Index traceDims = 0) {
    if (options.head == HeadKind::Logistic) {
        Result<RowMatrixXf> x = featureRows(X, rows, features, ctx);
        if (!x) return x.error();
        LogisticOptions lo = options.logistic;
        lo.numClasses = numClasses;
        Result<LogisticFit> fit = fitLogisticHead(*x, gatherLabels(labels, rows), lo, ctx);
        if (!fit) return fit.error();
        if (!fit->converged)
            warnings.push_back({"logistic head stopped after " + std::to_string(fit->iterations) +
                                    " iterations (gradient " + std::to_string(fit->gradientNorm) + ")",
                                {}});
        return std::move(fit->head);
    }
    RidgeOptions ro = options.ridge;
    ro.numClasses = numClasses;
    ro.traceDims = traceDims;
    Result<RidgeFit> fit = fitRidgeHeadOnRows(X, rows, labels, ro, ctx, features);
    if (!fit) return fit.error();
    return std::move(fit->head);
}

Status checkInputs(const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                   const StitchingOptions& options) {
    if (static_cast<Index>(labels.size()) != target.rows())
        return invalidArgument("stitching needs one label per target row");
    if (options.head == HeadKind::Fixed) {
        if (!options.fixedHead) return invalidArgument("stitching with a head file but no head given");
        if (options.fixedHead->dims() != target.cols())
            return invalidArgument("the head expects " + std::to_string(options.fixedHead->dims()) +
                                   " input dims but the target space has " + std::to_string(target.cols()));
    }
    return Status::ok();
}

double majorityRate(const std::vector<int32_t>& y) {
    std::map<int32_t, size_t> counts;
    size_t best = 0;
    for (int32_t v : y) best = std::max(best, ++counts[v]);
    return y.empty() ? 0.0 : static_cast<double>(best) / static_cast<double>(y.size());
}

int classCount(const std::vector<int32_t>& labels, const StitchingOptions& options) {
    int c = 0;
    for (int32_t l : labels) c = std::max(c, static_cast<int>(l) + 1);
    if (options.head == HeadKind::Fixed && options.fixedHead)
        c = std::max(c, static_cast<int>(options.fixedHead->numClasses()));
    return c;
}

// The anchor-independent half of the target side: split, test labels, native head and accuracy.
Result<StitchingTarget> nativeSide(const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                                   TrainTestSplit split, const StitchingOptions& options, JobContext& ctx) {
    StitchingTarget t;
    t.split = std::move(split);
    t.numClasses = classCount(labels, options);
    if (options.head == HeadKind::Fixed && options.fixedHead) {
        const Index c = options.fixedHead->numClasses();
        int maxLabel = -1;
        for (int32_t l : labels) maxLabel = std::max(maxLabel, static_cast<int>(l));
        if (c <= maxLabel)
            return invalidArgument("the head has " + std::to_string(c) + " classes but the labels go up to " +
                                   std::to_string(maxLabel) + ": it was not trained for these labels");
    }
    t.yTest = gatherLabels(labels, t.split.test);
    t.chance = majorityRate(t.yTest);
    if (options.head == HeadKind::Fixed) {
        t.head = *options.fixedHead;
    } else {
        Result<LinearClassifier> trained =
            trainHead(target, t.split.train, labels, t.numClasses, options, t.warnings, ctx);
        if (!trained) return trained.error();
        t.head = std::move(*trained);
    }
    ctx.setStage("native predictions", static_cast<uint64_t>(t.split.test.size()));
    Result<std::vector<int32_t>> predicted = predictRows(t.head, target, t.split.test, ctx);
    if (!predicted) return predicted.error();
    t.nativePredicted = std::move(*predicted);
    t.native = classificationAccuracy(t.nativePredicted, t.yTest);
    t.nativeWarnings = t.warnings.size();
    return t;
}

// The native half of `previous` for `split` (the same split): everything nativeSide computes.
StitchingTarget reusedNativeSide(const StitchingTarget& previous, TrainTestSplit split) {
    StitchingTarget t;
    t.split = std::move(split);
    t.numClasses = previous.numClasses;
    t.yTest = previous.yTest;
    t.chance = previous.chance;
    t.head = previous.head;
    t.nativePredicted = previous.nativePredicted;
    t.native = previous.native;
    t.warnings.assign(previous.warnings.begin(),
                      previous.warnings.begin() + static_cast<std::ptrdiff_t>(previous.nativeWarnings));
    t.nativeWarnings = previous.nativeWarnings;
    return t;
}

// The anchored half: the target's anchors and, unless the options skip the relative method, the head on its
// relative representation, computed block by block as the head reads it (O(M·D·min(D, K)) for cosine,
// compact_relative.h): only the test rows' representations are kept (relativeTest).
Status relativeSide(StitchingTarget& t, const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                    const std::vector<Index>& anchors, const StitchingOptions& options, JobContext& ctx) {
    t.anchors = anchors;
    t.anchorRows = gather(target, anchors);
    t.relativeHead.reset();
    t.relativeNative.reset();
    t.relativeNativePredicted.clear();
    if (options.head == HeadKind::Fixed || !options.withRelative) return Status::ok();
    Result<CompactRelativeProjector> projector = CompactRelativeProjector::prepare(t.anchorRows, options.relative);
    if (!projector) return projector.error();
    JobContext inner(&ctx);  // the projection's own stages stay out of the head's progress
    const RowFeatures relative = [&](const RowMatrixXf& block) { return projector->project(block, inner); };
    Result<LinearClassifier> head =
        trainHead(target, t.split.train, labels, t.numClasses, options, t.warnings, ctx, relative, projector->form().k);
    if (!head) return head.error();
    ctx.setStage("relative representation", static_cast<uint64_t>(t.split.test.size()));
    t.relativeTest = projector->form();
    if (options.keepRelativeTest) {
        Result<RowMatrixXf> test = featureRows(target, t.split.test, relative, ctx);
        if (!test) return test.error();
        t.relativeTest.Y = std::move(*test);
        t.relativeNativePredicted = head->predict(t.relativeTest.Y);
    } else {
        Result<std::vector<int32_t>> predicted = predictRows(*head, target, t.split.test, ctx, relative);
        if (!predicted) return predicted.error();
        t.relativeNativePredicted = std::move(*predicted);
    }
    t.relativeNative = classificationAccuracy(t.relativeNativePredicted, t.yTest);
    t.relativeHead = std::move(*head);
    return Status::ok();
}

}  // namespace

Result<TrainTestSplit> makeStitchingSplit(Index m, const std::vector<Index>& anchors, double testFraction,
                                          uint64_t seed) {
    if (!(testFraction > 0.0 && testFraction < 1.0))
        return invalidArgument("test fraction must be in (0, 1), got " + std::to_string(testFraction));
    std::vector<char> isAnchor(static_cast<size_t>(m), 0);
    for (Index a : anchors) {
        if (a < 0 || a >= m) return invalidArgument("anchor row " + std::to_string(a) + " out of range");
        isAnchor[static_cast<size_t>(a)] = 1;
    }
    Index pool = 0;
    for (char a : isAnchor) pool += a ? 0 : 1;
    if (pool == 0) return invalidArgument("every matched row is an anchor: nothing left to test on");
    const Index nTest =
        std::clamp<Index>(static_cast<Index>(std::llround(testFraction * static_cast<double>(m))), 1, pool);
    // One permutation of all M rows, independent of the anchors; test = its first nTest non-anchor rows.
    const std::vector<Index> perm = seededPermutation(m, seed);
    std::vector<char> isTest(static_cast<size_t>(m), 0);
    Index taken = 0;
    for (size_t p = 0; p < perm.size() && taken < nTest; ++p) {
        const auto row = static_cast<size_t>(perm[p]);
        if (!isAnchor[row]) isTest[row] = 1, ++taken;
    }
    TrainTestSplit split;
    for (Index i = 0; i < m; ++i) (isTest[static_cast<size_t>(i)] ? split.test : split.train).push_back(i);
    return split;
}

Result<StitchingTarget> prepareStitchingTarget(const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                                               const std::vector<Index>& anchors, const StitchingOptions& options,
                                               JobContext& ctx, const StitchingTarget* previous) {
    if (Status st = checkInputs(target, labels, options); !st) return st;
    if (anchors.size() < 2) return invalidArgument("stitching needs at least 2 anchors");
    Result<TrainTestSplit> split = makeStitchingSplit(target.rows(), anchors, options.testFraction, options.seed);
    if (!split) return split.error();
    const bool reuse = previous && previous->split.test == split->test && previous->split.train == split->train;
    Result<StitchingTarget> t = reuse ? Result<StitchingTarget>(reusedNativeSide(*previous, std::move(*split)))
                                      : nativeSide(target, labels, std::move(*split), options, ctx);
    if (!t) return t.error();
    if (Status st = relativeSide(*t, target, labels, anchors, options, ctx); !st) return st;
    return t;
}

Result<StitchingTarget> prepareNativeTarget(const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                                            const StitchingOptions& options, JobContext& ctx) {
    if (Status st = checkInputs(target, labels, options); !st) return st;
    Result<TrainTestSplit> split = makeStitchingSplit(target.rows(), {}, options.testFraction, options.seed);
    if (!split) return split.error();
    return nativeSide(target, labels, std::move(*split), options, ctx);
}

Result<StitchingResult> evaluateStitching(const ConstRowMatrixRef& source, const ConstRowMatrixRef& target,
                                          const std::vector<int32_t>& labels, const std::vector<Index>& anchors,
                                          const StitchingOptions& options, JobContext& ctx) {
    if (source.rows() != target.rows()) return invalidArgument("stitching needs matched source, target and label rows");
    Result<StitchingTarget> t = prepareStitchingTarget(target, labels, anchors, options, ctx);
    if (!t) return t.error();
    StitchingResult out;
    out.numClasses = t->numClasses;
    out.nTrain = static_cast<Index>(t->split.train.size());
    out.nTest = static_cast<Index>(t->split.test.size());
    out.k = static_cast<Index>(anchors.size());
    out.chance = t->chance;
    out.warnings = t->warnings;
    Result<StitchingScores> scores = stitchSource(*t, source, options, out.warnings, ctx);
    if (!scores) return scores.error();
    out.scores = std::move(*scores);
    return out;
}

Result<std::vector<StitchingCurvePoint>> stitchingCurve(const ConstRowMatrixRef& source,
                                                        const ConstRowMatrixRef& target,
                                                        const std::vector<int32_t>& labels,
                                                        const std::vector<Index>& ks, const StitchingOptions& options,
                                                        JobContext& ctx) {
    if (Status st = checkInputs(target, labels, options); !st) return st;
    if (source.rows() != target.rows()) return invalidArgument("stitching needs matched source, target and label rows");
    Result<TrainTestSplit> split = makeStitchingSplit(target.rows(), {}, options.testFraction, options.seed);
    if (!split) return split.error();
    // Anchor pool = the train rows in one seeded order; K anchors = its first K (nested sets).
    const std::vector<Index> perm = seededPermutation(static_cast<Index>(split->train.size()), options.seed + 1);
    for (Index k : ks)
        if (k < 2 || k > static_cast<Index>(split->train.size()))
            return invalidArgument("anchor count " + std::to_string(k) + " must be in [2, " +
                                   std::to_string(split->train.size()) + "]");
    Result<StitchingTarget> t = nativeSide(target, labels, std::move(*split), options, ctx);
    if (!t) return t.error();
    std::vector<Warning> warnings;
    std::vector<StitchingCurvePoint> curve;
    for (Index k : ks) {
        std::vector<Index> anchors(static_cast<size_t>(k));
        for (Index i = 0; i < k; ++i)
            anchors[static_cast<size_t>(i)] = t->split.train[static_cast<size_t>(perm[static_cast<size_t>(i)])];
        if (Status st = relativeSide(*t, target, labels, anchors, options, ctx); !st) return st;
        Result<StitchingScores> s = stitchSource(*t, source, options, warnings, ctx);
        if (!s) return s.error();
        curve.push_back({k, std::move(*s)});
    }
    return curve;
}

}  // namespace lb
