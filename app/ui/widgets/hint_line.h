// A line of short usage hints ("click: toggle anchor | wheel: zoom | …") that wraps between hints, never inside
// one, where the window is too narrow for all of them (a small window, presentation mode's large fonts).
// Main thread only (ImGui).
#pragma once

#include <initializer_list>

namespace lb::ui {

// Draws the hints in the disabled text colour, separated by " | ", each starting a new line where it would
// reach past the window's right content edge.
void drawHintLine(std::initializer_list<const char*> hints);

}  // namespace lb::ui
