#include "core/io/file_role.h"

#include "core/io/load_space.h"
#include "tests/core/io/binary_expected.h"

#include <filesystem>

using namespace lb;
using namespace lb::test;

namespace {

// The names in the binary fixture folder, as the file browser passes them.
std::vector<std::string> fixtureNames() {
    std::vector<std::string> names;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(binFixture("emb.npy")).parent_path()))
        names.push_back(e.path().filename().string());
    return names;
}

FileRoleGuess guessFixture(const std::string& name) {
    return guessFileRole(binFixture(name), fixtureNames());
}

}  // namespace

TEST_CASE("file role: every file guessed to be a space opens as one", "[io][file_role]") {
    for (const char* name : {"emb.npy", "f32_v1.npy", "f64.npy", "space_stored.npz", "space_deflated.npz",
                             "space_f32.safetensors", "space_bf16.safetensors"}) {
        INFO(name);
        const FileRoleGuess g = guessFixture(name);
        CHECK(g.role == FileRole::Space);
        CHECK(g.openable());
        CHECK(loadSpace(binFixture(name)).isOk());
    }
}

TEST_CASE("file role: companions of spaces are named for what they are and not openable", "[io][file_role]") {
    struct Case {
        const char* name;
        const char* says;
    };
    for (const Case& c :
         {Case{"emb.json", "sidecar of emb.npy"}, Case{"emb_inline.npy.json", "sidecar of emb_inline.npy"},
          Case{"labels_i64.npy", "1-D array of"}, Case{"keys_U.npy", "strings"}, Case{"images_u8.npy", "image stack"},
          Case{"head.npz", "linear head"}, Case{"head.safetensors", "linear head"}}) {
        INFO(c.name);
        const FileRoleGuess g = guessFixture(c.name);
        CHECK(g.role == FileRole::Companion);
        CHECK_FALSE(g.openable());
        CHECK_THAT(g.reason, Catch::Matchers::Contains(c.says));
    }
}

TEST_CASE("file role: a header that cannot be used is reported, not opened", "[io][file_role]") {
    for (const char* name : {"bad_magic.npy", "bad_not_a_zip.npz", "bad_no_embeddings.npz", "bad_empty.safetensors"}) {
        INFO(name);
        const FileRoleGuess g = guessFixture(name);
        CHECK(g.role == FileRole::Unreadable);
        CHECK_FALSE(g.reason.empty());
    }
}

TEST_CASE("file role: sessions, projector files, text lists and other files", "[io][file_role]") {
    TempDir dir;
    const std::vector<std::string> none;
    dir.write("s.json", "{\"format\": \"latentbridge-session\", \"spaces\": []}");
    CHECK(guessFileRole(dir.file("s.json"), none).role == FileRole::Session);
    dir.write("demo.json", "{\"spaces\": [\"a.npz\"], \"reference\": 0}");
    CHECK(guessFileRole(dir.file("demo.json"), none).role == FileRole::Session);
    dir.write("broken.json", "{\"spaces\": [");
    CHECK(guessFileRole(dir.file("broken.json"), none).role == FileRole::Unreadable);
    dir.write("config.json", "{\"lr\": 0.1}");
    CHECK(guessFileRole(dir.file("config.json"), none).role == FileRole::Companion);
    // A lone x.json is not a sidecar unless x.npy is beside it.
    CHECK(guessFileRole(dir.file("config.json"), {"config.npy"}).reason.find("sidecar of config.npy") !=
          std::string::npos);

    dir.write("tensors.tsv", "0.1\t0.2\t0.3\n0.4\t0.5\t0.6\n");
    CHECK(guessFileRole(dir.file("tensors.tsv"), none).role == FileRole::Space);
    dir.write("metadata.tsv", "label\tkey\ncat\ta\ndog\tb\n");
    CHECK(guessFileRole(dir.file("metadata.tsv"), none).role == FileRole::Companion);
    dir.write("labels.tsv", "3\n4\n");
    CHECK(guessFileRole(dir.file("labels.tsv"), none).role == FileRole::Companion);

    dir.write("words.vec", "2 3\ncat 0.1 0.2 0.3\ndog 0.4 0.5 0.6\n");
    CHECK(guessFileRole(dir.file("words.vec"), none).role == FileRole::Space);
    dir.write("anchors.txt", "cat\ndog\n");
    const FileRoleGuess list = guessFileRole(dir.file("anchors.txt"), none);
    CHECK(list.role == FileRole::Companion);
    CHECK_THAT(list.reason, Catch::Matchers::Contains("one name per line"));
    dir.write("empty.txt", "");
    CHECK(guessFileRole(dir.file("empty.txt"), none).role == FileRole::Unreadable);

    dir.write("notes.md", "# hi\n");
    CHECK(guessFileRole(dir.file("notes.md"), none).role == FileRole::Other);
    CHECK(guessFileRole(dir.file("missing.npy"), none).role == FileRole::Unreadable);
}
