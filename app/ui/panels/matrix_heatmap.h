// A spaces × spaces matrix drawn as a heatmap: a column of row names, a row of column names, n × n coloured
// cells with their values, the diagonal outlined, a tooltip per cell. The stitching matrix (sources × target
// heads) and the measure matrix (space A × space B) both draw through it; each says what its cells hold.
#pragma once

#include "app/ui/panels/analysis_common.h"

#include <imgui.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

struct HeatmapCell {
    bool present = false;  // false: drawn grey with a dash
    float shade = 0;       // position on the colour ramp, 0 = worst, 1 = best
    std::string text;      // the value as shown
    std::string subtext;   // a second line under it (e.g. "native"), empty = none
};

struct HeatmapSpec {
    std::vector<std::string> names;  // n spaces, rows and columns alike
    std::string columnCaption, rowCaption;
    bool stale = false;  // cells dimmed: an update is on its way
    // Cell (row, column); called once per cell per frame.
    std::function<HeatmapCell(size_t row, size_t column)> cell;
    // The body of the hovered cell's tooltip (inside BeginTooltip / EndTooltip).
    std::function<void(size_t row, size_t column)> tooltip;
};

// Sizes of the heatmap for an available width.
struct HeatmapGeometry {
    float lineH = 0, labelW = 0, cellW = 0, cellH = 0;
    float gridTop() const { return 2.5f * lineH; }
    float gridHeight(size_t n) const { return gridTop() + static_cast<float>(n) * cellH; }
};
HeatmapGeometry heatmapGeometry(const HeatmapSpec& spec, float availableWidth);

// Draws at the cursor and returns the geometry it used (a caller's legend goes below gridHeight). Does not advance
// the cursor: the caller reserves the height it draws (grid plus its own legend) with ImGui::Dummy.
HeatmapGeometry drawMatrixHeatmap(const HeatmapSpec& spec, const PanelContext& ctx);

}  // namespace lb::ui
