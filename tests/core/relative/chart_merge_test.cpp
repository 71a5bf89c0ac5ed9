// Merging charts into an atlas (core/relative/chart_merge.h): the atlas of an independent NumPy implementation,
// its invariance to rotating and rescaling a chart, the mean over charts that encode a sample, the evaluation's
// held-out set, and refusals.
#include "core/relative/chart_merge.h"

#include "tests/support/golden_text.h"
#include "tests/support/test_helpers.h"
#include "tests/support/test_paths.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace lb;

namespace {

std::vector<std::string> readLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

LatentSpace chart(const RowMatrixXf& x, std::vector<std::string> keys, const std::string& path,
                  std::vector<int32_t> labels = {}) {
    LatentSpace s;
    s.path = path;
    s.name = path;
    s.keys = std::move(keys);
    s.labels = std::move(labels);
    s.embeddings = Embeddings(RowMatrixXf(x));
    return s;
}

std::vector<std::string> keysFrom(int first, int last) {
    std::vector<std::string> k;
    for (int i = first; i <= last; ++i) k.push_back("s" + std::to_string(i));
    return k;
}

}  // namespace

TEST_CASE("atlas: the NumPy golden rows", "[relative][atlas]") {
    std::vector<LatentSpace> charts;
    for (int c = 0; c < 3; ++c) {
        const std::string base = "golden/atlas/chart" + std::to_string(c);
        charts.push_back(chart(test::readTextMatrix(test::dataPath(base + ".txt")).cast<float>(),
                               readLines(test::dataPath(base + "_keys.txt")), base));
    }
    const std::vector<std::string> anchors = readLines(test::dataPath("golden/atlas/anchors.txt"));
    const Atlas atlas = mergeCharts({&charts[0], &charts[1], &charts[2]}, anchors, RelativeOptions{}).value();
    CHECK(atlas.keys == readLines(test::dataPath("golden/atlas/atlas_keys.txt")));
    const RowMatrixXd expected = test::readTextMatrix(test::dataPath("golden/atlas/atlas.txt"));
    test::requireNear(RowMatrixXd(atlas.rows.cast<double>()), expected, 1e-5);
    // s0 is in all three charts, s15 in two, s33 in one.
    const auto rowOf = [&](const std::string& key) {
        return std::find(atlas.keys.begin(), atlas.keys.end(), key) - atlas.keys.begin();
    };
    CHECK(atlas.charts[static_cast<size_t>(rowOf("s0"))] == 3);
    CHECK(atlas.charts[static_cast<size_t>(rowOf("s15"))] == 2);
    CHECK(atlas.charts[static_cast<size_t>(rowOf("s33"))] == 1);
    CHECK(atlas.anchorRows.size() == 5);
}

TEST_CASE("atlas: a rotated, rescaled chart gives the same atlas; a copy of a chart adds nothing",
          "[relative][atlas]") {
    const RowMatrixXf a = test::randomMatrix(40, 6, 3), b = test::randomMatrix(30, 5, 4);
    const LatentSpace c0 = chart(a, keysFrom(0, 39), "c0"), c1 = chart(b, keysFrom(20, 49), "c1");
    const LatentSpace c1Rotated = chart(2.5f * b * test::randomRotation(5, 9), keysFrom(20, 49), "c1r");
    const std::vector<std::string> anchors{"s20", "s22", "s25", "s30", "s33", "s37"};
    const Atlas base = mergeCharts({&c0, &c1}, anchors, RelativeOptions{}).value();
    const Atlas rotated = mergeCharts({&c0, &c1Rotated}, anchors, RelativeOptions{}).value();
    test::requireNear(rotated.rows, base.rows, 1e-5);
    CHECK(base.rows.rows() == 50);
    CHECK(base.rows.cols() == 6);
    // Merging a chart with itself: every sample's mean is its own relative row.
    const Atlas twice = mergeCharts({&c0, &c0}, anchors, RelativeOptions{}).value();
    const RowMatrixXf own =
        relativeProjection(a, a(std::vector<Index>{20, 22, 25, 30, 33, 37}, Eigen::all), RelativeOptions{}).value();
    test::requireNear(twice.rows, own, 1e-6);
}

TEST_CASE("atlas evaluation: one held-out set, heads alone and on the atlas", "[relative][atlas]") {
    // Two charts of one labelled space, B a rotation of A on the samples both see: the atlas head must do as well as
    // each chart alone, on the same held-out samples.
    const Index n = 300;
    RowMatrixXf x = test::randomMatrix(n, 8, 5);
    std::vector<int32_t> labels;
    for (Index i = 0; i < n; ++i) {
        labels.push_back(static_cast<int32_t>(i % 3));
        x(i, i % 3) += 4.0f;
    }
    const RowMatrixXf y = x * test::randomRotation(8, 6);
    const LatentSpace c0 = chart(x.topRows(200), keysFrom(0, 199), "c0", {labels.begin(), labels.begin() + 200});
    const LatentSpace c1 = chart(y.bottomRows(200), keysFrom(100, 299), "c1", {labels.begin() + 100, labels.end()});
    std::vector<std::string> anchors;
    for (int i = 100; i < 200; i += 4) anchors.push_back("s" + std::to_string(i));
    const Atlas atlas = mergeCharts({&c0, &c1}, anchors, RelativeOptions{}).value();
    const AtlasEvaluation ev = evaluateAtlas({&c0, &c1}, atlas, RelativeOptions{}, AtlasEvaluationSettings{}).value();
    CHECK(ev.nTest == 55);  // 20 % of the 275 non-anchor samples
    CHECK(ev.nTrain + ev.nTest == 300);
    REQUIRE(ev.charts.size() == 2);
    CHECK(ev.charts[0].nTest + ev.charts[1].nTest >= ev.nTest);  // shared samples count for both charts
    for (const ChartScores& s : ev.charts) {
        CHECK(s.classes == 3);
        CHECK(s.absolute > 0.9);
        CHECK(s.atlas > 0.9);
    }
    CHECK(ev.atlasOverall > 0.9);
}

