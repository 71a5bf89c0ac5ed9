// Legend of class colours: a swatch + name (+ optional count) per class; a click toggles the class's
// visibility, ctrl + click shows only that class (or everything again when it already was the only one).
// Main thread only (ImGui).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lb::ui {

// classNames: C names (class c has colour classColor(c)). hiddenClasses: resized to C if shorter;
// hiddenClasses[c] = true hides class c. counts: optional C point counts shown after the names.
// Returns true when hiddenClasses changed this frame (bump PlotOverlay::version then).
bool drawLegend(const char* id, const std::vector<std::string>& classNames, std::vector<bool>& hiddenClasses,
                const std::vector<int64_t>* counts = nullptr);

// The click rule, separated from ImGui so it can be tested: toggles class c, or with `solo` shows only c
// (all visible again when c was already the only visible class). Returns true when anything changed.
bool toggleLegendClass(std::vector<bool>& hiddenClasses, size_t classCount, size_t c, bool solo);

}  // namespace lb::ui
