// The translated stitching methods score source rows through the target head composed with an affine translator
// (LinearClassifier::afterAffine) instead of translating the rows first: the two must agree.
#include "core/stitch/stitching.h"
#include "core/translate/translator.h"

#include "tests/support/test_helpers.h"

#include <algorithm>

using namespace lb;
using namespace lb::test;

namespace {

// Gap between the two highest scores of row i, relative to the row's largest |score|.
double topTwoGap(const RowMatrixXf& s, Index i) {
    Eigen::RowVectorXf r = s.row(i);
    std::sort(r.data(), r.data() + r.size(), std::greater<float>());
    return (static_cast<double>(r(0)) - r(1)) / std::max(1.0, static_cast<double>(s.row(i).cwiseAbs().maxCoeff()));
}

}  // namespace

TEST_CASE("a head after an affine map scores like the head on the mapped rows", "[stitch]") {
    LinearClassifier head;
    head.W = randomMatrix(7, 24, 11);  // C = 7 classes of a 24-d target
    head.b = randomMatrix(7, 1, 12).col(0);
    const Eigen::MatrixXf map = randomMatrix(40, 24, 13);  // 40-d source -> 24-d target
    const Eigen::RowVectorXf offset = randomMatrix(1, 24, 14).row(0);
    const RowMatrixXf X = randomMatrix(500, 40, 15);
    RowMatrixXf mapped = X * map;
    mapped.rowwise() += offset;
    const RowMatrixXf direct = head.scores(mapped);
    const LinearClassifier composed = head.afterAffine(map, offset);
    REQUIRE(composed.dims() == 40);
    REQUIRE(composed.numClasses() == 7);
    const RowMatrixXf viaComposed = composed.scores(X);
    REQUIRE((viaComposed - direct).cwiseAbs().maxCoeff() <= 1e-4f * std::max(1.0f, direct.cwiseAbs().maxCoeff()));
    const std::vector<int32_t> a = head.predict(mapped), b = composed.predict(X);
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) REQUIRE(topTwoGap(direct, static_cast<Index>(i)) < 1e-4);  // only a float-rounding tie
}

TEST_CASE("translated stitching predictions equal the head on the translated test rows", "[stitch]") {
    const Index n = 800, c = 5, dt = 20, ds = 28;
    std::vector<int32_t> labels(static_cast<size_t>(n));
    const RowMatrixXf centers = 2.5f * randomMatrix(c, dt, 21);
    RowMatrixXf target = randomMatrix(n, dt, 22);
    for (Index i = 0; i < n; ++i) {
        labels[static_cast<size_t>(i)] = static_cast<int32_t>(i % c);
        target.row(i) += centers.row(i % c);
    }
    // A wider source: a linear image of the target plus noise, shifted and scaled per dimension.
    RowMatrixXf source = target * randomMatrix(dt, ds, 23) + 0.3f * randomMatrix(n, ds, 24);
    source.rowwise() += 5.0f * randomMatrix(1, ds, 25).row(0);
    std::vector<Index> anchors;
    for (Index i = 0; i < n; i += 8) anchors.push_back(i);  // 100 anchors
    for (Scaling scaling : {Scaling::Standard, Scaling::None}) {
        INFO("scaling " << scalingName(scaling));
        StitchingOptions o;
        o.seed = 4;
        o.translation.scaling = scaling;
        o.methods = {TranslationMethod::Procrustes, TranslationMethod::Linear, TranslationMethod::Affine};
        const StitchingTarget t = prepareStitchingTarget(target, labels, anchors, o).value();
        std::vector<Warning> warnings;
        const StitchingPredictions p = predictSource(t, source, o, warnings).value();
        RowMatrixXf srcTest(static_cast<Index>(t.split.test.size()), ds), srcAnchors(t.anchors.size(), ds);
        for (size_t i = 0; i < t.split.test.size(); ++i)
            srcTest.row(static_cast<Index>(i)) = source.row(t.split.test[i]);
        for (size_t i = 0; i < t.anchors.size(); ++i) srcAnchors.row(static_cast<Index>(i)) = source.row(t.anchors[i]);
        REQUIRE(p.translated.size() == o.methods.size());
        for (size_t m = 0; m < o.methods.size(); ++m) {
            INFO("method " << translationMethodName(o.methods[m]));
            TranslationOptions to = o.translation;
            to.method = o.methods[m];
            const Translator tr = Translator::fit(srcAnchors, t.anchorRows, to).value();
            REQUIRE(tr.affineMap().has_value());
            const RowMatrixXf direct = t.head.scores(tr.apply(srcTest));
            const std::vector<int32_t> expected = t.head.predict(tr.apply(srcTest));
            const std::vector<int32_t>& got = p.translated[m].second.value();
            REQUIRE(got.size() == expected.size());
            Index differ = 0;
            for (size_t i = 0; i < got.size(); ++i)
                if (got[i] != expected[i]) {
                    ++differ;
                    REQUIRE(topTwoGap(direct, static_cast<Index>(i)) < 1e-4);
                }
            CHECK(differ == 0);  // no near-tie in this data
        }
    }
}
