#include "app/ui/panels/matrix_heatmap.h"

#include "app/ui/widgets/elided_text.h"

#include <algorithm>

namespace lb::ui {

HeatmapGeometry heatmapGeometry(const HeatmapSpec& spec, float availableWidth) {
    HeatmapGeometry g;
    g.lineH = ImGui::GetTextLineHeight();
    g.labelW = ImGui::CalcTextSize(spec.rowCaption.c_str()).x;
    for (const std::string& s : spec.names) g.labelW = std::max(g.labelW, ImGui::CalcTextSize(s.c_str()).x);
    g.labelW = std::min(g.labelW + 14.0f, 220.0f);
    g.cellW = std::clamp((availableWidth - g.labelW) / static_cast<float>(std::max<size_t>(spec.names.size(), 1)),
                         56.0f, 170.0f);
    g.cellH = std::clamp(g.cellW * 0.45f, 2.6f * g.lineH, 72.0f);
    return g;
}

HeatmapGeometry drawMatrixHeatmap(const HeatmapSpec& spec, const PanelContext& ctx) {
    const size_t n = spec.names.size();
    const HeatmapGeometry g = heatmapGeometry(spec, ImGui::GetContentRegionAvail().x);
    if (n == 0) return g;
    const float lineH = g.lineH, labelW = g.labelW, cellW = g.cellW, cellH = g.cellH;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const ImU32 caption = IM_COL32(170, 190, 220, 255), nameCol = IM_COL32(235, 235, 240, 255);
    const ImU32 absentText = IM_COL32(170, 170, 175, 255);
    dl->AddText(ImVec2(o.x + labelW, o.y), caption, spec.columnCaption.c_str());
    dl->AddText(ImVec2(o.x, o.y + lineH * 1.25f), caption, spec.rowCaption.c_str());
    const float gridY = o.y + g.gridTop();
    // Names that do not fit are shortened in the middle (seeds and suffixes tell spaces apart at the end);
    // hovering a shortened one shows it whole.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto drawName = [&](const std::string& name, ImVec2 at, float width, bool centred, ImU32 colour) {
        const std::string shown = elideMiddleToWidth(name, width);
        const ImVec2 ts = ImGui::CalcTextSize(shown.c_str());
        if (centred) at.x += std::max(0.0f, (width - ts.x) * 0.5f);
        dl->AddText(at, colour, shown.c_str());
        if (shown != name && ImGui::IsWindowHovered() && mouse.x >= at.x && mouse.x < at.x + ts.x && mouse.y >= at.y &&
            mouse.y < at.y + ts.y)
            ImGui::SetTooltip("%s", name.c_str());
    };
    for (size_t t = 0; t < n; ++t) {
        const float x0 = o.x + labelW + static_cast<float>(t) * cellW;
        drawName(spec.names[t], ImVec2(x0 + 4, o.y + lineH * 1.25f), cellW - 8, true, nameCol);
    }
    for (size_t s = 0; s < n; ++s) {
        const float y0 = gridY + static_cast<float>(s) * cellH;
        drawName(spec.names[s], ImVec2(o.x, y0 + (cellH - lineH) * 0.5f), labelW - 6, false,
                 IM_COL32(230, 230, 235, 255));
        for (size_t t = 0; t < n; ++t) {
            const ImVec2 a(o.x + labelW + static_cast<float>(t) * cellW, y0);
            const ImVec2 b(a.x + cellW - 2, a.y + cellH - 2);
            const HeatmapCell c = spec.cell(s, t);
            const ImU32 bg = c.present ? rampColor(c.shade) : IM_COL32(55, 55, 62, 255);
            dl->AddRectFilled(a, b, spec.stale ? (bg & 0x00FFFFFF) | 0x90000000 : bg);
            if (s == t) dl->AddRect(a, b, IM_COL32(255, 255, 255, 220), 0, 0, 2.0f);
            const std::string text = c.present ? c.text : std::string(ctx.dash());
            const ImU32 textCol = c.present ? textColorOn(c.shade) : absentText;
            const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
            const float lift = c.subtext.empty() ? 0.0f : lineH * 0.35f;
            dl->AddText(ImVec2(a.x + (cellW - ts.x) * 0.5f, a.y + (cellH - ts.y) * 0.5f - lift), textCol, text.c_str());
            if (!c.subtext.empty()) {
                const ImVec2 ns = ImGui::CalcTextSize(c.subtext.c_str());
                dl->AddText(ImVec2(a.x + (cellW - ns.x) * 0.5f, a.y + (cellH + ts.y) * 0.5f - lineH * 0.2f), textCol,
                            c.subtext.c_str());
            }
            if (spec.tooltip && ImGui::IsWindowHovered() && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y &&
                mouse.y < b.y) {
                ImGui::BeginTooltip();
                spec.tooltip(s, t);
                ImGui::EndTooltip();
            }
        }
    }
    return g;
}

}  // namespace lb::ui
