// The stitching matrix (core/analysis/stitching_matrix.h): every ordered pair's zero-shot stitching, the work
// shared between pairs, partial results, and the same numbers as evaluateStitching of each pair alone.
#include "core/analysis/stitching_matrix.h"

#include "core/analysis/settings_json.h"
#include "core/jobs/concurrency.h"
#include "core/metrics/retrieval.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"
#include "core/stitch/ridge_head.h"
#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>

using namespace lb;

namespace {

// The rotated two-space session and its matrix input (ridge head, every method).
struct MatrixFixture {
    Session session;
    MatrixFixture() { test::fillRotatedSession(session); }
    StitchingMatrixInput input() const { return stitchingMatrixInput(session); }
};

StitchingOptions defaultOptions() {
    return stitchingOptions(StitchSettings{}, RelativeOptions{}, TranslationOptions{});
}

}  // namespace

TEST_CASE("computeStitchingMatrix: procrustes recovers a rotation; head files are found beside the space",
          "[analysis][stitch]") {
    MatrixFixture f;
    StitchingMatrixInput in = f.input();
    std::atomic<int> done{0};
    Result<StitchingMatrix> m = computeStitchingMatrix(in, silentJob(), &done);
    REQUIRE(m);
    REQUIRE(done.load() == 2);
    REQUIRE(m->value(1, 0, StitchMethod::Procrustes).value() ==
            Approx(m->value(0, 0, StitchMethod::Relative).value()).margin(0.01));
    REQUIRE(m->value(0, 0, StitchMethod::Absolute) == m->value(0, 0, StitchMethod::Linear));  // diagonal = native

    // Head files: every cell of a target without one says so.
    in.options.head = HeadKind::Fixed;
    std::atomic<int> doneFixed{0};
    Result<StitchingMatrix> fixed = computeStitchingMatrix(in, silentJob(), &doneFixed);
    REQUIRE(fixed);
    REQUIRE(doneFixed.load() == 2);  // the progress count covers the cells that had nothing to compute
    REQUIRE_FALSE(fixed->value(1, 0, StitchMethod::Procrustes));
    REQUIRE(fixed->whyAbsent(1, 0, StitchMethod::Procrustes).find("head file") != std::string::npos);

    test::TempDir dir;
    {
        std::ofstream(dir.file("space.npz")) << "x";
        std::ofstream(dir.file("space_head.npz")) << "x";
    }
    REQUIRE(headFileFor(dir.file("space.npz")) == dir.file("space_head.npz"));
    REQUIRE(headFileFor(dir.file("other.npz")).empty());
}

