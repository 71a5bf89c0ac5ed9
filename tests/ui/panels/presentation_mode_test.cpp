// Presentation mode: the screen hides the app's chrome and draws the pair's three views and the headline; the
// story's keys set seeded anchor sets of K = 0, 5, 30, 300 and leaving gives the user's anchors and undo
// history back; the numbers come from the stitching matrix; fonts follow the window height; M morphs into
// the translated layout, full size; the platform hook is asked for full screen.
#include "app/ui/panels/analysis_panels.h"
#include "app/ui/panels/presentation_story.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <imgui_internal.h>

#include <set>

using namespace lb;
using namespace lb::ui;

namespace {

// Windows drawn in the last frame whose name contains `part` (child windows are "parent/child_id").
bool windowDrawn(const std::string& part) {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->WasActive && std::string(w->Name).find(part) != std::string::npos) return true;
    return false;
}

bool hostHasMenuBar() {
    ImGuiWindow* w = ImGui::FindWindowByName("latentbridge");
    return w && (w->Flags & ImGuiWindowFlags_MenuBar) != 0;
}

void press(test::PanelFixture& f, int key) {
    f.st.pendingKeys.push_back({key, false, false});
    f.frame();
}

}  // namespace

TEST_CASE("presentation mode hides the chrome and draws the pair, the headline and the caption", "[ui][panels]") {
    test::PanelFixture f;
    std::vector<bool> fullscreenCalls;
    PlatformHooks hooks;
    hooks.setFullscreen = [&](bool on) { fullscreenCalls.push_back(on); };
    registerAnalysisPanels(f.st, hooks);
    f.st.session.setAnchors({1, 5, 9, 13, 17, 21, 25, 29, 33, 37});
    f.settle();
    REQUIRE(hostHasMenuBar());
    REQUIRE(windowDrawn("latentbridge/side"));
    REQUIRE(windowDrawn("Stitching"));
    f.st.info("Opened the demo");  // a message that must not stay on screen

    f.st.presentation = true;
    f.settle();
    REQUIRE(fullscreenCalls == std::vector<bool>{true});
    REQUIRE_FALSE(hostHasMenuBar());
    REQUIRE_FALSE(windowDrawn("latentbridge/side"));
    REQUIRE_FALSE(windowDrawn("latentbridge/main"));  // messages and the grid live there
    REQUIRE_FALSE(windowDrawn("Stitching"));
    REQUIRE_FALSE(windowDrawn("Similarity"));
    REQUIRE(windowDrawn("##presentation"));
    for (const char* item : {"presentation.headline", "presentation.source", "presentation.target",
                             "presentation.translated", "presentation.caption"})
        REQUIRE(f.st.itemRects.count(item) == 1);
    // Three views side by side, each a third of the width, large.
    const auto& a = f.st.itemRects["presentation.source"];
    const auto& b = f.st.itemRects["presentation.target"];
    const auto& c = f.st.itemRects["presentation.translated"];
    REQUIRE(a[0] < b[0]);
    REQUIRE(b[0] < c[0]);
    REQUIRE(a[1] == Approx(c[1]));
    REQUIRE(a[2] > 1600 * 0.3f);
    REQUIRE(a[3] > 400);

    // The headline's numbers are the stitching matrix's cell for (source 1 -> reference 0).
    const nlohmann::json r = f.report();
    REQUIRE(r["presentation"]["source"] == 1);
    REQUIRE(r["presentation"]["target"] == 0);
    const nlohmann::json& all = r["stitching"]["all"];
    const nlohmann::json& numbers = r["presentation"]["numbers"];
    REQUIRE(numbers["absolute"].get<double>() == Approx(all["absolute"][2 * 1 + 0].get<double>()));
    REQUIRE(numbers["relative"].get<double>() == Approx(all["relative"][2 * 1 + 0].get<double>()));
    REQUIRE(numbers["translated"].get<double>() == Approx(all["procrustes"][2 * 1 + 0].get<double>()));
    REQUIRE(numbers["native"].get<double>() == Approx(all["relative"][0].get<double>()));  // diagonal = native
    REQUIRE(numbers["k"] == 10);
    REQUIRE(numbers["chance"].get<double>() > 0.0);

    f.st.presentation = false;
    f.frame();
    REQUIRE(fullscreenCalls == std::vector<bool>{true, false});
    REQUIRE(hostHasMenuBar());
}

