// Headless test of sameLineIfFits: items continue on the line while they fit, wrap to the given x, and never
// reach past the window's right content edge.
#include "app/ui/widgets/flow_layout.h"

#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace lb::ui;

TEST_CASE("sameLineIfFits wraps a row of items at the window's edge, to the given x", "[ui][flow]") {
    lb::test::ImGuiHeadless imgui;
    for (float width : {1000.0f, 300.0f, 200.0f}) {
        INFO("window " << width << " px wide");
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(width, 400));
        ImGui::Begin("flow", nullptr, ImGuiWindowFlags_NoDecoration);
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        ImGui::TextUnformatted("Label:");
        ImGui::SameLine();
        const float wrapX = ImGui::GetCursorPosX();
        const float wrapScreenX = ImGui::GetCursorScreenPos().x;
        std::vector<ImVec2> mins, maxs;
        for (int i = 0; i < 6; ++i) {
            if (i > 0) sameLineIfFits(80.0f, wrapX);
            ImGui::Dummy(ImVec2(80.0f, 20.0f));
            mins.push_back(ImGui::GetItemRectMin());
            maxs.push_back(ImGui::GetItemRectMax());
        }
        ImGui::End();
        ImGui::Render();
        int lines = 1;
        for (size_t i = 0; i < mins.size(); ++i) {
            CHECK(maxs[i].x <= right);
            if (i > 0 && mins[i].y > mins[i - 1].y) {
                ++lines;
                CHECK(mins[i].x == Approx(wrapScreenX));  // a new line starts under the first item
                // It wrapped because it would not have fitted after the previous item.
                CHECK(maxs[i - 1].x + ImGui::GetStyle().ItemSpacing.x + 80.0f > right);
            }
        }
        if (width == 1000.0f)
            CHECK(lines == 1);
        else
            CHECK(lines > 1);
    }
}
