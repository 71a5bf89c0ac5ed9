// Headless test of the hint line: one line, inside the window however narrow, the hints that do not fit behind
// "more...".
#include "app/ui/widgets/hint_line.h"

#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace lb::ui;

namespace {

struct HintFrame {
    int shown = 0;
    float maxX = 0, minY = 1e9f, maxY = 0;  // where the glyphs went (disabled-colour vertices)
    float contentRight = 0, lineHeight = 0;
};

HintFrame drawAt(float width) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, 300));
    ImGui::Begin("hints", nullptr, ImGuiWindowFlags_NoDecoration);
    HintFrame f;
    f.shown = drawHintLine({"Hover: linked highlight", "click: toggle anchor", "wheel: zoom", "double-click: fit"});
    f.contentRight = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    f.lineHeight = ImGui::GetTextLineHeight();
    const ImU32 disabled = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (const ImDrawVert& v : ImGui::GetWindowDrawList()->VtxBuffer)
        if (v.col == disabled) {
            f.maxX = std::max(f.maxX, v.pos.x);
            f.minY = std::min(f.minY, v.pos.y);
            f.maxY = std::max(f.maxY, v.pos.y);
        }
    ImGui::End();
    ImGui::Render();
    return f;
}

}  // namespace

TEST_CASE("the hint line stays one line inside the window, the rest behind 'more...'", "[ui][hints]") {
    lb::test::ImGuiHeadless imgui;
    const HintFrame wide = drawAt(1200);
    CHECK(wide.shown == 4);
    CHECK(wide.maxX <= wide.contentRight);
    int previous = 4;
    for (float width : {420.0f, 300.0f, 200.0f, 90.0f}) {
        INFO("window " << width << " px wide");
        const HintFrame f = drawAt(width);
        CHECK(f.shown < 4);
        CHECK(f.shown <= previous);  // a narrower window never shows more
        CHECK(f.maxX <= f.contentRight);
        CHECK(f.maxY - f.minY <= f.lineHeight + 1.0f);  // one line
        previous = f.shown;
    }
    CHECK(drawAt(300).shown >= 1);
    CHECK(drawAt(90).shown == 0);  // only "more..." fits
}
