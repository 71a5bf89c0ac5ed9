#include "core/stitch/stitching.h"

#include "core/metrics/retrieval.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

namespace lb {

const char* headKindName(HeadKind h) {
    switch (h) {
        case HeadKind::Ridge: return "ridge";
        case HeadKind::Logistic: return "logistic";
        case HeadKind::Fixed: return "file";
    }
    return "ridge";
}

namespace {

RowMatrixXf gather(const ConstRowMatrixRef& X, const std::vector<Index>& rows) {
    RowMatrixXf out(static_cast<Index>(rows.size()), X.cols());
    for (size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Index>(r)) = X.row(rows[r]);
    return out;
}

std::vector<int32_t> gatherLabels(const std::vector<int32_t>& labels, const std::vector<Index>& rows) {
    std::vector<int32_t> out(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) out[r] = labels[static_cast<size_t>(rows[r])];
    return out;
}

Result<LinearClassifier> trainHead(const ConstRowMatrixRef& X, const std::vector<int32_t>& y, int numClasses,
                                   const StitchingOptions& options, std::vector<Warning>& warnings, JobContext& ctx) {
    if (options.head == HeadKind::Logistic) {
        LogisticOptions lo = options.logistic;
        lo.numClasses = numClasses;
        Result<LogisticFit> fit = fitLogisticHead(X, y, lo, ctx);
        if (!fit) return fit.error();
        if (!fit->converged)
            warnings.push_back({"logistic head stopped after " + std::to_string(fit->iterations) +
                                    " iterations (gradient " + std::to_string(fit->gradientNorm) + ")",
                                {}});
        return std::move(fit->head);
    }
    RidgeOptions ro = options.ridge;
    ro.numClasses = numClasses;
    Result<RidgeFit> fit = fitRidgeHead(X, y, ro, ctx);
    if (!fit) return fit.error();
    return std::move(fit->head);
}

double accuracyOn(const LinearClassifier& head, const ConstRowMatrixRef& X, const std::vector<int32_t>& y) {
    return classificationAccuracy(head.predict(X), y);
}

// Everything that depends on the anchors, given a split and the absolute head (trained once per split).
Result<StitchingScores> anchoredScores(const ConstRowMatrixRef& source, const ConstRowMatrixRef& target,
                                       const std::vector<int32_t>& labels, const std::vector<Index>& anchors,
                                       const TrainTestSplit& split, int numClasses, const LinearClassifier& absHead,
                                       const StitchingOptions& options, std::vector<Warning>& warnings,
                                       JobContext& ctx) {
    StitchingScores s;
    const std::vector<int32_t> yTest = gatherLabels(labels, split.test);
    const RowMatrixXf srcTest = gather(source, split.test);
    const RowMatrixXf srcAnchors = gather(source, anchors), tgtAnchors = gather(target, anchors);
    if (options.head != HeadKind::Fixed) {
        Result<RowMatrixXf> relTrain = relativeProjection(gather(target, split.train), tgtAnchors, options.relative, ctx);
        if (!relTrain) return relTrain.error();
        Result<LinearClassifier> relHead =
            trainHead(*relTrain, gatherLabels(labels, split.train), numClasses, options, warnings, ctx);
        if (!relHead) return relHead.error();
        Result<RowMatrixXf> relSrc = relativeProjection(srcTest, srcAnchors, options.relative, ctx);
        if (!relSrc) return relSrc.error();
        Result<RowMatrixXf> relTgt = relativeProjection(gather(target, split.test), tgtAnchors, options.relative, ctx);
        if (!relTgt) return relTgt.error();
        s.relative = accuracyOn(*relHead, *relSrc, yTest);
        s.relativeNative = accuracyOn(*relHead, *relTgt, yTest);
    }
    for (TranslationMethod m : options.methods) {
        if (ctx.cancelled()) return Status::cancelled();
        TranslationOptions to = options.translation;
        to.method = m;
        Result<Translator> tr = Translator::fit(srcAnchors, tgtAnchors, to, ctx);
        if (!tr) {
            if (tr.error().code == ErrorCode::Cancelled) return tr.error();
            warnings.push_back({std::string(translationMethodName(m)) + " translator: " + tr.error().message, {}});
            s.translated.emplace_back(m, std::nullopt);
            continue;
        }
        s.translated.emplace_back(m, accuracyOn(absHead, tr->apply(srcTest), yTest));
    }
    return s;
}

Status checkInputs(const ConstRowMatrixRef& source, const ConstRowMatrixRef& target,
                   const std::vector<int32_t>& labels, const StitchingOptions& options) {
    if (source.rows() != target.rows() || static_cast<Index>(labels.size()) != target.rows())
        return invalidArgument("stitching needs matched source, target and label rows");
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

// Native + absolute on a split, and the absolute head they share with the translated rows.
Result<LinearClassifier> nativeAndAbsolute(const ConstRowMatrixRef& source, const ConstRowMatrixRef& target,
                                           const std::vector<int32_t>& labels, const TrainTestSplit& split,
                                           int numClasses, const StitchingOptions& options, StitchingScores& s,
                                           std::vector<Warning>& warnings, JobContext& ctx) {
    LinearClassifier head;
    if (options.head == HeadKind::Fixed) {
        head = *options.fixedHead;
    } else {
        Result<LinearClassifier> trained =
            trainHead(gather(target, split.train), gatherLabels(labels, split.train), numClasses, options, warnings, ctx);
        if (!trained) return trained.error();
        head = std::move(*trained);
    }
    const std::vector<int32_t> yTest = gatherLabels(labels, split.test);
    s.native = accuracyOn(head, gather(target, split.test), yTest);
    if (source.cols() == target.cols()) s.absolute = accuracyOn(head, gather(source, split.test), yTest);
    return head;
}

int classCount(const std::vector<int32_t>& labels, const StitchingOptions& options) {
    int c = 0;
    for (int32_t l : labels) c = std::max(c, static_cast<int>(l) + 1);
    if (options.head == HeadKind::Fixed && options.fixedHead)
        c = std::max(c, static_cast<int>(options.fixedHead->numClasses()));
    return c;
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
    std::vector<Index> pool;
    for (Index i = 0; i < m; ++i)
        if (!isAnchor[static_cast<size_t>(i)]) pool.push_back(i);
    if (pool.empty()) return invalidArgument("every matched row is an anchor: nothing left to test on");
    const Index nTest = std::clamp<Index>(static_cast<Index>(std::llround(testFraction * static_cast<double>(m))), 1,
                                          static_cast<Index>(pool.size()));
    const std::vector<Index> perm = seededPermutation(static_cast<Index>(pool.size()), seed);
    TrainTestSplit split;
    std::vector<char> isTest(static_cast<size_t>(m), 0);
    for (Index i = 0; i < nTest; ++i) isTest[static_cast<size_t>(pool[static_cast<size_t>(perm[static_cast<size_t>(i)])])] = 1;
    for (Index i = 0; i < m; ++i) (isTest[static_cast<size_t>(i)] ? split.test : split.train).push_back(i);
    return split;
}

Result<StitchingResult> evaluateStitching(const ConstRowMatrixRef& source, const ConstRowMatrixRef& target,
                                          const std::vector<int32_t>& labels, const std::vector<Index>& anchors,
                                          const StitchingOptions& options, JobContext& ctx) {
    if (Status st = checkInputs(source, target, labels, options); !st) return st;
    if (anchors.size() < 2) return invalidArgument("stitching needs at least 2 anchors");
    Result<TrainTestSplit> split = makeStitchingSplit(target.rows(), anchors, options.testFraction, options.seed);
    if (!split) return split.error();
    StitchingResult out;
    out.numClasses = classCount(labels, options);
    out.nTrain = static_cast<Index>(split->train.size());
    out.nTest = static_cast<Index>(split->test.size());
    out.k = static_cast<Index>(anchors.size());
    out.chance = majorityRate(gatherLabels(labels, split->test));
    Result<LinearClassifier> absHead =
        nativeAndAbsolute(source, target, labels, *split, out.numClasses, options, out.scores, out.warnings, ctx);
    if (!absHead) return absHead.error();
    Result<StitchingScores> anchored = anchoredScores(source, target, labels, anchors, *split, out.numClasses,
                                                      *absHead, options, out.warnings, ctx);
    if (!anchored) return anchored.error();
    anchored->native = out.scores.native;
    anchored->absolute = out.scores.absolute;
    out.scores = std::move(*anchored);
    return out;
}

Result<std::vector<StitchingCurvePoint>> stitchingCurve(const ConstRowMatrixRef& source,
                                                        const ConstRowMatrixRef& target,
                                                        const std::vector<int32_t>& labels,
                                                        const std::vector<Index>& ks, const StitchingOptions& options,
                                                        JobContext& ctx) {
    if (Status st = checkInputs(source, target, labels, options); !st) return st;
    Result<TrainTestSplit> split = makeStitchingSplit(target.rows(), {}, options.testFraction, options.seed);
    if (!split) return split.error();
    // Anchor pool = the train rows in one seeded order; K anchors = its first K (nested sets).
    const std::vector<Index> perm = seededPermutation(static_cast<Index>(split->train.size()), options.seed + 1);
    for (Index k : ks)
        if (k < 2 || k > static_cast<Index>(split->train.size()))
            return invalidArgument("anchor count " + std::to_string(k) + " must be in [2, " +
                                   std::to_string(split->train.size()) + "]");
    const int numClasses = classCount(labels, options);
    std::vector<Warning> warnings;
    StitchingScores base;
    Result<LinearClassifier> absHead =
        nativeAndAbsolute(source, target, labels, *split, numClasses, options, base, warnings, ctx);
    if (!absHead) return absHead.error();
    std::vector<StitchingCurvePoint> curve;
    for (Index k : ks) {
        std::vector<Index> anchors(static_cast<size_t>(k));
        for (Index i = 0; i < k; ++i) anchors[static_cast<size_t>(i)] = split->train[static_cast<size_t>(perm[static_cast<size_t>(i)])];
        Result<StitchingScores> s =
            anchoredScores(source, target, labels, anchors, *split, numClasses, *absHead, options, warnings, ctx);
        if (!s) return s.error();
        s->native = base.native;
        s->absolute = base.absolute;
        curve.push_back({k, std::move(*s)});
    }
    return curve;
}

Result<StitchingData> prepareStitchingData(const LatentSpace& source, const LatentSpace& target) {
    if (!source.hasLabels() && !target.hasLabels())
        return badInput(target.path, "stitching needs class labels (in the target or the source space)");
    Result<RowMatch> match = matchRows(source, target);
    if (!match) return match.error();
    StitchingData d;
    d.sourceRows = match->rowsA;
    d.targetRows = match->rowsB;
    d.byKey = match->byKey;
    d.source = gatherRows(source.embeddings.view(), d.sourceRows);
    d.target = gatherRows(target.embeddings.view(), d.targetRows);
    d.labels.resize(match->size());
    for (size_t i = 0; i < match->size(); ++i) {
        const Index rs = d.sourceRows[i], rt = d.targetRows[i];
        if (target.hasLabels() && source.hasLabels() &&
            target.labels[static_cast<size_t>(rt)] != source.labels[static_cast<size_t>(rs)])
            return badInput(source.path, "labels disagree with " + target.path,
                            "source row " + std::to_string(rs) + " has label " +
                                std::to_string(source.labels[static_cast<size_t>(rs)]) + ", target row " +
                                std::to_string(rt) + " has " + std::to_string(target.labels[static_cast<size_t>(rt)]));
        d.labels[i] = target.hasLabels() ? target.labels[static_cast<size_t>(rt)] : source.labels[static_cast<size_t>(rs)];
    }
    return d;
}

}  // namespace lb
