// A line of short usage hints ("click: toggle anchor | wheel: zoom | …") that never runs past the window's
// right edge: the hints that fit are shown, the rest behind "more…", whose tooltip lists every hint. One line
// always, so a small window (1280 × 800) keeps its height for the views. Main thread only (ImGui).
#pragma once

#include <initializer_list>

namespace lb::ui {

// Draws the hints in the disabled text colour, separated by " | ". Returns how many were shown in the line.
int drawHintLine(std::initializer_list<const char*> hints);

}  // namespace lb::ui