TEST_CASE("the story steps through seeded anchor sets and gives the user's anchors back", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st, {});
    f.st.session.setAnchors({3, 7, 11});
    f.st.session.addAnchors({40, 41});
    REQUIRE(f.st.session.undo());  // a redo entry too: both stacks must survive the story
    const std::vector<Index> mine = f.st.session.anchors();
    const AnchorHistory history = f.st.session.history();
    f.settle();
    f.st.presentation = true;
    f.settle();

    const std::vector<Index> expectedK{0, 5, 30, 240};  // 300 clipped to the fixture's 240 shared rows
    std::vector<std::vector<Index>> seen;
    for (int step = 1; step <= 4; ++step) {
        press(f, '0' + step);
        f.settle();
        REQUIRE(f.report()["presentation"]["story_step"] == step - 1);
        REQUIRE(f.st.session.anchors().size() == static_cast<size_t>(expectedK[static_cast<size_t>(step - 1)]));
        seen.push_back(f.st.session.anchors());
        if (step == 1) {  // K = 0: absolute is measured (it needs no anchors), relative and translated are not
            const nlohmann::json n = f.report()["presentation"]["numbers"];
            REQUIRE(n["absolute"].is_number());
            REQUIRE(n["relative"].is_null());
            REQUIRE(n["translated"].is_null());
        }
    }
    // Nested and reproducible: each set is the start of the next; replaying (Home, arrows) draws the same.
    REQUIRE(std::equal(seen[1].begin(), seen[1].end(), seen[2].begin()));
    REQUIRE(std::equal(seen[2].begin(), seen[2].end(), seen[3].begin()));
    press(f, 268);  // Home
    REQUIRE(f.st.session.anchors().empty());
    press(f, 262);  // right arrow
    REQUIRE(f.st.session.anchors() == seen[1]);
    press(f, 262);
    press(f, 263);  // left arrow
    REQUIRE(f.st.session.anchors() == seen[1]);
    f.settle();
    // With anchors the pair's translated view is drawn; the relative and translated numbers exist.
    REQUIRE(f.report()["presentation"]["numbers"]["relative"].is_number());

    // 0 leaves the story: the user's anchors in their order, and the very same undo/redo stacks.
    press(f, '0');
    REQUIRE(f.report()["presentation"]["story_step"] == -1);
    REQUIRE(f.st.session.anchors() == mine);
    REQUIRE(f.st.session.history().undoStack().size() == history.undoStack().size());
    REQUIRE(f.st.session.history().redoStack().size() == history.redoStack().size());
    REQUIRE(f.st.session.history().undoLabel() == history.undoLabel());
    REQUIRE(f.st.session.redo());
    REQUIRE(f.st.session.anchors() == std::vector<Index>{3, 7, 11, 40, 41});

    // Leaving presentation mode in the middle of the story restores too.
    REQUIRE(f.st.session.undo());
    press(f, '3');
    REQUIRE(f.st.session.anchors().size() == 30);
    f.st.presentation = false;
    f.frame();
    REQUIRE(f.st.session.anchors() == mine);
    REQUIRE(f.st.session.history().redoLabel() == history.redoLabel());
}

TEST_CASE("the story's steps say what the audience sees, with growing K", "[ui][panels]") {
    const auto& steps = storySteps();
    REQUIRE(steps.size() == 4);
    std::vector<Index> ks;
    for (const StoryStep& s : steps) {
        ks.push_back(s.k);
        REQUIRE(std::string(s.caption).size() > 20);
    }
    REQUIRE(ks == std::vector<Index>{0, 5, 30, 300});
}

