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
            for (Index j = 0; j < 4; ++j)
                CHECK(h->weight(c, j) == Approx(e["weight"][c][j].get<double>()).margin(1e-7));
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

TEST_CASE("linear head: a NaN or Inf weight is refused, naming the file", "[io]") {
    // A safetensors head written here: 8-byte header length, the JSON header, then weight (2 x 2) and bias (2).
    TempDir dir;
    const std::string header =
        "{\"weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        "\"bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}";
    for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        const float values[6] = {1, 0, 0, bad, 0, 0};
        std::string bytes(8, '\0');
        const uint64_t n = header.size();
        for (int i = 0; i < 8; ++i) bytes[static_cast<size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xFF);
        bytes += header;
        bytes.append(reinterpret_cast<const char*>(values), sizeof values);
        const std::string path = dir.write("head.safetensors", bytes);
        Result<LinearHead> h = loadLinearHead(path);
        REQUIRE_FALSE(h);
        CHECK(h.error().message.find("NaN or Inf") != std::string::npos);
        CHECK(h.error().path == path);
    }
}
