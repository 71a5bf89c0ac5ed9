// The points of a view drawn on the CPU, as the GL point shader draws them (shaders/points.frag: a disc of
// `pointSize` pixels with a 1 px linear anti-aliased edge, class colour, blended in draw order over the plot
// background). Why: under Mesa's llvmpipe each GL point costs ~0.7 µs of setup whatever its size, so the 6
// views an anchor click redraws (10,000 points each on the demo) took ~40 ms of the CPU the live panels need;
// splatting them here takes ~1 ms a view. The GL canvas uses it below its point budget under software
// rendering and uploads the image like a density image. No ImGui or GL dependence; pure; any thread.
#pragma once

#include "app/ui/plot_canvas.h"

#include <cstdint>
#include <vector>

namespace lb::ui {

// RGBA8 image (R in the low byte, row 0 = top, width × height) of the points not hidden, in their order.
// Cost O(N · pointSize²).
void splatPoints(const PlotPoints& points, const std::vector<bool>& hidden, const PlotViewport& vp, int width,
                 int height, float pointSize, std::vector<uint32_t>& rgba);

}  // namespace lb::ui
