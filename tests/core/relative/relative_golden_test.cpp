// Golden values from tests/data/golden/make_golden_relative.py (an independent NumPy implementation of
// docs/methods.md §1, float64): the library's float32 projection must match every case.

#include "core/io/npy.h"
#include "core/relative/relative_projection.h"

#include "tests/support/golden_npy.h"
#include "tests/support/test_helpers.h"

#include <cstring>

using namespace lb;

namespace {

struct Case {
    const char* name;
    std::vector<Similarity> sims;
    AbsoluteTransform transform;
    PostNormalization post;
    Aggregation aggregation;
};

}  // namespace

TEST_CASE("relative projection matches the NumPy golden values", "[relative]") {
    using S = Similarity;
    using T = AbsoluteTransform;
    using P = PostNormalization;
    const std::vector<Case> cases = {
        {"cosine_none", {S::Cosine}, T::None, P::None, Aggregation::Concat},
        {"angular_center", {S::Angular}, T::Center, P::None, Aggregation::Concat},
        {"euclidean_standard", {S::Euclidean}, T::Standard, P::None, Aggregation::Concat},
        {"l1_none", {S::L1}, T::None, P::None, Aggregation::Concat},
        {"linf_center_l2", {S::LInf}, T::Center, P::L2, Aggregation::Concat},
        {"cosine_standard_standardize", {S::Cosine}, T::Standard, P::Standardize, Aggregation::Concat},
        {"poi_concat_l2", {S::Cosine, S::Euclidean, S::L1}, T::None, P::L2, Aggregation::Concat},
        {"poi_sum_standardize", {S::Cosine, S::LInf}, T::Center, P::Standardize, Aggregation::Sum},
        {"whitened_none", {S::Whitened}, T::None, P::None, Aggregation::Concat},
        {"whitened_standard_l2", {S::Whitened}, T::Standard, P::L2, Aggregation::Concat},
        {"poi_whitened_cosine", {S::Whitened, S::Cosine}, T::None, P::None, Aggregation::Concat},
    };
    const RowMatrixXf X = test::readGoldenNpy("x").cast<float>();
    const RowMatrixXf A = test::readGoldenNpy("anchors").cast<float>();
    for (const Case& c : cases) {
        INFO(c.name);
        RelativeOptions o;
        o.similarities = c.sims;
        o.transform = c.transform;
        o.post = c.post;
        o.aggregation = c.aggregation;
        Result<RowMatrixXf> got = relativeProjection(X, A, o);
        REQUIRE(got.isOk());
        const RowMatrixXd want = test::readGoldenNpy(std::string("rel_") + c.name);
        const double scale = std::max(1.0, want.cwiseAbs().maxCoeff());
        test::requireNear(got->cast<double>(), want, 2e-5 * scale);
    }
}

TEST_CASE("whitened similarity with an invertible anchor covariance matches NumPy", "[relative]") {
    const RowMatrixXf X = test::readGoldenNpy("wx").cast<float>();
    const RowMatrixXf A = test::readGoldenNpy("wa").cast<float>();
    RelativeOptions o;
    o.similarities = {Similarity::Whitened};
    const RowMatrixXd want = test::readGoldenNpy("rel_whitened_full");
    test::requireNear(relativeProjection(X, A, o).value().cast<double>(), want,
                      2e-5 * std::max(1.0, want.cwiseAbs().maxCoeff()));
}