TEST_CASE("computeStitchingMatrix: before 2 anchors the diagonal shows native and the pairs absolute accuracy",
          "[analysis][stitch]") {
    // A session just opened has no anchors: the pairs cannot be stitched, but each target's own head can be
    // trained and tested. Checked against the head fitted here on the split that holds no anchor back.
    RowMatrixXf x = test::randomMatrix(300, 8, 5);
    for (Index i = 0; i < x.rows(); ++i) x(i, i % 3) += 2.0f;  // labels are row % 3 (rotatedSpace)
    StitchingMatrixInput in;
    in.spaces = {test::rotatedSpace("a", x, false), test::rotatedSpace("b", x * test::randomRotation(8, 4), true)};
    in.headFiles.resize(2);
    in.options = defaultOptions();
    for (const std::vector<Index>& anchors : {std::vector<Index>{}, std::vector<Index>{7}}) {
        INFO(anchors.size() << " anchors");
        std::vector<Index> inB;  // the same samples in b, whose rows are reversed
        for (Index r : anchors) inB.push_back(x.rows() - 1 - r);
        in.anchorRows = {anchors, inB};
        const StitchingMatrix m = computeStitchingMatrix(in, silentJob()).value();
        for (size_t t = 0; t < 2; ++t) {
            const StitchingData d = prepareStitchingData(*in.spaces[1 - t], *in.spaces[t]).value();
            const TrainTestSplit split =
                makeStitchingSplit(d.target.rows(), {}, in.options.testFraction, in.options.seed).value();
            std::vector<int32_t> yTrain, yTest;
            for (Index r : split.train) yTrain.push_back(d.labels[static_cast<size_t>(r)]);
            for (Index r : split.test) yTest.push_back(d.labels[static_cast<size_t>(r)]);
            RidgeOptions ro = in.options.ridge;
            ro.numClasses = 3;
            const LinearClassifier head =
                fitRidgeHead(
                    gatherRows(ConstRowMatrixMap(d.target.data(), d.target.rows(), d.target.cols()), split.train),
                    yTrain, ro)
                    .value()
                    .head;
            const double native = classificationAccuracy(
                head.predict(
                    gatherRows(ConstRowMatrixMap(d.target.data(), d.target.rows(), d.target.cols()), split.test)),
                yTest);
            REQUIRE(m.value(t, t, StitchMethod::Relative).has_value());
            CHECK(*m.value(t, t, StitchMethod::Relative) == Approx(native).margin(1e-12));
            CHECK(native > 0.5);  // the classes are separable: a real head, not chance
            CHECK_FALSE(m.value(1 - t, t, StitchMethod::Relative).has_value());
            CHECK_FALSE(m.value(1 - t, t, StitchMethod::Procrustes).has_value());
            CHECK(m.whyAbsent(1 - t, t, StitchMethod::Relative).find("2 anchors") != std::string::npos);
            // Absolute needs no anchors: the same head on the source's rows of the same test split.
            const double absolute = classificationAccuracy(
                head.predict(
                    gatherRows(ConstRowMatrixMap(d.source.data(), d.source.rows(), d.source.cols()), split.test)),
                yTest);
            REQUIRE(m.value(1 - t, t, StitchMethod::Absolute).has_value());
            CHECK(*m.value(1 - t, t, StitchMethod::Absolute) == Approx(absolute).margin(1e-12));
            CHECK(absolute < native - 0.2);  // a rotated space read by the unrotated head: far below native
            CHECK(m.at(1 - t, t).k == static_cast<Index>(anchors.size()));
        }
    }
}

TEST_CASE("computeStitchingMatrix: reusing the previous run's target sides and row matches gives the same matrix",
          "[analysis][stitch]") {
    MatrixFixture f;
    auto input = [&] { return f.input(); };
    const StitchingMatrix first = computeStitchingMatrix(input(), silentJob()).value();
    REQUIRE(first.prepared.size() == 2);  // one side per target
    // One more anchor, then the matrix with and without the first run's target sides.
    Index added = 0;
    while (f.session.isAnchor(added)) ++added;
    f.session.toggleAnchor(added);
    StitchingMatrixInput withPrevious = input();
    withPrevious.previous = first.prepared;
    REQUIRE(first.matches.size() == 2);  // one per ordered pair
    withPrevious.previousMatches = first.matches;
    const StitchingMatrix reused = computeStitchingMatrix(withPrevious, silentJob()).value();
    REQUIRE(reused.matches.size() == 2);
    for (size_t i = 0; i < 2; ++i) CHECK(reused.matches[i].data == first.matches[i].data);  // not matched again
    const StitchingMatrix fresh = computeStitchingMatrix(input(), silentJob()).value();
    for (size_t src = 0; src < 2; ++src)
        for (size_t tgt = 0; tgt < 2; ++tgt)
            for (int m = 0; m < kStitchMethods; ++m) {
                INFO(src << " -> " << tgt << " " << stitchMethodName(static_cast<StitchMethod>(m)));
                CHECK(reused.value(src, tgt, static_cast<StitchMethod>(m)) ==
                      fresh.value(src, tgt, static_cast<StitchMethod>(m)));
            }
    // Where the split did not change, the native accuracy is the first run's.
    for (const PreparedTarget& p : reused.prepared) {
        const auto match = std::find_if(first.prepared.begin(), first.prepared.end(),
                                        [&](const PreparedTarget& q) { return q.tgt == p.tgt; });
        REQUIRE(match != first.prepared.end());
        if (match->target->split.test == p.target->split.test) CHECK(p.target->native == match->target->native);
    }
    // A match is reused only for the same two space objects: a reloaded space is matched again.
    StitchingMatrixInput replaced = input();
    replaced.previousMatches = first.matches;
    replaced.spaces[1] = std::make_shared<const LatentSpace>(*replaced.spaces[1]);
    const StitchingMatrix rematched = computeStitchingMatrix(replaced, silentJob()).value();
    REQUIRE(rematched.matches.size() == 2);
    for (const MatchedPair& m : rematched.matches)
        for (const MatchedPair& old : first.matches) CHECK(m.data != old.data);
    // A result does not keep the spaces it matched alive: once the input lets go, the space is freed.
    const std::weak_ptr<const LatentSpace> watched = replaced.spaces[1];
    replaced = StitchingMatrixInput{};
    CHECK(watched.expired());
    StitchingMatrixInput again = input();
    again.previousMatches = rematched.matches;  // its pairs with the freed space match nothing
    const StitchingMatrix fresh2 = computeStitchingMatrix(again, silentJob()).value();
    for (const MatchedPair& m : fresh2.matches)
        for (const MatchedPair& old : rematched.matches) CHECK(m.data != old.data);
}

