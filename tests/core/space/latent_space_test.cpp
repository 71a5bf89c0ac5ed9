#include "core/space/latent_space.h"

#include "tests/support/test_helpers.h"

#include <limits>

using namespace lb;

static LatentSpace makeSpace(RowMatrixXf X) {
    LatentSpace s;
    s.path = "mem.npy";
    s.embeddings = Embeddings(std::move(X));
    return s;
}

TEST_CASE("validateSpace refuses metadata whose length differs from N", "[space]") {
    LatentSpace s = makeSpace(test::randomMatrix(4, 3, 1));
    REQUIRE(validateSpace(s).isOk());
    SECTION("labels") {
        s.labels = {0, 1, 2};
        REQUIRE(validateSpace(s).code() == ErrorCode::BadInput);
    }
    SECTION("keys") {
        s.keys = {"a", "b", "c", "d", "e"};
        REQUIRE(validateSpace(s).code() == ErrorCode::BadInput);
    }
    SECTION("duplicate keys") {
        s.keys = {"a", "b", "a", "d"};
        const Status st = validateSpace(s);
        REQUIRE(st.code() == ErrorCode::BadInput);
        REQUIRE(st.error().message.find("duplicate key") != std::string::npos);
    }
    SECTION("images") {
        s.images.height = 2;
        s.images.width = 2;
        s.images.pixels.assign(3 * 4, 0);
        REQUIRE(validateSpace(s).code() == ErrorCode::BadInput);
    }
}

TEST_CASE("validateSpace bounds labels by the label names, else by N: a stray huge label cannot size memory",
          "[space]") {
    LatentSpace s = makeSpace(test::randomMatrix(4, 3, 1));
    s.labels = {0, 1, 2, 1};
    REQUIRE(validateSpace(s).isOk());
    SECTION("a label without a name") {
        s.labelNames = {"a", "b"};
        const Status st = validateSpace(s);
        REQUIRE(st.code() == ErrorCode::BadInput);
        CHECK(st.error().message.find("label 2 at row 2 has no name") != std::string::npos);
    }
    SECTION("2^31 - 1, and 10^9, without names") {
        for (int32_t huge : {std::numeric_limits<int32_t>::max(), 1000000000}) {
            s.labels[3] = huge;
            CHECK(s.numClasses() > 0);  // no wrap-around in the count itself
            const Status st = validateSpace(s);
            REQUIRE(st.code() == ErrorCode::BadInput);
            CHECK(st.error().message.find("too large") != std::string::npos);
        }
    }
    SECTION("below the larger of N and 65536 is fine without names") {
        s.labels[3] = static_cast<int32_t>(kMaxUnnamedClasses - 1);
        CHECK(validateSpace(s).isOk());
        CHECK(maxClassCount(s) == kMaxUnnamedClasses);
    }
}

TEST_CASE("non-finite rows are counted, listed and dropped with their metadata", "[space]") {
    RowMatrixXf X = test::randomMatrix(6, 3, 2);
    X(1, 2) = std::numeric_limits<float>::quiet_NaN();
    X(4, 0) = std::numeric_limits<float>::infinity();
    LatentSpace s = makeSpace(X);
    s.keys = {"k0", "k1", "k2", "k3", "k4", "k5"};
    s.labels = {0, 1, 0, 1, 0, 1};

    const NonFiniteReport r = findNonFiniteRows(s);
    REQUIRE(r.count == 2);
    REQUIRE(r.firstRows == std::vector<Index>{1, 4});

    const LatentSpace clean = dropNonFiniteRows(s);
    REQUIRE(clean.n() == 4);
    REQUIRE(clean.keys == std::vector<std::string>{"k0", "k2", "k3", "k5"});
    REQUIRE(clean.labels == std::vector<int32_t>{0, 0, 1, 1});
    test::requireNear(clean.embeddings.view().row(1), X.row(2), 0.0);
    REQUIRE(findNonFiniteRows(clean).count == 0);
    REQUIRE(std::isfinite(meanRowNorm(s)));
}

TEST_CASE("meanRowNorm equals the mean of row norms", "[space]") {
    RowMatrixXf X(2, 2);
    X << 3, 4, 0, 1;
    REQUIRE(meanRowNorm(makeSpace(X)) == Approx(3.0));
}
