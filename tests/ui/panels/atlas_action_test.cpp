// "Add atlas": the loaded spaces merged on the session's anchors are written to the app's state folder and opened
// as a new space, whose rows are mergeCharts' own; without anchors the action says why it cannot run.
#include "app/ui/atlas_action.h"

#include "core/relative/chart_merge.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <cstdlib>
#include <filesystem>

using namespace lb;
using namespace lb::ui;

TEST_CASE("add atlas: the merged spaces become a new row, the same rows as mergeCharts", "[ui][panels]") {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "lb_atlas_action_test";
    std::filesystem::remove_all(dir);
    ::setenv("LB_RECOVERY_DIR", dir.string().c_str(), 1);
    test::PanelFixture f;
    f.settle();
    REQUIRE(atlasUnavailableReason(f.st).empty());
    addAtlas(f.st);
    f.settle();
    REQUIRE(f.st.session.spaceCount() == 3);
    const LatentSpace& atlas = *f.st.session.entry(2).space;
    // Opened from the file it wrote, in the state folder.
    CHECK(std::filesystem::path(f.st.session.entry(2).path).parent_path() == dir / "atlases");
    CHECK(std::filesystem::exists(f.st.session.entry(2).path));
    std::vector<std::string> anchorKeys;
    const LatentSpace& ref = *f.st.session.entry(0).space;
    for (Index a : f.st.session.anchors()) anchorKeys.push_back(ref.keys[static_cast<size_t>(a)]);
    const Atlas direct = mergeCharts({f.st.session.entry(0).space.get(), f.st.session.entry(1).space.get()}, anchorKeys,
                                     f.st.session.settings.relative)
                             .value();
    REQUIRE(atlas.n() == direct.rows.rows());
    CHECK(atlas.d() == static_cast<Index>(anchorKeys.size()));
    CHECK(atlas.keys == direct.keys);
    CHECK(atlas.labels == direct.labels);
    test::requireNear(RowMatrixXf(atlas.embeddings.view()), direct.rows, 0.0);
    std::filesystem::remove_all(dir);
    ::unsetenv("LB_RECOVERY_DIR");
}

TEST_CASE("add atlas: without anchors it says why and adds nothing", "[ui][panels]") {
    test::PanelFixture f;
    f.st.session.setAnchors({}, "none");
    CHECK(atlasUnavailableReason(f.st).find("anchors") != std::string::npos);
    addAtlas(f.st);
    f.settle();
    CHECK(f.st.session.spaceCount() == 2);
    CHECK(f.st.errorCount() == 1);
}
