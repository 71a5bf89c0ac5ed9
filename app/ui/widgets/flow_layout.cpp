#include "app/ui/widgets/flow_layout.h"

#include <imgui.h>

namespace lb::ui {

void sameLineIfFits(float itemWidth, float wrapX) {
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + itemWidth <= ImGui::GetWindowContentRegionMax().x) return;
    ImGui::NewLine();
    ImGui::SetCursorPosX(wrapX);
}

float radioButtonWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

float labelledItemWidth(float frameWidth, const char* label) {
    const float text = ImGui::CalcTextSize(label, nullptr, true).x;
    return frameWidth + (text > 0 ? ImGui::GetStyle().ItemInnerSpacing.x + text : 0.0f);
}

}  // namespace lb::ui
