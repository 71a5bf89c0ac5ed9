// Shared by the binary-format loader tests: fixtures in tests/data/binary/ and the values NumPy computed
// for them (tests/data/make_fixtures.py -> expected.json), plus checkers for spaces and errors.
#pragma once

#include "core/space/latent_space.h"
#include "core/status.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <string>

namespace lb::test {

inline std::string binFixture(const std::string& name) {
    return dataPath("binary/" + name);
}

inline const nlohmann::json& expectedBinary() {
    static const nlohmann::json j = [] {
        std::ifstream in(binFixture("expected.json"));
        return nlohmann::json::parse(in);
    }();
    return j;
}

// Shape, dtype, sum, corners, row 1, mean norm and non-finite rows against NumPy.
inline void checkSpaceAgainst(const LatentSpace& s, const std::string& fixture) {
    INFO("fixture " << fixture);
    const nlohmann::json& e = expectedBinary().at(fixture);
    REQUIRE(s.n() == e["n"].get<Index>());
    REQUIRE(s.d() == e["d"].get<Index>());
    CHECK(s.dtype == e["dtype"].get<std::string>());
    const ConstRowMatrixMap X = s.embeddings.view();
    CHECK(X(0, 0) == Approx(e["first"].get<double>()).margin(1e-7));
    CHECK(X(s.n() - 1, s.d() - 1) == Approx(e["last"].get<double>()).margin(1e-7));
    for (Index j = 0; j < s.d(); ++j) {
        const nlohmann::json& v = e["row1"][j];
        if (v.is_null())
            CHECK(std::isnan(X(1, j)));  // expected.json writes NaN as null, Inf as "inf"
        else if (v.is_string())
            CHECK(std::isinf(X(1, j)));
        else
            CHECK(X(1, j) == Approx(v.get<double>()).margin(1e-7));
    }
    const NonFiniteReport nf = findNonFiniteRows(s);
    CHECK(nf.count == e["non_finite_rows"].get<Index>());
    double sum = 0.0;
    for (Index i = 0; i < X.rows(); ++i)
        if (X.row(i).allFinite()) sum += X.row(i).cast<double>().sum();
    CHECK(sum == Approx(e["sum"].get<double>()).margin(1e-5));
    CHECK(meanRowNorm(s) == Approx(e["mean_norm"].get<double>()).epsilon(1e-6));
    if (e.contains("mapped")) CHECK(s.embeddings.isMapped() == e["mapped"].get<bool>());
    if (e.contains("num_classes")) CHECK(s.numClasses() == e["num_classes"].get<int>());
}

// A refused file: the expected code, and a message naming the file (by its file name).
inline void checkRefused(const Error& error, ErrorCode code, const std::string& fileName) {
    INFO(error.describe());
    CHECK(error.code == code);
    CHECK(error.describe().find(fileName) != std::string::npos);
}

}  // namespace lb::test
