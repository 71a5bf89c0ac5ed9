// The click rule of the class legend (the view grid's legend bar): a click toggles the class's visibility,
// ctrl + click shows only that class (or everything again when it already was the only one). Pure; kept
// apart from ImGui so it can be tested.
#pragma once

#include <cstddef>
#include <vector>

namespace lb::ui {

// Toggles class c, or with `solo` shows only c (all visible again when c was already the only visible class).
// hiddenClasses: resized to classCount if shorter; hiddenClasses[c] = true hides class c. Returns true when
// anything changed (bump PlotOverlay::version then).
bool toggleLegendClass(std::vector<bool>& hiddenClasses, size_t classCount, size_t c, bool solo);

}  // namespace lb::ui
