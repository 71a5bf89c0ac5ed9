// Headless test of the hint line: its text stays inside the window however narrow, and it wraps only between hints.
#include "app/ui/widgets/hint_line.h"

#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace lb::ui;

namespace {

struct TextExtent {
    float maxX = 0, minY = 1e9f, maxY = 0;
    float lineHeight = 0, lineStep = 0;  // glyph line height; distance between two lines' tops
};

// Draws the hint line in a window `width` wide and returns where its glyphs went (vertices of the disabled text
// colour in the window's draw list), and the window's content right edge.
TextExtent drawAt(float width, float& contentRight) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, 300));
    ImGui::Begin("hints", nullptr, ImGuiWindowFlags_NoDecoration);
    drawHintLine({"Hover: linked highlight", "click: toggle anchor", "wheel: zoom", "double-click: fit"});
    contentRight = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const ImU32 disabled = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    TextExtent e;
    e.lineHeight = ImGui::GetTextLineHeight();
    e.lineStep = ImGui::GetTextLineHeightWithSpacing();
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const ImDrawVert& v : dl->VtxBuffer)
        if (v.col == disabled) {
            e.maxX = std::max(e.maxX, v.pos.x);
            e.minY = std::min(e.minY, v.pos.y);
            e.maxY = std::max(e.maxY, v.pos.y);
        }
    ImGui::End();
    ImGui::Render();
    return e;
}

}  // namespace

TEST_CASE("the hint line wraps between hints instead of running past the window's edge", "[ui][hints]") {
    lb::test::ImGuiHeadless imgui;
    float right = 0;
    const TextExtent wide = drawAt(1200, right);
    const float lineH = wide.lineHeight;
    REQUIRE(lineH > 0);
    CHECK(wide.maxX <= right);
    CHECK(wide.maxY - wide.minY < 1.5f * lineH);  // one line

    for (float width : {420.0f, 300.0f, 200.0f}) {
        INFO("window " << width << " px wide");
        const TextExtent narrow = drawAt(width, right);
        CHECK(narrow.maxX <= right);
        CHECK(narrow.maxY - narrow.minY > 1.5f * lineH);  // wrapped onto more lines
    }
    // Four hints take four lines at most: wrapping never splits a hint.
    const TextExtent tiny = drawAt(200, right);
    CHECK(tiny.maxY - tiny.minY <= 3.0f * wide.lineStep + lineH + 1.0f);
}
