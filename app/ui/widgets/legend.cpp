#include "app/ui/widgets/legend.h"

#include "app/ui/widgets/class_palette.h"

#include <imgui.h>

#include <cstdio>

namespace lb::ui {

bool toggleLegendClass(std::vector<bool>& hidden, size_t classCount, size_t c, bool solo) {
    if (hidden.size() < classCount) hidden.resize(classCount, false);
    if (c >= classCount) return false;
    if (!solo) {
        hidden[c] = !hidden[c];
        return true;
    }
    bool onlyC = !hidden[c];
    for (size_t k = 0; k < classCount && onlyC; ++k) onlyC = k == c || hidden[k];
    const std::vector<bool> before = hidden;
    for (size_t k = 0; k < classCount; ++k) hidden[k] = onlyC ? false : k != c;
    return hidden != before;
}

bool drawLegend(const char* id, const std::vector<std::string>& names, std::vector<bool>& hidden,
                const std::vector<int64_t>* counts) {
    const size_t numClasses = names.size();
    if (hidden.size() < numClasses) hidden.resize(numClasses, false);
    bool changed = false;
    ImGui::PushID(id);
    bool anyHidden = false;
    for (size_t c = 0; c < numClasses; ++c) anyHidden = anyHidden || hidden[c];
    if (anyHidden && ImGui::SmallButton("Show all")) {
        for (size_t c = 0; c < numClasses; ++c) hidden[c] = false;
        changed = true;
    }
    const float lineH = ImGui::GetTextLineHeight();
    for (size_t c = 0; c < numClasses; ++c) {
        ImGui::PushID(static_cast<int>(c));
        const bool isHidden = hidden[c];
        const ImVec2 p = ImGui::GetCursorScreenPos();
        char label[64];
        if (counts && c < counts->size())
            std::snprintf(label, sizeof label, "%lld", static_cast<long long>((*counts)[c]));
        else
            label[0] = '\0';
        // The whole row is the click target; swatch and text are drawn over it.
        if (ImGui::Selectable("##row", false, 0, ImVec2(0, lineH))) {
            changed |= toggleLegendClass(hidden, numClasses, c, ImGui::GetIO().KeyCtrl);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: click to %s, ctrl + click to show only this class", names[c].c_str(),
                              isHidden ? "show" : "hide");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImU32 col = classColorU32(static_cast<uint16_t>(c));
        const ImVec2 a(p.x + 2, p.y + 2), b(p.x + lineH - 2, p.y + lineH - 2);
        if (isHidden) dl->AddRect(a, b, col, 2.0f, 0, 1.5f);
        else dl->AddRectFilled(a, b, col, 2.0f);
        const ImU32 textCol = ImGui::GetColorU32(isHidden ? ImGuiCol_TextDisabled : ImGuiCol_Text);
        dl->AddText(ImVec2(p.x + lineH + 4, p.y), textCol, names[c].c_str());
        if (label[0]) {
            const float w = ImGui::CalcTextSize(label).x;
            const float right = p.x + ImGui::GetContentRegionAvail().x;
            dl->AddText(ImVec2(right - w, p.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
        }
        ImGui::PopID();
    }
    ImGui::PopID();
    return changed;
}

}  // namespace lb::ui
