#include "core/stitch/stitching.h"

#include "core/metrics/retrieval.h"
#include "tests/support/test_helpers.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace lb;
using namespace lb::test;

namespace {

// C Gaussian class clusters in D dims; row i has label i % C.
RowMatrixXf classClusters(Index n, Index c, Index d, unsigned seed, std::vector<int32_t>& labels) {
    const RowMatrixXf centers = 2.5f * randomMatrix(c, d, seed);
    RowMatrixXf X = randomMatrix(n, d, seed + 1);
    labels.resize(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i) {
        labels[static_cast<size_t>(i)] = static_cast<int32_t>(i % c);
        X.row(i) += centers.row(i % c);
    }
    return X;
}

double translatedOf(const StitchingScores& s, TranslationMethod m) {
    for (const auto& [method, acc] : s.translated)
        if (method == m) return acc.value_or(-1.0);
    return -1.0;
}

}  // namespace

TEST_CASE("split: seeded, sized, and never tests an anchor", "[stitch]") {
    const std::vector<Index> anchors{0, 3, 5, 7, 11, 42};
    const TrainTestSplit a = makeStitchingSplit(100, anchors, 0.2, 9).value();
    const TrainTestSplit b = makeStitchingSplit(100, anchors, 0.2, 9).value();
    REQUIRE(a.test == b.test);
    REQUIRE(a.test.size() == 20);
    REQUIRE(a.train.size() == 80);
    for (Index t : a.test) REQUIRE(std::find(anchors.begin(), anchors.end(), t) == anchors.end());
    std::set<Index> all(a.train.begin(), a.train.end());
    all.insert(a.test.begin(), a.test.end());
    REQUIRE(all.size() == 100);
    REQUIRE(makeStitchingSplit(100, anchors, 0.2, 10).value().test != a.test);
    REQUIRE(makeStitchingSplit(100, anchors, 1.5, 9).error().code == ErrorCode::InvalidArgument);
    REQUIRE(makeStitchingSplit(3, {0, 1, 2}, 0.2, 9).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("stitching a rotated copy: relative and procrustes match native, absolute drops", "[stitch]") {
    std::vector<int32_t> labels;
    const RowMatrixXf target = classClusters(600, 5, 16, 51, labels);
    const RowMatrixXf source = 2.0f * (target * randomRotation(16, 52));  // rotation + isotropic scaling
    std::vector<Index> anchors;
    for (Index i = 0; i < 600; i += 10) anchors.push_back(i);  // 60 anchors
    for (HeadKind head : {HeadKind::Ridge, HeadKind::Logistic}) {
        INFO("head " << headKindName(head));
        StitchingOptions o;
        o.head = head;
        o.seed = 3;
        const StitchingResult r = evaluateStitching(source, target, labels, anchors, o).value();
        REQUIRE(r.nTest == 120);
        REQUIRE(r.k == 60);
        REQUIRE(r.numClasses == 5);
        REQUIRE(r.scores.native > 0.9);
        REQUIRE(r.scores.absolute.has_value());
        REQUIRE(*r.scores.absolute < r.scores.native - 0.3);
        REQUIRE(r.scores.relative.value() >= r.scores.relativeNative.value() - 0.02);
        REQUIRE(r.scores.relative.value() > r.scores.native - 0.08);
        REQUIRE(translatedOf(r.scores, TranslationMethod::Procrustes) >= r.scores.native - 0.02);
        REQUIRE(translatedOf(r.scores, TranslationMethod::Linear) >= r.scores.native - 0.05);
        REQUIRE(translatedOf(r.scores, TranslationMethod::Affine) >= r.scores.native - 0.05);
        REQUIRE(r.chance == Approx(0.2).margin(0.1));
    }
}

TEST_CASE("stitching across widths: absolute is absent, translation still works", "[stitch]") {
    std::vector<int32_t> labels;
    const RowMatrixXf target = classClusters(400, 4, 12, 61, labels);
    const RowMatrixXf source = target * randomMatrix(12, 20, 62);  // wider, linear image of the target
    std::vector<Index> anchors;
    for (Index i = 0; i < 400; i += 8) anchors.push_back(i);
    StitchingOptions o;
    const StitchingResult r = evaluateStitching(source, target, labels, anchors, o).value();
    REQUIRE_FALSE(r.scores.absolute.has_value());
    REQUIRE(translatedOf(r.scores, TranslationMethod::Linear) > r.scores.native - 0.05);

    SECTION("a fixed head of the wrong width is refused; the right one skips relative") {
        LinearClassifier head{RowMatrixXf::Zero(4, 5), Eigen::VectorXf::Zero(4)};
        o.head = HeadKind::Fixed;
        o.fixedHead = &head;
        REQUIRE(evaluateStitching(source, target, labels, anchors, o).error().code == ErrorCode::InvalidArgument);
        head.W = RowMatrixXf::Zero(4, 12);
        head.W(2, 0) = 1.0f;
        const StitchingResult f = evaluateStitching(source, target, labels, anchors, o).value();
        REQUIRE_FALSE(f.scores.relative.has_value());
        REQUIRE(f.scores.native >= 0.0);
        // Fewer classes than the labels have: refused, not scored.
        LinearClassifier small{RowMatrixXf::Zero(2, 12), Eigen::VectorXf::Zero(2)};
        o.fixedHead = &small;
        const Result<StitchingResult> refused = evaluateStitching(source, target, labels, anchors, o);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().message.find("not trained for these labels") != std::string::npos);
    }
}

TEST_CASE("accuracy vs anchors: nested anchors, shared test set, improving curve", "[stitch]") {
    std::vector<int32_t> labels;
    const RowMatrixXf target = classClusters(500, 5, 16, 71, labels);
    const RowMatrixXf source = target * randomRotation(16, 72);
    StitchingOptions o;
    o.methods = {TranslationMethod::Procrustes};
    const std::vector<StitchingCurvePoint> curve = stitchingCurve(source, target, labels, {4, 16, 64}, o).value();
    REQUIRE(curve.size() == 3);
    REQUIRE(curve[0].k == 4);
    REQUIRE(curve[2].scores.native == curve[0].scores.native);
    REQUIRE(translatedOf(curve[2].scores, TranslationMethod::Procrustes) >= curve[2].scores.native - 0.02);
    REQUIRE(curve[2].scores.relative.value() >= curve[0].scores.relative.value());
    REQUIRE(stitchingCurve(source, target, labels, {1}, o).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("prepareStitchingData matches by key and checks label agreement", "[stitch]") {
    LatentSpace a, b;
    a.path = "a.npy";
    b.path = "b.npy";
    a.embeddings = Embeddings(randomMatrix(4, 3, 1));
    b.embeddings = Embeddings(randomMatrix(3, 2, 2));
    a.keys = {"w", "x", "y", "z"};
    b.keys = {"z", "x", "q"};
    b.labels = {1, 0, 1};
    const StitchingData d = prepareStitchingData(a, b).value();
    REQUIRE(d.sourceRows == std::vector<Index>{1, 3});
    REQUIRE(d.targetRows == std::vector<Index>{1, 0});
    REQUIRE(d.labels == std::vector<int32_t>{0, 1});
    REQUIRE(d.target.row(1) == b.embeddings.view().row(0));
    // Rows only: the same match, no copies; matchedRows gathers them on demand, or views them when in order.
    const StitchingData rowsOnly = prepareStitchingData(a, b, StitchingRows::Only).value();
    REQUIRE(rowsOnly.targetRows == d.targetRows);
    REQUIRE(rowsOnly.source.size() == 0);
    RowMatrixXf storage;
    const ConstRowMatrixRef gathered = matchedRows(b, rowsOnly.targetRows, storage);
    REQUIRE(gathered.data() == storage.data());
    REQUIRE(gathered == d.target);
    const ConstRowMatrixRef view = matchedRows(a, {0, 1, 2, 3}, storage);
    REQUIRE(view.data() == a.embeddings.view().data());
    a.labels = {0, 0, 0, 0};
    REQUIRE(prepareStitchingData(a, b).error().code == ErrorCode::BadInput);
    a.labels.clear();
    b.labels.clear();
    REQUIRE(prepareStitchingData(a, b).error().code == ErrorCode::BadInput);
}

TEST_CASE("split: one anchor more or less moves at most one row between test and train", "[stitch]") {
    std::vector<Index> anchors{2, 9, 17, 40, 63};
    const TrainTestSplit before = makeStitchingSplit(200, anchors, 0.25, 4).value();
    for (Index added : {before.test[3], before.train[10]}) {  // a test row, then a train row, becomes an anchor
        CAPTURE(added);
        std::vector<Index> more = anchors;
        more.push_back(added);
        const TrainTestSplit after = makeStitchingSplit(200, more, 0.25, 4).value();
        REQUIRE(after.test.size() == before.test.size());
        std::vector<Index> gone;
        std::set_difference(before.test.begin(), before.test.end(), after.test.begin(), after.test.end(),
                            std::back_inserter(gone));
        REQUIRE(gone.size() <= 1);
        if (!gone.empty()) REQUIRE(gone[0] == added);
        REQUIRE(std::find(after.test.begin(), after.test.end(), added) == after.test.end());
    }
}

TEST_CASE("the relative head fitted on the compact representation scores like one fitted on all K columns",
          "[stitch]") {
    std::vector<int32_t> labels;
    const RowMatrixXf target = classClusters(500, 4, 10, 61, labels);
    const RowMatrixXf source = target * randomRotation(10, 62) + 0.1f * randomMatrix(500, 10, 63);
    std::vector<Index> anchors;
    for (Index i = 1; i < 500; i += 8) anchors.push_back(i);  // K = 63 > D = 10: compact
    StitchingOptions o;
    o.relative.post = PostNormalization::Standardize;
    o.relative.transform = AbsoluteTransform::Center;
    const StitchingTarget t = prepareStitchingTarget(target, labels, anchors, o).value();
    REQUIRE_FALSE(t.relativeTest.isFull());
    REQUIRE(t.relativeHead.has_value());
    // The same head fitted directly on the materialized N × K reps (independent path: relativeProjection).
    auto rows = [](const RowMatrixXf& X, const std::vector<Index>& idx) {
        RowMatrixXf out(static_cast<Index>(idx.size()), X.cols());
        for (size_t i = 0; i < idx.size(); ++i) out.row(static_cast<Index>(i)) = X.row(idx[i]);
        return out;
    };
    const RowMatrixXf relTarget = relativeProjection(target, rows(target, anchors), o.relative).value();
    std::vector<int32_t> yTrain;
    for (Index r : t.split.train) yTrain.push_back(labels[static_cast<size_t>(r)]);
    const RidgeFit full = fitRidgeHead(rows(relTarget, t.split.train), yTrain, o.ridge).value();
    requireNear(t.relativeHead->scores(t.relativeTest.Y), full.head.scores(rows(relTarget, t.split.test)), 2e-3);
    // And the source side: scores of the source's relative reps in the target head agree too.
    const RowMatrixXf relSource =
        relativeProjection(rows(source, t.split.test), rows(source, anchors), o.relative).value();
    const CompactRelative compactSource =
        compactRelative(rows(source, t.split.test), rows(source, anchors), o.relative).value();
    requireNear(t.relativeHead->scores(inBasisOf(compactSource, t.relativeTest)), full.head.scores(relSource), 2e-3);
    std::vector<Warning> warnings;
    const StitchingScores s = stitchSource(t, source, o, warnings).value();
    REQUIRE(s.relative.value() > 0.9);
    REQUIRE(s.relativeNative.value() > 0.9);
}

TEST_CASE("a target prepared for other anchors lends its native head when the split is the same", "[stitch]") {
    std::vector<int32_t> labels;
    const RowMatrixXf target = classClusters(400, 4, 8, 71, labels);
    std::vector<Index> anchors;
    for (Index i = 3; i < 400; i += 10) anchors.push_back(i);
    StitchingOptions o;
    StitchingTarget before = prepareStitchingTarget(target, labels, anchors, o).value();
    // Mark the earlier native accuracy, to see whether it is reused or recomputed.
    before.native = -1.0;
    const std::vector<Index>& test = before.split.test;
    // One more anchor that is a train row: same split, the native half is reused, the relative half is new.
    Index trainRow = 0;
    while (std::binary_search(test.begin(), test.end(), trainRow) ||
           std::find(anchors.begin(), anchors.end(), trainRow) != anchors.end())
        ++trainRow;
    std::vector<Index> more = anchors;
    more.push_back(trainRow);
    const StitchingTarget reused = prepareStitchingTarget(target, labels, more, o, silentJob(), &before).value();
    CHECK(reused.native == -1.0);
    CHECK(reused.split.test == before.split.test);
    CHECK(reused.anchors == more);
    const StitchingTarget fresh = prepareStitchingTarget(target, labels, more, o).value();
    requireNear(reused.head.W, fresh.head.W, 0.0);
    requireNear(reused.relativeTest.Y, fresh.relativeTest.Y, 0.0);
    CHECK(reused.relativeNative == fresh.relativeNative);
    // An anchor taken from the test rows changes the split: the native head is fitted again.
    std::vector<Index> fromTest = anchors;
    fromTest.push_back(test.front());
    const StitchingTarget refit = prepareStitchingTarget(target, labels, fromTest, o, silentJob(), &before).value();
    CHECK(refit.split.test != before.split.test);
    CHECK(refit.native >= 0.0);
}

TEST_CASE("stitching read block by block agrees with heads and translators on gathered copies", "[stitch]") {
    // Several blocks of rows (kCrossProductBlockRows) on each side; K < D, so the relative reps are the K
    // columns themselves. The reference gathers the train and test rows, fits the heads on the copies and
    // translates the test rows: what the evaluation did before it read the rows block by block.
    std::vector<int32_t> labels;
    const Index m = 12000, d = 12;
    const RowMatrixXf target = classClusters(m, 4, d, 101, labels);
    const RowMatrixXf source = target * randomRotation(d, 102) + 0.3f * randomMatrix(m, d, 103);
    std::vector<Index> anchors;
    for (Index i = 5; i < m; i += 1201) anchors.push_back(i);  // K = 10
    StitchingOptions o;
    const StitchingResult r = evaluateStitching(source, target, labels, anchors, o).value();
    const TrainTestSplit split = makeStitchingSplit(m, anchors, o.testFraction, o.seed).value();
    auto rows = [](const RowMatrixXf& X, const std::vector<Index>& idx) {
        RowMatrixXf out(static_cast<Index>(idx.size()), X.cols());
        for (size_t i = 0; i < idx.size(); ++i) out.row(static_cast<Index>(i)) = X.row(idx[i]);
        return out;
    };
    std::vector<int32_t> yTrain, yTest;
    for (Index i : split.train) yTrain.push_back(labels[static_cast<size_t>(i)]);
    for (Index i : split.test) yTest.push_back(labels[static_cast<size_t>(i)]);
    const double oneRow = 1.0 / static_cast<double>(yTest.size());  // a near tie may fall either way
    const LinearClassifier head = fitRidgeHead(rows(target, split.train), yTrain, o.ridge).value().head;
    const RowMatrixXf sourceTest = rows(source, split.test);
    CHECK(std::abs(r.scores.native - classificationAccuracy(head.predict(rows(target, split.test)), yTest)) <= oneRow);
    CHECK(std::abs(r.scores.absolute.value() - classificationAccuracy(head.predict(sourceTest), yTest)) <= oneRow);
    const RowMatrixXf relTarget = relativeProjection(target, rows(target, anchors), o.relative).value();
    RidgeOptions ro = o.ridge;
    ro.traceDims = static_cast<Index>(anchors.size());
    const LinearClassifier relHead = fitRidgeHead(rows(relTarget, split.train), yTrain, ro).value().head;
    const RowMatrixXf relSource = relativeProjection(sourceTest, rows(source, anchors), o.relative).value();
    CHECK(std::abs(r.scores.relativeNative.value() -
                   classificationAccuracy(relHead.predict(rows(relTarget, split.test)), yTest)) <= oneRow);
    CHECK(std::abs(r.scores.relative.value() - classificationAccuracy(relHead.predict(relSource), yTest)) <= oneRow);
    for (TranslationMethod method : o.methods) {
        CAPTURE(translationMethodName(method));
        TranslationOptions to = o.translation;
        to.method = method;
        const Translator tr = Translator::fit(rows(source, anchors), rows(target, anchors), to).value();
        CHECK(std::abs(translatedOf(r.scores, method) -
                       classificationAccuracy(head.predict(tr.apply(sourceTest)), yTest)) <= oneRow);
    }
    REQUIRE(r.scores.native > 0.9);
}
