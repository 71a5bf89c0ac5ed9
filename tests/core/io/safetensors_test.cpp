#include "core/io/safetensors.h"

#include "core/io/load_space.h"
#include "tests/core/io/binary_expected.h"

#include <cstring>

using namespace lb;
using namespace lb::test;

TEST_CASE("safetensors: F32, F16, BF16 and F64 embeddings with labels and metadata", "[io]") {
    for (const char* name :
         {"space_f32.safetensors", "space_f16.safetensors", "space_bf16.safetensors", "space_f64.safetensors"}) {
        Result<LatentSpace> s = loadSpace(binFixture(name));
        INFO(name << ": " << (s ? std::string() : s.error().describe()));
        REQUIRE(s.isOk());
        checkSpaceAgainst(*s, name);
    }
    const nlohmann::json& e = expectedBinary()["arrays"];
    Result<LatentSpace> s = loadSpace(binFixture("space_f32.safetensors"));
    REQUIRE(s.isOk());
    CHECK(s->embeddings.isMapped());
    CHECK(s->labels == e["labels"].get<std::vector<int32_t>>());
    CHECK(s->labelNames == e["label_names"].get<std::vector<std::string>>());
    CHECK(s->keys == e["keys"].get<std::vector<std::string>>());
    CHECK(s->images.height == 3);
    Result<LatentSpace> f16 = loadSpace(binFixture("space_f16.safetensors"));
    REQUIRE(f16.isOk());
    CHECK(f16->labels == e["labels"].get<std::vector<int32_t>>());
}

TEST_CASE("safetensors: malformed headers are refused naming the file", "[io]") {
    const std::pair<const char*, ErrorCode> cases[] = {
        {"bad_empty.safetensors", ErrorCode::BadInput},         {"bad_header_beyond.safetensors", ErrorCode::BadInput},
        {"bad_header_huge.safetensors", ErrorCode::BadInput},   {"bad_offsets_beyond.safetensors", ErrorCode::BadInput},
        {"bad_shape_offsets.safetensors", ErrorCode::BadInput}, {"bad_invalid_json.safetensors", ErrorCode::BadInput},
        {"bad_unknown_dtype.safetensors", ErrorCode::BadInput}, {"bad_no_embeddings.safetensors", ErrorCode::BadInput},
        {"bad_labels_len.safetensors", ErrorCode::BadInput},
    };
    for (const auto& [name, code] : cases) {
        Result<LatentSpace> s = loadSpace(binFixture(name));
        INFO(name);
        REQUIRE_FALSE(s.isOk());
        checkRefused(s.error(), code, name);
    }
}

static std::string withHeader(const std::string& json, const std::string& data) {
    std::string out(8, '\0');
    const uint64_t n = json.size();
    std::memcpy(out.data(), &n, 8);
    return out + json + data;
}

static Result<SafetensorsFile> parse(const std::string& bytes) {
    return parseSafetensors(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), nullptr, "t.safetensors");
}

TEST_CASE("safetensors: header edge cases", "[io]") {
    const std::string data(24, '\0');
    CHECK(parse(withHeader(R"({"x": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}})", data)).isOk());
    CHECK(parse(withHeader(R"({"x": {"dtype": "F32", "shape": [], "data_offsets": [0, 4]}})", std::string(4, '\0')))
              .isOk());
    // The byte ranges must tile the buffer (the format's rule): overlaps, gaps and trailing bytes are refused.
    for (const char* bad : {R"({"x": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                                "y": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}})",
                            R"({"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                "y": {"dtype": "F32", "shape": [2], "data_offsets": [16, 24]}})",
                            R"({"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}})"}) {
        INFO(bad);
        Result<SafetensorsFile> f = parse(withHeader(bad, data));
        REQUIRE_FALSE(f);
        CHECK(f.error().path == "t.safetensors");
    }
    CHECK(parse(withHeader(R"({"__metadata__": {"a": "b"}})", "")).isOk());
    CHECK(
        parse(withHeader(R"({"x": {"dtype": "F8_E4M3", "shape": [2], "data_offsets": [0, 2]}})", data)).error().code ==
        ErrorCode::Unsupported);
    for (const char* bad : {R"([1, 2])", R"({"x": 1})", R"({"x": {"dtype": "F32", "shape": [2, 3]}})",
                            R"({"x": {"dtype": 5, "shape": [2], "data_offsets": [0, 8]}})",
                            R"({"x": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}})",
                            R"({"x": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}})",
                            R"({"x": {"dtype": "F32", "shape": [2], "data_offsets": [0]}})",
                            R"({"x": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 0]}})",
                            R"({"__metadata__": {"a": 1}})", R"({"__metadata__": []})"}) {
        INFO(bad);
        Result<SafetensorsFile> f = parse(withHeader(bad, data));
        REQUIRE_FALSE(f.isOk());
        CHECK(f.error().code == ErrorCode::BadInput);
    }
    // label_names metadata that is not a JSON array of strings.
    const std::string emb = R"("embeddings": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]})";
    const std::string bytes = withHeader("{" + emb + R"(, "__metadata__": {"label_names": "[1, 2]"}})", data);
    Result<LatentSpace> s =
        loadSafetensorsSpace(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), nullptr, "meta.safetensors");
    REQUIRE_FALSE(s.isOk());
    checkRefused(s.error(), ErrorCode::BadInput, "meta.safetensors");
}

TEST_CASE("safetensors: every prefix of a valid file is refused", "[io]") {
    const std::string bytes = readFileBytes(binFixture("space_f32.safetensors"));
    for (size_t len = 0; len < bytes.size(); len += 5) {
        Result<LatentSpace> s =
            loadSafetensorsSpace(reinterpret_cast<const uint8_t*>(bytes.data()), len, nullptr, "prefix.safetensors");
        INFO("length " << len);
        REQUIRE_FALSE(s.isOk());
    }
}
