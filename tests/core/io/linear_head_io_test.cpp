#include "core/io/linear_head_io.h"

#include "tests/core/io/binary_expected.h"

using namespace lb;
using namespace lb::test;

TEST_CASE("linear head: weight (C x D) and bias (C) from .npz and .safetensors", "[io]") {
    const nlohmann::json& e = expectedBinary()["head"];
    for (const char* name : {"head.npz", "head.safetensors"}) {
        Result<LinearHead> h = loadLinearHead(binFixture(name));
        INFO(name << ": " << (h ? std::string() : h.error().describe()));
        REQUIRE(h.isOk());
        REQUIRE(h->weight.rows() == 3);
        REQUIRE(h->weight.cols() == 4);
        REQUIRE(h->bias.size() == 3);
        for (Index c = 0; c < 3; ++c) {
            CHECK(h->bias(c) == Approx(e["bias"][c].get<double>()).margin(1e-7));
            for (Index j = 0; j < 4; ++j) CHECK(h->weight(c, j) == Approx(e["weight"][c][j].get<double>()).margin(1e-7));
        }
    }
}

TEST_CASE("linear head: missing tensors and wrong formats are refused", "[io]") {
    Result<LinearHead> npz = loadLinearHead(binFixture("space_stored.npz"));
    REQUIRE_FALSE(npz.isOk());
    checkRefused(npz.error(), ErrorCode::BadInput, "space_stored.npz");
    Result<LinearHead> st = loadLinearHead(binFixture("space_f32.safetensors"));
    REQUIRE_FALSE(st.isOk());
    checkRefused(st.error(), ErrorCode::BadInput, "space_f32.safetensors");
    Result<LinearHead> npy = loadLinearHead(binFixture("f32_v1.npy"));
    REQUIRE_FALSE(npy.isOk());
    checkRefused(npy.error(), ErrorCode::Unsupported, "f32_v1.npy");
}
