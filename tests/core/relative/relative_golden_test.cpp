// Golden values from tests/data/golden/make_golden_relative.py (an independent NumPy implementation of
// docs/methods.md §1, float64): the library's float32 projection must match every case.

#include "core/io/npy.h"
#include "core/relative/relative_projection.h"

#include "tests/support/test_helpers.h"

#include <cstring>

using namespace lb;

namespace {

// Reads a little-endian C-order float32 or float64 .npy into a double matrix (rank 1 -> one column).
RowMatrixXd readGolden(const std::string& name) {
    const std::string path = test::dataPath("golden/relative/" + name + ".npy");
    Result<NpyArray> a = readNpyFile(path);
    INFO(path);
    REQUIRE(a.isOk());
    REQUIRE(!a->bigEndian);
    REQUIRE(!a->fortranOrder);
    REQUIRE((a->rank() == 1 || a->rank() == 2));
    const auto rows = static_cast<Index>(a->shape[0]);
    const Index cols = a->rank() == 2 ? static_cast<Index>(a->shape[1]) : 1;
    RowMatrixXd m(rows, cols);
    for (Index i = 0; i < m.size(); ++i) {
        if (a->dtype == DType::Float64) {
            std::memcpy(&m.data()[i], a->data + 8 * i, 8);
        } else {
            REQUIRE(a->dtype == DType::Float32);
            float f;
            std::memcpy(&f, a->data + 4 * i, 4);
            m.data()[i] = f;
        }
    }
    return m;
}

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
    };
    const RowMatrixXf X = readGolden("x").cast<float>();
    const RowMatrixXf A = readGolden("anchors").cast<float>();
    for (const Case& c : cases) {
        INFO(c.name);
        RelativeOptions o;
        o.similarities = c.sims;
        o.transform = c.transform;
        o.post = c.post;
        o.aggregation = c.aggregation;
        Result<RowMatrixXf> got = relativeProjection(X, A, o);
        REQUIRE(got.isOk());
        const RowMatrixXd want = readGolden(std::string("rel_") + c.name);
        const double scale = std::max(1.0, want.cwiseAbs().maxCoeff());
        test::requireNear(got->cast<double>(), want, 2e-5 * scale);
    }
}
