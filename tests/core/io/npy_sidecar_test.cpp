#include "core/io/npy_sidecar.h"

#include "core/io/load_space.h"
#include "tests/core/io/binary_expected.h"

using namespace lb;
using namespace lb::test;

TEST_CASE("npy sidecar: labels, keys, names, texts and images from referenced files", "[io]") {
    CHECK(findNpySidecar(binFixture("emb.npy")) == binFixture("emb.json"));
    Result<LatentSpace> s = loadSpace(binFixture("emb.npy"));
    INFO((s ? std::string() : s.error().describe()));
    REQUIRE(s.isOk());
    checkSpaceAgainst(*s, "emb.npy");
    const nlohmann::json& e = expectedBinary()["arrays"];
    CHECK(s->name == "sidecar space");
    CHECK(s->labels == e["labels"].get<std::vector<int32_t>>());
    CHECK(s->keys == e["keys"].get<std::vector<std::string>>());
    CHECK(s->labelNames == e["label_names"].get<std::vector<std::string>>());
    CHECK(s->texts == e["texts"].get<std::vector<std::string>>());
    CHECK(s->images.height == 3);
    CHECK(s->images.width == 2);
    CHECK(s->embeddings.isMapped());
}

TEST_CASE("npy sidecar: inline JSON arrays in emb.npy.json; unknown keys warn", "[io]") {
    CHECK(findNpySidecar(binFixture("emb_inline.npy")) == binFixture("emb_inline.npy.json"));
    Result<LatentSpace> s = loadSpace(binFixture("emb_inline.npy"));
    REQUIRE(s.isOk());
    checkSpaceAgainst(*s, "emb_inline.npy");
    CHECK(s->labels == expectedBinary()["arrays"]["labels"].get<std::vector<int32_t>>());
    CHECK(s->keys == expectedBinary()["arrays"]["keys"].get<std::vector<std::string>>());
    REQUIRE(s->warnings.size() == 1);
    CHECK(s->warnings[0].message.find("unknown_key") != std::string::npos);
    CHECK(findNpySidecar(binFixture("f32_v1.npy")).empty());
}

TEST_CASE("npy sidecar: inconsistent or invalid sidecars are refused naming the file at fault", "[io]") {
    const std::tuple<const char*, ErrorCode, const char*> cases[] = {
        {"bad_labels_len.npy", ErrorCode::BadInput, "bad_labels_len"},
        {"bad_keys_len.npy", ErrorCode::BadInput, "bad_keys_len"},
        {"bad_dup_keys.npy", ErrorCode::BadInput, "bad_dup_keys"},
        {"bad_negative_label.npy", ErrorCode::BadInput, "bad_negative_label"},
        {"bad_label_type.npy", ErrorCode::BadInput, "keys_U.npy"},  // the referenced file holds strings
        {"bad_sidecar_json.npy", ErrorCode::BadInput, "bad_sidecar_json.json"},
    };
    for (const auto& [name, code, mention] : cases) {
        Result<LatentSpace> s = loadSpace(binFixture(name));
        INFO(name);
        REQUIRE_FALSE(s.isOk());
        checkRefused(s.error(), code, mention);
    }
}

TEST_CASE("npy sidecar: wrong JSON types and missing referenced files", "[io]") {
    TempDir dir;
    const std::string npy = dir.write("e.npy", readFileBytes(binFixture("f32_v1.npy")));
    dir.write("e.json", R"({"labels": "nope.npy"})");
    Result<LatentSpace> missing = loadSpace(npy);
    REQUIRE_FALSE(missing.isOk());
    checkRefused(missing.error(), ErrorCode::Io, "nope.npy");
    for (const char* doc : {R"({"name": 3})", R"({"labels": [0.5, 1, 2, 0, 1, 2]})", R"({"keys": {"a": 1}})",
                            R"({"images": [1, 2]})", R"([1, 2])", R"({"label_names": [1]})"}) {
        INFO(doc);
        dir.write("e.json", doc);
        Result<LatentSpace> s = loadSpace(npy);
        REQUIRE_FALSE(s.isOk());
        checkRefused(s.error(), ErrorCode::BadInput, "e.json");
    }
}