TEST_CASE("computeStitchingMatrix: every cell equals evaluateStitching of its pair", "[analysis][stitch]") {
    // The matrix shares work between pairs (one target side per target; a source's relative reps taken from
    // its own target side when rows, anchors and split agree: spaces a and b share one row order, c is
    // reversed); evaluateStitching computes each pair alone.
    RowMatrixXf x = test::randomMatrix(200, 8, 7);
    for (Index i = 0; i < x.rows(); ++i) x(i, i % 3) += 6.0f;
    const RowMatrixXf y = (x * test::randomRotation(8, 3)).leftCols(6);
    StitchingMatrixInput in;
    in.spaces = {test::rotatedSpace("a", x, false), test::rotatedSpace("b", y, false),
                 test::rotatedSpace("c", x, true)};
    std::vector<Index> anchors;  // rows of a and b; c holds them at n - 1 - row
    for (Index i = 0; i < 30; ++i) anchors.push_back(i * 6 + 2);
    std::vector<Index> reversed;
    for (Index r : anchors) reversed.push_back(x.rows() - 1 - r);
    in.anchorRows = {anchors, anchors, reversed};
    in.headFiles.resize(3);
    in.options = defaultOptions();
    const StitchingMatrix m = computeStitchingMatrix(in, silentJob()).value();
    for (size_t src = 0; src < 3; ++src)
        for (size_t tgt = 0; tgt < 3; ++tgt) {
            if (src == tgt) continue;
            const StitchingData d = prepareStitchingData(*in.spaces[src], *in.spaces[tgt]).value();
            // The anchors' positions among the matched rows, which follow the source's row order: its rows.
            const std::vector<Index>& positions = in.anchorRows[src];
            const StitchingResult alone =
                evaluateStitching(d.source, d.target, d.labels, positions, in.options).value();
            INFO(src << " -> " << tgt);
            REQUIRE(alone.scores.relative);
            CHECK(m.value(src, tgt, StitchMethod::Relative).value() == Approx(*alone.scores.relative).margin(1e-12));
            CHECK(m.value(tgt, tgt, StitchMethod::Relative).value() == Approx(alone.scores.native).margin(1e-12));
            for (const auto& [method, value] : alone.scores.translated) {
                const StitchMethod shown = method == TranslationMethod::Procrustes ? StitchMethod::Procrustes
                                           : method == TranslationMethod::Linear   ? StitchMethod::Linear
                                                                                   : StitchMethod::Affine;
                CHECK(m.value(src, tgt, shown) == value);
            }
        }
}

