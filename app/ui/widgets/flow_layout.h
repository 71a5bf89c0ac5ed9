// Rows of widgets that continue on a new line instead of running past the window's right edge: the analysis
// panels' option rows in the 435 px dock column of a 1280 × 800 window cut "affine" and "post-norm" off.
// Main thread only (ImGui).
#pragma once

namespace lb::ui {

// Call between two items instead of ImGui::SameLine(): the next item, `itemWidth` pixels wide, goes on the same
// line when it fits before the window's right content edge, else on a new line starting at `wrapX` (a window-local
// cursor x, e.g. where the row's first item started).
void sameLineIfFits(float itemWidth, float wrapX);

// Widths of the next item, for sameLineIfFits: a radio button with its label; a framed widget `frameWidth` wide
// (SetNextItemWidth) followed by its label (a "##hidden" label adds nothing).
float radioButtonWidth(const char* label);
float labelledItemWidth(float frameWidth, const char* label);

}  // namespace lb::ui
