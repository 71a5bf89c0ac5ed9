#include "core/io/npz.h"

#include "core/io/load_space.h"
#include "tests/core/io/binary_expected.h"

using namespace lb;
using namespace lb::test;

static void checkFullMetadata(const LatentSpace& s) {
    const nlohmann::json& e = expectedBinary()["arrays"];
    CHECK(s.labels == e["labels"].get<std::vector<int32_t>>());
    CHECK(s.keys == e["keys"].get<std::vector<std::string>>());
    CHECK(s.labelNames == e["label_names"].get<std::vector<std::string>>());
    CHECK(s.texts == e["texts"].get<std::vector<std::string>>());
    REQUIRE(s.images.height == 3);
    REQUIRE(s.images.width == 2);
    CHECK(s.images.image(1)[2 * 2 + 1] == e["images_at_1_2_1"].get<int>());
}

TEST_CASE("npz: np.savez (stored) and np.savez_compressed (deflated) archives with every array", "[io]") {
    for (const char* name : {"space_stored.npz", "space_deflated.npz", "space_zip64.npz"}) {
        Result<LatentSpace> s = loadSpace(binFixture(name));
        INFO(name << ": " << (s ? std::string() : s.error().describe()));
        REQUIRE(s.isOk());
        checkSpaceAgainst(*s, name);
        checkFullMetadata(*s);
    }
}

TEST_CASE("npz: stored members are views into the mapped archive", "[io]") {
    Result<NpzFile> npz = NpzFile::openFile(binFixture("space_stored.npz"));
    REQUIRE(npz.isOk());
    CHECK(npz->names().size() == 6);
    Result<NpyArray> emb = npz->array("embeddings");
    REQUIRE(emb.isOk());
    const std::string bytes = readFileBytes(binFixture("space_stored.npz"));
    // The view's data equals the raw float bytes somewhere inside the file; its keepAlive is the mapping.
    CHECK(bytes.find(std::string(reinterpret_cast<const char*>(emb->data), emb->byteSize())) != std::string::npos);
    Result<NpzFile> deflated = NpzFile::openFile(binFixture("space_deflated.npz"));
    REQUIRE(deflated.isOk());
    CHECK(deflated->names().size() == 6);
    CHECK(deflated->has("labels"));
    CHECK_FALSE(deflated->has("weights"));
}

TEST_CASE("npz: malformed archives and inconsistent arrays are refused naming the file", "[io]") {
    const std::pair<const char*, ErrorCode> cases[] = {
        {"bad_not_a_zip.npz", ErrorCode::BadInput},  {"bad_empty.npz", ErrorCode::BadInput},
        {"bad_cut_short.npz", ErrorCode::BadInput},  {"bad_cut_short_deflated.npz", ErrorCode::BadInput},
        {"bad_offsets.npz", ErrorCode::BadInput},    {"bad_crc.npz", ErrorCode::BadInput},
        {"bad_deflate.npz", ErrorCode::BadInput},    {"bad_no_embeddings.npz", ErrorCode::BadInput},
        {"bad_labels_len.npz", ErrorCode::BadInput}, {"bad_dup_keys.npz", ErrorCode::BadInput},
        {"bad_object.npz", ErrorCode::Unsupported},  {"bad_rank3.npz", ErrorCode::BadInput},
    };
    for (const auto& [name, code] : cases) {
        Result<LatentSpace> s = loadSpace(binFixture(name));
        INFO(name);
        REQUIRE_FALSE(s.isOk());
        checkRefused(s.error(), code, name);
    }
}

TEST_CASE("npz: every prefix and every single-byte corruption of an archive is handled", "[io]") {
    const std::string bytes = readFileBytes(binFixture("space_deflated.npz"));
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    for (size_t len = 0; len < bytes.size(); len += 7) {
        Result<LatentSpace> s = loadNpzSpace(p, len, nullptr, "prefix.npz");
        INFO("length " << len);
        REQUIRE_FALSE(s.isOk());
    }
    std::vector<uint8_t> buf(bytes.begin(), bytes.end());
    for (size_t at = 0; at < buf.size(); at += 3) {
        buf[at] ^= 0xA5;
        Result<LatentSpace> s = loadNpzSpace(buf.data(), buf.size(), nullptr, "flip.npz");
        if (s) CHECK(s->n() > 0);  // a flip in an ignored field (timestamps, comment) may still load
        buf[at] ^= 0xA5;
    }
}
