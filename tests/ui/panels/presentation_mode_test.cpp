// Presentation mode: font scale applied and restored, the M key morphs the translated view and ends on the
// translated layout; the platform hook is asked for full screen.
#include "app/ui/panels/analysis_panels.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("presentation mode toggles full screen and fonts; M morphs into the translated layout", "[ui][panels]") {
    test::PanelFixture f;
    std::vector<bool> fullscreenCalls;
    PlatformHooks hooks;
    hooks.setFullscreen = [&](bool on) { fullscreenCalls.push_back(on); };
    registerAnalysisPanels(f.st, hooks);
    f.settle();
    f.st.presentation = true;
    f.settle();
    nlohmann::json r = f.report();
    REQUIRE(r["presentation"]["applied"] == true);
    REQUIRE(ImGui::GetIO().FontGlobalScale > 1.2f);
    REQUIRE(fullscreenCalls == std::vector<bool>{true});
    REQUIRE(r["panels"]["stitching"]["open"] == true);
    REQUIRE(r["stitching"].is_object());  // the headline's matrix

    const std::vector<float> translated = f.st.views[1].cells[2].points.xy;
    REQUIRE_FALSE(translated.empty());
    const uint64_t version = f.st.views[1].cells[2].points.version;
    ImGui::GetIO().AddInputCharacter('m');
    f.frame();
    f.frame();
    REQUIRE(f.report()["presentation"]["morphing"] == true);
    REQUIRE(f.st.views[1].cells[2].points.version > version);
    REQUIRE(f.st.views[1].cells[2].points.xy != translated);  // mid-animation
    for (int i = 0; i < 120; ++i) f.frame();                  // 2 s of ImGui time at 60 fps
    r = f.report();
    REQUIRE(r["presentation"]["morphing"] == false);
    REQUIRE(r["presentation"]["morphs"] == 1);
    REQUIRE(f.st.views[1].cells[2].points.xy == translated);  // ends exactly on the translated layout

    f.st.presentation = false;
    f.frame();
    REQUIRE(ImGui::GetIO().FontGlobalScale == 1.0f);
    REQUIRE(fullscreenCalls == std::vector<bool>{true, false});
}
