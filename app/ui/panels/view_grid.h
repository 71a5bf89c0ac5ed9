// The main area's grid of scatter views: one row per space, columns absolute / relative / translated, a
// legend shared by all views, linked hover (tooltip with neighbours in every space) and linked selection.
// Clicking a point toggles it as an anchor. Main thread only.
#pragma once

namespace lb::ui {
struct AppState;
void drawViewGrid(struct AppState& st);
// The hover tooltip (key, label, text, thumbnail, k = 5 cosine neighbours per space and their overlap with
// the reference's). Computes neighbours once per hovered sample: O(N·D) per space.
void drawSampleTooltip(AppState& st);
}  // namespace lb::ui