TEST_CASE("computeStitchingMatrix: the shown method first, then the others added, equals every method at once",
          "[analysis][stitch]") {
    MatrixFixture f;
    const StitchingMatrixInput full = f.input();
    const StitchingMatrix all = computeStitchingMatrix(full, silentJob()).value();
    REQUIRE(all.complete());
    for (int shown = 0; shown < kStitchMethods; ++shown) {
        const StitchMethod method = static_cast<StitchMethod>(shown);
        INFO("shown first: " << stitchMethodName(method));
        StitchingMatrixInput first = full;
        first.options = onlyMethod(full.options, method);
        StitchingMatrix m = computeStitchingMatrix(first, silentJob()).value();
        REQUIRE_FALSE(m.complete());
        for (int k = 0; k < kStitchMethods; ++k) {
            const StitchMethod other = static_cast<StitchMethod>(k);
            // The shown method (and absolute, one head application) are there; the others say they will come.
            CHECK(m.computed[static_cast<size_t>(k)] == (k == shown || other == StitchMethod::Absolute));
            if (!m.computed[static_cast<size_t>(k)]) {
                CHECK_FALSE(m.value(1, 0, other).has_value());
                CHECK(m.whyAbsent(1, 0, other).rfind("Not computed yet", 0) == 0);
            }
            CHECK(m.value(0, 0, other) == all.value(0, 0, other));  // native on the diagonal, always
        }
        CHECK(m.value(1, 0, method) == all.value(1, 0, method));
        // The rest, reusing the first run's target sides as the panel does.
        StitchingMatrixInput rest = full;
        rest.options = missingMethods(full.options, m);
        rest.previous = m.prepared;
        rest.previousMatches = m.matches;
        const StitchingMatrix more = computeStitchingMatrix(rest, silentJob()).value();
        for (int k = 0; k < kStitchMethods; ++k)
            CHECK(more.computed[static_cast<size_t>(k)] ==
                  (k != shown || k == static_cast<int>(StitchMethod::Absolute)));
        addMethods(m, more);
        REQUIRE(m.complete());
        for (size_t src = 0; src < 2; ++src)
            for (size_t tgt = 0; tgt < 2; ++tgt)
                for (int k = 0; k < kStitchMethods; ++k) {
                    INFO(src << " -> " << tgt << " " << stitchMethodName(static_cast<StitchMethod>(k)));
                    CHECK(m.value(src, tgt, static_cast<StitchMethod>(k)) ==
                          all.value(src, tgt, static_cast<StitchMethod>(k)));
                }
        CHECK(m.warnings == all.warnings);
        CHECK(m.prepared.size() == all.prepared.size());
    }
}

TEST_CASE("computeStitchingMatrix: only the asked pairs; toJson holds every method and the settings",
          "[analysis][stitch]") {
    MatrixFixture f;
    const StitchingMatrix all = computeStitchingMatrix(f.input(), silentJob()).value();
    StitchingMatrixInput one = f.input();
    one.onlyPairs = {{1, 0}};
    std::atomic<int> done{0};
    const StitchingMatrix m = computeStitchingMatrix(one, silentJob(), &done).value();
    CHECK(done.load() == 1);
    for (int k = 0; k < kStitchMethods; ++k) {
        const auto method = static_cast<StitchMethod>(k);
        CHECK(m.value(1, 0, method) == all.value(1, 0, method));
        CHECK(m.value(0, 0, method) == all.value(0, 0, method));  // the target's native
        CHECK_FALSE(m.value(0, 1, method).has_value());           // not asked
    }
    CHECK(m.at(1, 0).nTrain + m.at(1, 0).nTest == 240);
    CHECK(m.at(1, 0).numClasses == 3);
    const nlohmann::json j = toJson(all);
    CHECK(j["names"] == nlohmann::json({"model_a", "model_b"}));
    REQUIRE(j["methods"].size() == kStitchMethods);
    CHECK(j["methods"]["procrustes"][1][0].get<double>() == all.value(1, 0, StitchMethod::Procrustes).value());
    CHECK(j["native"][1].get<double>() == all.at(1, 1).scores.native);
    CHECK(j["anchors"] == 40);
    CHECK(j["settings"]["stitching"] == toJson(StitchSettings{}));
    CHECK(j["settings"]["translation"]["scaling"] == "center");
}

