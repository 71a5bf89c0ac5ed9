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
