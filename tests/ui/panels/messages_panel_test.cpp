// Headless test of the messages area: a long error (a deep path and the problem after it) wraps inside the area
// in a narrow window and every line of it is inside the area's visible rectangle; a short one stays one line.
#include "app/ui/panels/messages_panel.h"

#include "app/ui/app_state.h"
#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace lb::ui;

namespace {

struct MessagesFrame {
    float minX = 1e9f, maxX = 0, minY = 1e9f, maxY = 0;  // where the error's glyphs went
    ImVec2 areaMin, areaMax;                             // the messages area (the child window)
    float contentRight = 0;                              // the area's right content edge
    float lineHeight = 0;
};

MessagesFrame drawAt(float width, std::vector<Message>& messages) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, 600));
    ImGui::Begin("main", nullptr, ImGuiWindowFlags_NoDecoration);
    drawMessages(messages);
    MessagesFrame f;
    f.areaMin = ImGui::GetItemRectMin();
    f.areaMax = ImGui::GetItemRectMax();
    f.contentRight = f.areaMax.x - ImGui::GetStyle().WindowPadding.x;
    f.lineHeight = ImGui::GetTextLineHeight();
    ImGui::End();
    ImGui::Render();
    const ImDrawData* data = ImGui::GetDrawData();
    const ImU32 red = ImGui::ColorConvertFloat4ToU32(ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if (v.col == red) {
                f.minX = std::min(f.minX, v.pos.x);
                f.maxX = std::max(f.maxX, v.pos.x);
                f.minY = std::min(f.minY, v.pos.y);
                f.maxY = std::max(f.maxY, v.pos.y);
            }
    return f;
}

}  // namespace

TEST_CASE("a long message wraps inside the messages area, every line visible", "[ui][messages]") {
    lb::test::ImGuiHeadless imgui;
    std::vector<Message> messages;
    messages.push_back({Message::Level::Info, "Opened the demo (3 spaces, 300 anchors)", 1, 1});
    messages.push_back({Message::Level::Error,
                        "cannot open /home/researcher/experiments/2026-11/latent-spaces/vit_b16_seed3_layer11.npy: "
                        "not a .npy file (bad magic)",
                        1, 2});
    const MessagesFrame wide = drawAt(1600, messages);
    REQUIRE(wide.maxX > 0);
    CHECK(wide.maxY - wide.minY <= wide.lineHeight + 1.0f);  // one line
    for (float width : {700.0f, 420.0f, 260.0f}) {
        INFO("window " << width << " px wide");
        const MessagesFrame f = drawAt(width, messages);
        REQUIRE(f.maxX > 0);
        CHECK(f.maxY - f.minY > 1.5f * f.lineHeight);  // wrapped
        CHECK(f.maxX <= f.contentRight + 1.0f);        // never past the area's right edge
        // Every line inside the area's rectangle: nothing hidden below it, no scrolling needed.
        CHECK(f.minY >= f.areaMin.y);
        CHECK(f.maxY <= f.areaMax.y);
    }
    REQUIRE(messages.size() == 2);  // drawing dismisses nothing
}
