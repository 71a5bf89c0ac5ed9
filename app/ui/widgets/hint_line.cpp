#include "app/ui/widgets/hint_line.h"

#include <imgui.h>

namespace lb::ui {

void drawHintLine(std::initializer_list<const char*> hints) {
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float separator = ImGui::CalcTextSize(" | ").x;
    bool first = true;
    for (const char* hint : hints) {
        if (!first) {
            ImGui::SameLine(0.0f, 0.0f);
            if (ImGui::GetCursorPosX() + separator + ImGui::CalcTextSize(hint).x <= right) {
                ImGui::TextDisabled(" | ");
                ImGui::SameLine(0.0f, 0.0f);
            } else {
                ImGui::NewLine();
            }
        }
        ImGui::TextDisabled("%s", hint);
        first = false;
    }
}

}  // namespace lb::ui