TEST_CASE("presentation fonts are sized from the window height", "[ui][panels]") {
    const PresentationFontSizes hd = presentationFontSizes(1080), small = presentationFontSizes(720);
    REQUIRE(hd.body == Approx(30.0f));
    REQUIRE(hd.headline == Approx(60.0f));
    REQUIRE(small.body == Approx(hd.body * 720.0f / 1080.0f));
    REQUIRE(presentationFontSizes(200).body >= 13.0f);  // never below the app's own text

    test::PanelFixture f;
    registerAnalysisPanels(f.st, {});
    f.st.presentation = true;
    ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
    f.settle();
    nlohmann::json r = f.report();
    REQUIRE(r["presentation"]["font_px"]["body"].get<float>() == Approx(30.0f));
    const float titleHeight1080 = f.st.itemRects["presentation.headline"][3];
    ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
    f.frame();
    r = f.report();
    REQUIRE(r["presentation"]["font_px"]["body"].get<float>() == Approx(20.0f));
    REQUIRE(f.st.itemRects["presentation.headline"][3] == Approx(titleHeight1080 * 720.0f / 1080.0f));
}

TEST_CASE("M morphs the translated view full size and ends on the translated layout", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st, {});
    f.st.session.setAnchors({1, 5, 9, 13, 17, 21, 25, 29, 33, 37});
    f.st.presentation = true;
    f.settle();
    const std::vector<float> translated = f.st.views[1].cells[2].points.xy;
    REQUIRE_FALSE(translated.empty());
    const uint64_t version = f.st.views[1].cells[2].points.version;
    ImGui::GetIO().AddInputCharacter('m');
    f.frame();
    f.frame();
    nlohmann::json r = f.report();
    REQUIRE(r["presentation"]["morphing"] == true);
    REQUIRE(r["presentation"]["full_size"] == true);
    REQUIRE(f.st.itemRects.count("presentation.morph") == 1);
    REQUIRE(f.st.itemRects["presentation.morph"][2] > 1500);  // the whole width, not a third
    REQUIRE(f.st.views[1].cells[2].points.version > version);
    REQUIRE(f.st.views[1].cells[2].points.xy != translated);  // mid-animation
    for (int i = 0; i < 120; ++i) f.frame();                  // 2 s of ImGui time at 60 fps
    r = f.report();
    REQUIRE(r["presentation"]["morphing"] == false);
    REQUIRE(r["presentation"]["morphs"] == 1);
    REQUIRE(f.st.views[1].cells[2].points.xy == translated);  // ends exactly on the translated layout
    for (int i = 0; i < 120; ++i) f.frame();                  // the hold is over: the three views are back
    REQUIRE(f.report()["presentation"]["full_size"] == false);
}

TEST_CASE("a story step glides the translated points to their new layout", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st, {});
    f.st.presentation = true;
    f.settle();
    press(f, '3');  // K = 30
    f.settle();
    for (int i = 0; i < 120; ++i) f.frame();
    const std::vector<float> at30 = f.st.views[1].cells[2].points.xy;
    REQUIRE_FALSE(at30.empty());
    press(f, '4');  // K = 240 (all shared rows of the fixture)
    // Frames until the new translated layout arrives, then it glides: points between the two layouts.
    bool glided = false;
    for (int i = 0; i < 400 && !glided; ++i) {
        f.st.jobs.waitIdle(std::chrono::milliseconds(20));
        f.frame();
        glided = f.report()["presentation"]["gliding"] == true;
    }
    REQUIRE(glided);
    for (int i = 0; i < 120; ++i) f.frame();
    REQUIRE(f.report()["presentation"]["gliding"] == false);
    REQUIRE(f.st.views[1].cells[2].points.xy != at30);
}

TEST_CASE("G shows the stitching gallery in the translated view's place", "[ui][panels]") {
    test::PanelFixture f;
    registerAnalysisPanels(f.st, {});
    f.st.presentation = true;
    f.settle();
    REQUIRE(f.st.itemRects.count("presentation.gallery") == 0);
    press(f, 'G');
    f.settle();
    REQUIRE(f.st.itemRects.count("presentation.gallery") == 1);
    REQUIRE(windowDrawn("presentation gallery"));
    REQUIRE(f.st.itemRects["presentation.gallery"][0] > f.st.itemRects["presentation.target"][0]);
    press(f, 'G');
    f.frame();
    REQUIRE_FALSE(windowDrawn("presentation gallery"));
}