TEST_CASE("computeStitchingMatrix: the same bits whatever the caller's OpenMP thread count", "[analysis][stitch]") {
    Session s;
    test::fillRotatedSession(s, 3000, 24, 20);
    nlohmann::json results[2];
    for (int threads : {1, 2}) {
        const ScopedOmpThreads scope(threads);
        results[threads - 1] = toJson(computeStitchingMatrix(stitchingMatrixInput(s)).value());
    }
    CHECK(results[0] == results[1]);
}

TEST_CASE(
    "computeStitchingMatrix: a row subsample evaluates the anchors and maxRows other rows, as on those rows alone",
    "[analysis][stitch]") {
    RowMatrixXf x = test::randomMatrix(200, 8, 7);
    for (Index i = 0; i < x.rows(); ++i) x(i, i % 3) += 6.0f;
    const RowMatrixXf y = (x * test::randomRotation(8, 3)).leftCols(6);
    StitchingMatrixInput in;
    in.spaces = {test::rotatedSpace("a", x, false), test::rotatedSpace("b", y, false)};
    std::vector<Index> anchors;
    for (Index i = 0; i < 30; ++i) anchors.push_back(i * 6 + 2);
    in.anchorRows = {anchors, anchors};
    in.headFiles.resize(2);
    in.options = defaultOptions();
    const StitchingMatrix all = computeStitchingMatrix(in, silentJob()).value();
    in.settings.maxRows = 1000;  // more than there are: every row
    CHECK(toJson(computeStitchingMatrix(in, silentJob()).value())["methods"] == toJson(all)["methods"]);

    in.settings.maxRows = 60;
    in.settings.seed = 5;
    in.options.seed = 5;
    const StitchingMatrix sub = computeStitchingMatrix(in, silentJob()).value();
    CHECK(sub.at(0, 1).nTrain + sub.at(0, 1).nTest == 90);
    CHECK(sub.at(0, 1).k == 30);
    // The same rows, by the documented rule: the anchors, and the first 60 other rows of the seeded permutation.
    std::vector<char> keep(200, 0);
    for (Index a : anchors) keep[static_cast<size_t>(a)] = 1;
    Index taken = 0;
    for (Index p : seededPermutation(200, 5))
        if (taken < 60 && !keep[static_cast<size_t>(p)]) keep[static_cast<size_t>(p)] = 1, ++taken;
    std::vector<Index> rows, positions;
    for (Index i = 0; i < 200; ++i) {
        if (!keep[static_cast<size_t>(i)]) continue;
        if (std::find(anchors.begin(), anchors.end(), i) != anchors.end())
            positions.push_back(static_cast<Index>(rows.size()));
        rows.push_back(i);
    }
    const StitchingData d = prepareStitchingData(*in.spaces[0], *in.spaces[1]).value();
    std::vector<int32_t> labels;
    for (Index r : rows) labels.push_back(d.labels[static_cast<size_t>(r)]);
    // Anchor positions in the anchors' order (as the matrix passes them).
    std::vector<Index> anchorPositions;
    for (Index a : anchors)
        anchorPositions.push_back(static_cast<Index>(std::lower_bound(rows.begin(), rows.end(), a) - rows.begin()));
    const StitchingResult alone =
        evaluateStitching(gatherRows(ConstRowMatrixMap(d.source.data(), d.source.rows(), d.source.cols()), rows),
                          gatherRows(ConstRowMatrixMap(d.target.data(), d.target.rows(), d.target.cols()), rows),
                          labels, anchorPositions, in.options)
            .value();
    CHECK(sub.value(0, 1, StitchMethod::Relative).value() == Approx(*alone.scores.relative).margin(1e-12));
    CHECK(sub.value(1, 1, StitchMethod::Relative).value() == Approx(alone.scores.native).margin(1e-12));
    CHECK(toJson(sub)["settings"]["stitching"]["rows"] == 60);
}
