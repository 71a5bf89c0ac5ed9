#include "app/ui/widgets/hint_line.h"

#include <imgui.h>

namespace lb::ui {

int drawHintLine(std::initializer_list<const char*> hints) {
    constexpr const char* kSeparator = " | ";
    constexpr const char* kMore = "more...";
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float separator = ImGui::CalcTextSize(kSeparator).x, more = ImGui::CalcTextSize(kMore).x;
    const float start = ImGui::GetCursorPosX();
    float x = start;
    int shown = 0;
    const int count = static_cast<int>(hints.size());
    for (const char* hint : hints) {
        const float w = (shown > 0 ? separator : 0.0f) + ImGui::CalcTextSize(hint).x;
        // The last hint needs only its own width; any other must leave room for " | more..." after it.
        const bool last = shown + 1 == count;
        if (x + w + (last ? 0.0f : separator + more) > right) break;
        if (shown > 0) {
            ImGui::SameLine(0.0f, 0.0f);
            ImGui::TextDisabled("%s", kSeparator);
            ImGui::SameLine(0.0f, 0.0f);
        }
        ImGui::TextDisabled("%s", hint);
        x += w;
        ++shown;
    }
    if (shown < count) {
        ImGui::SameLine(0.0f, 0.0f);
        ImGui::TextDisabled("%s%s", shown > 0 ? kSeparator : "", kMore);
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            for (const char* hint : hints) ImGui::TextUnformatted(hint);
            ImGui::EndTooltip();
        }
    }
    return shown;
}

}  // namespace lb::ui