TEST_CASE("atlas against a reference space: charts cut from one space match it exactly", "[relative][atlas]") {
    // Two charts are rotated, rescaled views of parts of one space X; X itself is the reference. Every chart's relative
    // rows then equal X's, so does their mean: cosine 1 and CKA 1 everywhere. A reference made of other rows is not.
    const RowMatrixXf x = test::randomMatrix(60, 7, 21);
    const LatentSpace c0 = chart(x.topRows(40), keysFrom(0, 39), "c0");
    const LatentSpace c1 = chart(3.0f * x.bottomRows(40) * test::randomRotation(7, 22), keysFrom(20, 59), "c1");
    const LatentSpace ref = chart(x, keysFrom(0, 59), "ref");
    const std::vector<std::string> anchors{"s20", "s24", "s28", "s31", "s35", "s39", "s30", "s33"};
    const Atlas atlas = mergeCharts({&c0, &c1}, anchors, RelativeOptions{}).value();
    const AtlasReferenceComparison same = compareAtlasToReference({&c0, &c1}, atlas, ref, RelativeOptions{}).value();
    CHECK(same.n == 60);
    CHECK(same.meanCosine == Approx(1.0).margin(1e-5));
    CHECK(same.linearCka == Approx(1.0).margin(1e-5));
    REQUIRE(same.charts.size() == 2);
    CHECK(same.charts[0].n == 40);
    CHECK(same.charts[1].chartCosine == Approx(1.0).margin(1e-5));
    CHECK(same.charts[1].atlasCosine == Approx(1.0).margin(1e-5));
    CHECK(same.charts[0].chartCka == Approx(1.0).margin(1e-5));
    CHECK(same.charts[0].atlasCka == Approx(1.0).margin(1e-5));
    // A reference of only some samples: only those count.
    const LatentSpace part = chart(x.middleRows(10, 30), keysFrom(10, 39), "part");
    const AtlasReferenceComparison partial =
        compareAtlasToReference({&c0, &c1}, atlas, part, RelativeOptions{}).value();
    CHECK(partial.n == 30);
    CHECK(partial.charts[0].n == 30);
    CHECK(partial.charts[1].n == 20);
    // Another space's rows under the same keys: far from 1.
    const LatentSpace other = chart(test::randomMatrix(60, 7, 23), keysFrom(0, 59), "other");
    const AtlasReferenceComparison unrelated =
        compareAtlasToReference({&c0, &c1}, atlas, other, RelativeOptions{}).value();
    CHECK(unrelated.meanCosine < 0.9);
    CHECK(unrelated.linearCka < 0.9);
    CHECK(unrelated.charts[0].chartCka < 0.9);
    // Refusals: no keys, an anchor missing.
    const LatentSpace noKeys = chart(x, {}, "nokeys");
    CHECK(compareAtlasToReference({&c0, &c1}, atlas, noKeys, RelativeOptions{}).error().code ==
          ErrorCode::InvalidArgument);
    const LatentSpace noAnchor = chart(x.topRows(20), keysFrom(0, 19), "noanchor");
    const Error e = compareAtlasToReference({&c0, &c1}, atlas, noAnchor, RelativeOptions{}).error();
    CHECK(e.code == ErrorCode::InvalidArgument);
    CHECK(e.message.find("noanchor") != std::string::npos);
}

TEST_CASE("atlas: refusals", "[relative][atlas]") {
    const RowMatrixXf a = test::randomMatrix(10, 3, 7);
    const LatentSpace c0 = chart(a, keysFrom(0, 9), "c0.npz", std::vector<int32_t>(10, 0));
    const LatentSpace c1 = chart(a, keysFrom(5, 14), "c1.npz", std::vector<int32_t>(10, 1));
    const LatentSpace noKeys = chart(a, {}, "nokeys.npz");
    CHECK(mergeCharts({&c0}, {"s5"}, RelativeOptions{}).error().code == ErrorCode::InvalidArgument);
    CHECK(mergeCharts({&c0, &noKeys}, {"s5"}, RelativeOptions{}).error().code == ErrorCode::InvalidArgument);
    CHECK(mergeCharts({&c0, &c1}, {"s1"}, RelativeOptions{}).error().code == ErrorCode::InvalidArgument);
    CHECK(mergeCharts({&c0, &c1}, {"s5", "s5"}, RelativeOptions{}).error().code == ErrorCode::InvalidArgument);
    const Error e = mergeCharts({&c0, &c1}, {"s5"}, RelativeOptions{}).error();  // s5..s9 labelled 0 and 1
    CHECK(e.code == ErrorCode::BadInput);
    CHECK(e.message.find("c0.npz") != std::string::npos);
    JobContext cancelled;
    cancelled.cancel();
    const LatentSpace c2 = chart(a, keysFrom(5, 14), "c2.npz");
    CHECK(mergeCharts({&c0, &c2}, {"s5"}, RelativeOptions{}, cancelled).error().code == ErrorCode::Cancelled);
}
