// Shared by the text-format loader tests: expected values written by tests/data/make_text_fixtures.py
// (gensim / NumPy reading the fixtures) and a checker comparing a loaded space with them.
#pragma once

#include "core/space/latent_space.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace lb::test {

inline const nlohmann::json& expectedText() {
    static const nlohmann::json j = [] {
        std::ifstream in(dataPath("text/expected_text.json"));
        return nlohmann::json::parse(in);
    }();
    return j;
}

inline std::string textFixture(const std::string& name) {
    return dataPath("text/" + name);
}

// Compares shape, words, per-row sums and the first/last rows with the values NumPy computed.
inline void checkAgainstExpected(const LatentSpace& s, const nlohmann::json& e) {
    REQUIRE(s.n() == e["n"].get<Index>());
    REQUIRE(s.d() == e["d"].get<Index>());
    CHECK(s.dtype == e["dtype"].get<std::string>());
    if (!e["first_word"].is_null()) {
        REQUIRE(s.hasKeys());
        CHECK(s.keys.front() == e["first_word"].get<std::string>());
        CHECK(s.keys.back() == e["last_word"].get<std::string>());
        CHECK(s.texts == s.keys);
    }
    const ConstRowMatrixMap X = s.embeddings.view();
    const auto rowSums = e["row_sums"].get<std::vector<double>>();
    for (Index i = 0; i < s.n(); ++i) {
        INFO("row " << i);
        CHECK(X.row(i).cast<double>().sum() == Approx(rowSums[static_cast<size_t>(i)]).margin(1e-5));
    }
    const auto first = e["first_row"].get<std::vector<double>>();
    const auto last = e["last_row"].get<std::vector<double>>();
    for (Index j = 0; j < s.d(); ++j) {
        // Values are parsed to float32: compare with the float32 rounding of NumPy's value, exactly.
        CHECK(X(0, j) == static_cast<float>(first[static_cast<size_t>(j)]));
        CHECK(X(s.n() - 1, j) == static_cast<float>(last[static_cast<size_t>(j)]));
    }
    CHECK(X.cast<double>().sum() == Approx(e["total_sum"].get<double>()).margin(1e-4));
}

// The error names the file and carries the expected code.
inline void requireBadFile(const Result<LatentSpace>& r, ErrorCode code, const std::string& fileName) {
    REQUIRE_FALSE(r.isOk());
    INFO(r.error().describe());
    CHECK(r.error().code == code);
    CHECK(r.error().describe().find(fileName) != std::string::npos);
}

}  // namespace lb::test
