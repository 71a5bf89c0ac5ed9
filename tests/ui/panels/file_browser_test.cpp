#include "app/ui/panels/file_browser.h"

#include "core/io/npy.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace lb;
using namespace lb::ui;

namespace {

const FileBrowserState::Entry* find(const FileBrowserState& s, const std::string& name) {
    const auto it = std::find_if(s.entries.begin(), s.entries.end(), [&](const auto& e) { return e.name == name; });
    return it == s.entries.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("file browser: spaces are openable, their companions greyed with the reason", "[ui][file_browser]") {
    test::TempDir dir;
    RowMatrixXf x(3, 2);
    x << 1, 2, 3, 4, 5, 6;
    REQUIRE(writeNpy(dir.file("emb.npy"), x).isOk());
    REQUIRE(writeNpy(dir.file("labels.npy"), std::vector<int32_t>{0, 1, 0}).isOk());
    dir.write("emb.json", "{\"labels\": \"labels.npy\"}");
    dir.write("notes.md", "hello");

    FileBrowserState state;
    listDirectory(state, dir.file(""));
    REQUIRE(find(state, "emb.npy"));
    CHECK(find(state, "emb.npy")->role.openable());
    REQUIRE(find(state, "emb.json"));
    CHECK_FALSE(find(state, "emb.json")->role.openable());
    CHECK(find(state, "emb.json")->role.reason.find("sidecar of emb.npy") != std::string::npos);
    REQUIRE(find(state, "labels.npy"));
    CHECK_FALSE(find(state, "labels.npy")->role.openable());
    CHECK(find(state, "notes.md") == nullptr);  // other extensions only with "all"

    state.showAll = true;
    listDirectory(state, dir.file(""));
    REQUIRE(find(state, "notes.md"));
    CHECK(find(state, "notes.md")->role.role == FileRole::Other);
}
