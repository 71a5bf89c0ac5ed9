#include "core/stitch/stitching.h"

#include "core/space/label_alignment.h"

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

bool parseHeadKind(const std::string& name, HeadKind& out) {
    for (HeadKind h : {HeadKind::Ridge, HeadKind::Logistic, HeadKind::Fixed})
        if (name == headKindName(h)) return out = h, true;
    return false;
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

// traceDims: the ridge λ's D for a compact relative representation (RidgeOptions::traceDims).
Result<LinearClassifier> trainHead(const ConstRowMatrixRef& X, const std::vector<int32_t>& y, int numClasses,
                                   const StitchingOptions& options, std::vector<Warning>& warnings, JobContext& ctx,
                                   Index traceDims = 0) {
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
    ro.traceDims = traceDims;
    Result<RidgeFit> fit = fitRidgeHead(X, y, ro, ctx);
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
        Result<LinearClassifier> trained = trainHead(gather(target, t.split.train), gatherLabels(labels, t.split.train),
                                                     t.numClasses, options, t.warnings, ctx);
        if (!trained) return trained.error();
        t.head = std::move(*trained);
    }
    t.nativePredicted = t.head.predict(gather(target, t.split.test));
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
// relative representation (one compact representation of all M rows, O(M·D²) for cosine, then the head on r
// columns instead of K).
Status relativeSide(StitchingTarget& t, const ConstRowMatrixRef& target, const std::vector<int32_t>& labels,
                    const std::vector<Index>& anchors, const StitchingOptions& options, JobContext& ctx) {
    t.anchors = anchors;
    t.anchorRows = gather(target, anchors);
    t.relativeHead.reset();
    t.relativeNative.reset();
    t.relativeNativePredicted.clear();
    if (options.head == HeadKind::Fixed || !options.withRelative) return Status::ok();
    Result<CompactRelative> rel = compactRelative(target, t.anchorRows, options.relative, ctx);
    if (!rel) return rel.error();
    Result<LinearClassifier> head = trainHead(gather(rel->Y, t.split.train), gatherLabels(labels, t.split.train),
                                              t.numClasses, options, t.warnings, ctx, rel->k);
    if (!head) return head.error();
    t.relativeTest.Y = gather(rel->Y, t.split.test);
    t.relativeTest.Q = std::move(rel->Q);
    t.relativeTest.k = rel->k;
    t.relativeNativePredicted = head->predict(t.relativeTest.Y);
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

StitchingScores scoresOf(const StitchingPredictions& p, const std::vector<int32_t>& yTest) {
    const auto accuracy = [&](const std::optional<std::vector<int32_t>>& v) -> std::optional<double> {
        if (!v) return std::nullopt;
        return classificationAccuracy(*v, yTest);
    };
    StitchingScores s;
    s.native = classificationAccuracy(p.native, yTest);
    s.absolute = accuracy(p.absolute);
    s.relative = accuracy(p.relative);
    s.relativeNative = accuracy(p.relativeNative);
    for (const auto& [method, v] : p.translated) s.translated.emplace_back(method, accuracy(v));
    return s;
}

Result<StitchingPredictions> predictSource(const StitchingTarget& t, const ConstRowMatrixRef& source,
                                           const StitchingOptions& options, std::vector<Warning>& warnings,
                                           JobContext& ctx, const CompactRelative* sourceRelativeTest) {
    const Index m = static_cast<Index>(t.split.train.size() + t.split.test.size());
    if (source.rows() != m)
        return invalidArgument("stitching needs matched source and target rows (" + std::to_string(source.rows()) +
                               " vs " + std::to_string(m) + ")");
    StitchingPredictions p;
    p.native = t.nativePredicted;
    const RowMatrixXf srcTest = gather(source, t.split.test);
    if (source.cols() == t.anchorRows.cols()) p.absolute = t.head.predict(srcTest);
    if (t.relativeHead) {
        std::optional<CompactRelative> computed;
        if (!sourceRelativeTest) {
            Result<CompactRelative> r = compactRelative(srcTest, gather(source, t.anchors), options.relative, ctx);
            if (!r) return r.error();
            computed = std::move(*r);
        }
        const CompactRelative& rel = sourceRelativeTest ? *sourceRelativeTest : *computed;
        p.relative = t.relativeHead->predict(inBasisOf(rel, t.relativeTest));
        p.relativeNative = t.relativeNativePredicted;
    }
    if (options.methods.empty()) return p;  // e.g. the relative method alone (StitchingOptions::withRelative)
    // One fit for all methods: they share the scaled anchors and, for linear and affine, the solution.
    std::vector<Result<Translator>> fits = Translator::fitEach(
        gather(source, t.anchors), t.anchorRows, options.translation, options.methods, ctx, FitReport::Skip);
    for (size_t i = 0; i < fits.size(); ++i) {
        const TranslationMethod method = options.methods[i];
        const Result<Translator>& tr = fits[i];
        if (!tr) {
            if (tr.error().code == ErrorCode::Cancelled) return tr.error();
            warnings.push_back({std::string(translationMethodName(method)) + " translator: " + tr.error().message, {}});
            p.translated.emplace_back(method, std::nullopt);
            continue;
        }
        for (const Warning& w : tr->warnings())  // once each (dead dimensions are the same for every method)
            if (std::none_of(warnings.begin(), warnings.end(),
                             [&](const Warning& o) { return o.message == w.message; }))
                warnings.push_back(w);
        // Affine and linear on centered anchors are one map: its predictions are the same, without a second pass.
        const std::vector<int32_t>* same = nullptr;
        for (size_t j = 0; j < i && !same; ++j)
            if (fits[j] && p.translated[j].second && fits[j]->sameMapping(*tr)) same = &*p.translated[j].second;
        if (same) {
            p.translated.emplace_back(method, *same);
        } else if (const std::optional<Translator::AffineMap> a = tr->affineMap()) {
            // The head composed with the map scores the source rows directly: no translated copy of the test
            // rows (N_test x D_t) and O(N_test·D_s·C) instead of O(N_test·D_s·D_t).
            p.translated.emplace_back(method, t.head.afterAffine(a->map, a->offset).predict(srcTest));
        } else {
            p.translated.emplace_back(method, t.head.predict(tr->apply(srcTest)));
        }
    }
    return p;
}

Result<StitchingScores> stitchSource(const StitchingTarget& t, const ConstRowMatrixRef& source,
                                     const StitchingOptions& options, std::vector<Warning>& warnings, JobContext& ctx,
                                     const CompactRelative* sourceRelativeTest) {
    Result<StitchingPredictions> p = predictSource(t, source, options, warnings, ctx, sourceRelativeTest);
    if (!p) return p.error();
    StitchingScores s = scoresOf(*p, t.yTest);
    s.native = t.native;  // the same value; kept exact for a target whose native side was reused
    return s;
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

ConstRowMatrixRef matchedRows(const LatentSpace& space, const std::vector<Index>& rows, RowMatrixXf& storage) {
    const ConstRowMatrixMap all = space.embeddings.view();
    bool identity = static_cast<Index>(rows.size()) == all.rows();
    for (size_t i = 0; identity && i < rows.size(); ++i) identity = rows[i] == static_cast<Index>(i);
    if (identity) return ConstRowMatrixRef(all);
    storage = gatherRows(all, rows);
    return ConstRowMatrixRef(storage);
}

Result<StitchingData> prepareStitchingData(const LatentSpace& source, const LatentSpace& target, StitchingRows rows) {
    if (!source.hasLabels() && !target.hasLabels())
        return badInput(target.path, "stitching needs class labels (in the target or the source space)");
    Result<RowMatch> match = matchRows(source, target);
    if (!match) return match.error();
    StitchingData d;
    d.sourceRows = match->rowsA;
    d.targetRows = match->rowsB;
    d.byKey = match->byKey;
    if (rows == StitchingRows::Gather) {
        d.source = gatherRows(source.embeddings.view(), d.sourceRows);
        d.target = gatherRows(target.embeddings.view(), d.targetRows);
    }
    // Classes are identified by name when both spaces carry names: source ids are renumbered into the target's.
    Result<std::vector<int32_t>> sourceLabels = sourceLabelsInTargetIds(source, target);
    if (!sourceLabels) return sourceLabels.error();
    const auto className = [](const LatentSpace& s, int32_t l) {
        const bool named = l >= 0 && static_cast<size_t>(l) < s.labelNames.size();
        return named ? "\"" + s.labelNames[static_cast<size_t>(l)] + "\"" : std::to_string(l);
    };
    d.labels.resize(match->size());
    for (size_t i = 0; i < match->size(); ++i) {
        const Index rs = d.sourceRows[i], rt = d.targetRows[i];
        const int32_t ls = source.hasLabels() ? (*sourceLabels)[static_cast<size_t>(rs)] : -1;
        if (target.hasLabels() && source.hasLabels() && target.labels[static_cast<size_t>(rt)] != ls)
            return badInput(source.path, "labels disagree between " + source.path + " and " + target.path,
                            "source row " + std::to_string(rs) + " has label " +
                                className(source, source.labels[static_cast<size_t>(rs)]) + ", target row " +
                                std::to_string(rt) + " has " +
                                className(target, target.labels[static_cast<size_t>(rt)]) +
                                "; the same sample must have the same class in both files (fix the labels, or "
                                "give both files label names so classes are matched by name)");
        d.labels[i] = target.hasLabels() ? target.labels[static_cast<size_t>(rt)] : ls;
    }
    return d;
}

}  // namespace lb
