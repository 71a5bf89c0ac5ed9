// The stitching gallery (core/analysis/stitching_gallery.h): per-sample predictions that agree with the stitching
// matrix's accuracies, a seeded stratified choice of test samples, and cancellation.
#include "core/analysis/stitching_gallery.h"

#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace lb;

namespace {

// Two spaces of the same 300 samples with weakly separated classes: B = A·R plus noise, so that no method is
// perfect and the agreement of counts with accuracies is not 1 == 1.
Session noisySession(Index n = 300, Index d = 10) {
    RowMatrixXf a = test::randomMatrix(n, d, 11);
    for (Index i = 0; i < n; ++i) a(i, i % 3) += 1.2f;
    RowMatrixXf b = a * test::randomRotation(d, 5) + 0.8f * test::randomMatrix(n, d, 12);
    Session s;
    s.addSpace("a.npz", test::rotatedSpace("model_a", a, false));
    s.addSpace("b.npz", test::rotatedSpace("model_b", b, true));
    std::vector<Index> anchors;
    for (Index i = 0; i < 30; ++i) anchors.push_back(i * 7 + 2);
    s.setAnchors(anchors, "test anchors");
    return s;
}

double fraction(Index right, size_t n) {
    return static_cast<double>(right) / static_cast<double>(n);
}

// Cancels the job at its `after`-th progress report.
class CancelAfter : public JobContext {
   public:
    explicit CancelAfter(int after) : m_left(after) {}

   protected:
    void onProgress() override {
        if (--m_left == 0) cancel();
    }

   private:
    int m_left;
};

}  // namespace

TEST_CASE("computeStitchingGallery: the share of every test sample a method gets right is the matrix's accuracy",
          "[analysis][stitch][gallery]") {
    Session s = noisySession();
    StitchingMatrixInput in = stitchingMatrixInput(s);
    SECTION("every row") {}
    SECTION("a subsample of the rows (max rows)") {
        in.settings.maxRows = 150;
    }
    const StitchingMatrix m = computeStitchingMatrix(in).value();
    for (const auto& [src, tgt] : {std::pair<size_t, size_t>{0, 1}, {1, 0}}) {
        INFO(src << " -> " << tgt);
        StitchingGallerySettings g;
        g.source = src, g.target = tgt, g.samples = 100000;  // more than the test set: all of it
        const StitchingGallery gal = computeStitchingGallery(in, g).value();
        const StitchCell& cell = m.at(src, tgt);
        REQUIRE(cell.ok);
        REQUIRE(gal.nTest == cell.nTest);
        REQUIRE(static_cast<Index>(gal.samples.size()) == cell.nTest);
        REQUIRE(gal.k == cell.k);
        REQUIRE(gal.chance == cell.chance);
        const auto acc = [&](const char* name) { return fraction(gal.rightCount(name).value(), gal.samples.size()); };
        REQUIRE(acc("native") == Approx(cell.scores.native).margin(1e-12));
        REQUIRE(acc("absolute") == Approx(cell.scores.absolute.value()).margin(1e-12));
        REQUIRE(acc("relative") == Approx(cell.scores.relative.value()).margin(1e-12));
        for (int k : {2, 3, 4}) {
            const auto method = static_cast<StitchMethod>(k);
            INFO(stitchMethodName(method));
            REQUIRE(acc(stitchMethodName(method)) == Approx(m.value(src, tgt, method).value()).margin(1e-12));
        }
        // Not a trivial agreement: the methods are neither perfect nor at chance, and they differ.
        REQUIRE(cell.scores.absolute.value() < 0.8);
        REQUIRE(cell.scores.relative.value() > 0.5);
        REQUIRE(cell.scores.relative.value() < 1.0);
        // Each sample's label and rows are those of the spaces (labels = key number % 3 in both).
        for (const GallerySample& x : gal.samples) {
            const LatentSpace& a = s.space(src);
            const LatentSpace& b = s.space(tgt);
            REQUIRE(a.keys[static_cast<size_t>(x.sourceRow)] == b.keys[static_cast<size_t>(x.targetRow)]);
            REQUIRE(x.label == b.labels[static_cast<size_t>(x.targetRow)]);
            REQUIRE_FALSE(s.isAnchor(s.refRowOf(src, x.sourceRow)));  // test rows are never anchors
        }
    }
}

TEST_CASE("computeStitchingGallery: a seeded, stratified choice of samples", "[analysis][stitch][gallery]") {
    Session s = noisySession();
    const StitchingMatrixInput in = stitchingMatrixInput(s);
    StitchingGallerySettings g;
    g.samples = 12;
    const StitchingGallery first = computeStitchingGallery(in, g).value();
    const StitchingGallery again = computeStitchingGallery(in, g).value();
    REQUIRE(first.samples.size() == 12);
    std::vector<Index> rows, rowsAgain;
    for (const GallerySample& x : first.samples) rows.push_back(x.sourceRow);
    for (const GallerySample& x : again.samples) rowsAgain.push_back(x.sourceRow);
    REQUIRE(rows == rowsAgain);
    REQUIRE(std::set<Index>(rows.begin(), rows.end()).size() == rows.size());
    // Dealt class by class: 3 classes, each once in every round of three.
    std::map<int32_t, int> perClass;
    for (size_t i = 0; i < first.samples.size(); ++i) {
        REQUIRE(first.samples[i].label == static_cast<int32_t>(i % 3));
        ++perClass[first.samples[i].label];
    }
    REQUIRE(perClass.size() == 3);
    REQUIRE(perClass[0] == 4);
    // Another seed: other samples, the same accuracies (the split does not depend on the gallery's seed).
    g.seed = 1;
    const StitchingGallery shuffled = computeStitchingGallery(in, g).value();
    std::vector<Index> other;
    for (const GallerySample& x : shuffled.samples) other.push_back(x.sourceRow);
    REQUIRE(other != rows);
    REQUIRE(shuffled.scores.relative == first.scores.relative);
    REQUIRE(first.className(1) == "dog");
    const nlohmann::json j = toJson(first, &s.space(0));
    REQUIRE(j["samples"].size() == 12);
    REQUIRE(j["samples"][0]["key"] == s.space(0).keys[static_cast<size_t>(rows[0])]);
    REQUIRE(j["right"]["relative"] == first.rightCount("relative").value());
    REQUIRE(j["methods"].size() == 6);
}

TEST_CASE("computeStitchingGallery: bad requests and cancellation", "[analysis][stitch][gallery]") {
    Session s = noisySession();
    StitchingMatrixInput in = stitchingMatrixInput(s);
    StitchingGallerySettings g;
    g.target = 0;
    REQUIRE(computeStitchingGallery(in, g).error().code == ErrorCode::InvalidArgument);  // source == target
    g.target = 5;
    REQUIRE(computeStitchingGallery(in, g).error().code == ErrorCode::InvalidArgument);
    g.target = 1;
    for (int after : {1, 3, 6}) {
        INFO("cancelled at progress report " << after);
        CancelAfter ctx(after);
        REQUIRE(computeStitchingGallery(in, g, ctx).error().code == ErrorCode::Cancelled);
    }
    in.anchorRows = {{2}, {2}};  // one anchor: nothing to stitch with
    const Result<StitchingGallery> few = computeStitchingGallery(in, g);
    REQUIRE(few.error().code == ErrorCode::InvalidArgument);
    REQUIRE(few.error().message.find("2 anchors") != std::string::npos);
}
