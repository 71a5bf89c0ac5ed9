// Golden values from tests/data/golden/make_golden_relative.py (an independent NumPy implementation of
// docs/methods.md §2, float64): translations and singular values for each estimator / scaling.

#include "core/io/npy.h"
#include "core/translate/translator.h"

#include "tests/support/golden_npy.h"
#include "tests/support/test_helpers.h"

#include <cstring>

using namespace lb;

TEST_CASE("translator matches the NumPy golden values", "[translate]") {
    struct Case {
        const char* name;
        TranslationMethod method;
        Scaling scaling;
        bool l2;
        double ridge;
    };
    const Case cases[] = {
        {"procrustes_standard", TranslationMethod::Procrustes, Scaling::Standard, false, 0.0},
        {"procrustes_none_l2", TranslationMethod::Procrustes, Scaling::None, true, 0.0},
        {"linear_center", TranslationMethod::Linear, Scaling::Center, false, 0.0},
        {"linear_ridge", TranslationMethod::Linear, Scaling::Standard, false, 0.5},
        {"linear_ortho_standard", TranslationMethod::LinearOrtho, Scaling::Standard, false, 0.0},
        {"affine_none_ridge", TranslationMethod::Affine, Scaling::None, false, 0.1},
        {"affine_standard", TranslationMethod::Affine, Scaling::Standard, false, 0.0},
    };
    const RowMatrixXf X = test::readGoldenNpy("tx").cast<float>();
    const RowMatrixXf Y = test::readGoldenNpy("ty").cast<float>();
    const Index k = 9;  // the script's anchors are the first 9 rows
    for (const Case& c : cases) {
        INFO(c.name);
        TranslationOptions o;
        o.method = c.method;
        o.scaling = c.scaling;
        o.l2 = c.l2;
        o.ridge = c.ridge;
        Result<Translator> t = Translator::fit(X.topRows(k), Y.topRows(k), o);
        REQUIRE(t.isOk());
        const RowMatrixXd want = test::readGoldenNpy(std::string("tr_") + c.name);
        const double scale = std::max(1.0, want.cwiseAbs().maxCoeff());
        test::requireNear(t->apply(X).cast<double>(), want, 5e-5 * scale);
        const RowMatrixXd sv = test::readGoldenNpy(std::string("tr_") + c.name + "_sv");
        test::requireNear(t->report().singularValues.cast<double>(), sv.col(0), 1e-4 * std::max(1.0, sv(0, 0)));
    }
}

TEST_CASE("affine is least squares with a free bias on the raw anchors, also with fewer anchors than dimensions",
          "[translate]") {
    const RowMatrixXf X = test::readGoldenNpy("tx").cast<float>();
    const RowMatrixXf Y = test::readGoldenNpy("ty").cast<float>();
    const Index k = 4;  // K = 4 anchors, D = 6: the minimum-norm W with an unpenalized bias
    TranslationOptions o;
    o.method = TranslationMethod::Affine;
    const RowMatrixXd want = test::readGoldenNpy("tr_affine_few");
    for (Scaling scaling : {Scaling::Standard, Scaling::Center, Scaling::None}) {
        for (bool l2 : {false, true}) {
            INFO("scaling " << scalingName(scaling) << " l2 " << l2 << ": neither applies to affine");
            o.scaling = scaling;
            o.l2 = l2;
            Result<Translator> t = Translator::fit(X.topRows(k), Y.topRows(k), o);
            REQUIRE(t.isOk());
            test::requireNear(t->apply(X).cast<double>(), want, 5e-5 * std::max(1.0, want.cwiseAbs().maxCoeff()));
            const RowMatrixXd sv = test::readGoldenNpy("tr_affine_few_sv");
            test::requireNear(t->report().singularValues.cast<double>(), sv.col(0), 1e-4 * std::max(1.0, sv(0, 0)));
        }
    }
    // The linear map on standardized anchors is another minimum-norm solution here: the two differ (NumPy agrees).
    o.method = TranslationMethod::Linear;
    o.scaling = Scaling::Standard;
    o.l2 = false;
    const RowMatrixXd linear = test::readGoldenNpy("tr_linear_few_standard");
    Result<Translator> lin = Translator::fit(X.topRows(k), Y.topRows(k), o);
    REQUIRE(lin.isOk());
    test::requireNear(lin->apply(X).cast<double>(), linear, 5e-5 * std::max(1.0, linear.cwiseAbs().maxCoeff()));
    REQUIRE((want - linear).cwiseAbs().maxCoeff() > 0.1);
}
