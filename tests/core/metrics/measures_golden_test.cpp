// Every representational similarity measure against an independent NumPy implementation of its published
// definition (tests/data/golden/make_measures_golden.py), to 1e-6 relative.
#include "core/metrics/measures.h"

#include "tests/support/golden_npy.h"
#include "tests/support/test_helpers.h"

#include <nlohmann/json.hpp>

#include <fstream>

using namespace lb;
using namespace lb::test;

namespace {

nlohmann::json goldenMeasures() {
    std::ifstream in(dataPath("golden/measures/measures.json"));
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
}

void checkAgainst(const nlohmann::json& expected, const RowMatrixXf& A, const RowMatrixXf& B,
                  const MeasureSettings& s) {
    const std::vector<std::string> names = parseMeasureList("all").value();
    REQUIRE(expected.size() == names.size());
    Result<std::vector<MeasureResult>> got = computeMeasures(A, B, names, s);
    REQUIRE(got.isOk());
    for (const MeasureResult& r : *got) {
        INFO(r.name);
        REQUIRE(expected.contains(r.name));
        REQUIRE(r.value == Approx(expected[r.name].get<double>()).epsilon(1e-6).margin(1e-12));
        REQUIRE(r.rowsUsed == A.rows());
    }
}

}  // namespace

TEST_CASE("similarity measures match the NumPy implementations of their definitions", "[metrics][measures]") {
    const nlohmann::json golden = goldenMeasures();
    const RowMatrixXf A = readGoldenNpy("a", "golden/measures/").cast<float>();
    const RowMatrixXf B = readGoldenNpy("b", "golden/measures/").cast<float>();
    REQUIRE(A.rows() == B.rows());
    MeasureSettings s;
    s.k = golden["settings"]["k"].get<Index>();
    s.maxRows = golden["settings"]["max_rows"].get<Index>();
    s.svccaVariance = golden["settings"]["svcca_variance"].get<double>();
    s.gulpLambda = golden["settings"]["gulp_lambda"].get<double>();
    SECTION("A against B") {
        checkAgainst(golden["ab"], A, B, s);
    }
    SECTION("B against A (the asymmetric ones differ, widths swapped)") {
        checkAgainst(golden["ba"], B, A, s);
    }
}
