// The points of a view drawn on the CPU, as the GL point shader draws them (shaders/points.frag: a disc of
// `pointSize` pixels with a 1 px linear anti-aliased edge, class colour, blended in draw order over the plot
// background), and the overlay markers (selection, anchors, hover) over them. Why: under Mesa's llvmpipe each
// GL point has a fixed CPU setup cost whatever its size, so drawing the 6 views an anchor click redraws
// (10,000 points each on the demo) as GL points takes CPU the live panels need; splatting them here costs far
// less. The same holds for the markers as GL draws (a blit of the base image, then points), for all 9 views
// of every anchor click. The GL canvas uses both under software rendering and uploads the images like a
// density image. No ImGui or GL dependence; pure; any thread.
#pragma once

#include "app/raster/plot_data.h"

#include <cstdint>
#include <vector>

namespace lb::ui {

// How one kind of marker is drawn (shaders/points.frag's uniforms): sprite diameter, an outer ring of
// ringWidth pixels in ringColor (0: none), the class-coloured interior at fillAlpha, and whether points of
// hidden classes get one (anchors do: they define the relative space).
struct MarkerPass {
    enum class Rows { Selected, Fresh, Anchors, Discovered, Hovered } rows;
    float size = 0.0f;
    float ringWidth = 0.0f;
    float ringColor[4] = {0, 0, 0, 0};  // RGBA in [0, 1]
    float fillAlpha = 1.0f;
    bool showHidden = false;
};

// The marker passes in draw order, for points of `pointSize` and `anchors` anchors: selected (class colour,
// thin rim in selectionColor()), the anchors the last edit added (PlotOverlay::fresh: a dark disc and a white ring
// wider than an anchor marker and the hover ring, at freshGlow's strength; no pass when it is 0), anchors (a dark halo,
// then a white ring; markers shrink as anchors grow in number: a handful stands out, 300 random anchors stay readable),
// discovered anchors (PlotOverlay::discovered: the anchor marker with an amber ring and hollowed out, a dark gap
// around a small class-coloured dot, so a discovered pair reads apart from a picked anchor in any colouring; no
// pass when `discovered` is 0), hovered (a hollow white ring, on top). The GL canvas and splatMarkers
// draw the same passes.
std::vector<MarkerPass> markerPasses(float pointSize, size_t anchors, float freshGlow = 0.0f, size_t discovered = 0);

// Working planes of splatPoints (4 floats per pixel), kept by the caller between redraws of one view so a redraw
// neither allocates nor faults in fresh pages.
struct SplatScratch {
    std::vector<float> transmittance;     // W x H: how much of what lies below still shows through
    std::vector<float> red, green, blue;  // W x H: colour composited so far, premultiplied by coverage
};

// RGBA8 image (R in the low byte, row 0 = top, width × height) of the points not hidden, each later point over the
// earlier ones, as the GL point pass blends them. The points are composited front to back (the last drawn first,
// each earlier one under what is there), so a pixel covered once and for all skips the points below it: a view
// whose points overlap many times over (100k points in a few hundred pixels squared) costs about the pixels it
// covers, not N · pointSize². Equal to painting in order up to 8-bit rounding (within 1 level).
// Cost O(N + W·H + the visible sprite pixels). One thread.
void splatPoints(const PlotPoints& points, const std::vector<bool>& hidden, const PlotViewport& vp, int width,
                 int height, float pointSize, std::vector<uint32_t>& rgba, SplatScratch& scratch);

// The overlay's markers (markerPasses) blended over `rgba` (an image of width × height, e.g. splatPoints').
// Rows outside the points are skipped. Cost O(markers · size²).
void splatMarkers(const PlotPoints& points, const PlotOverlay& overlay, const PlotViewport& vp, int width, int height,
                  float pointSize, std::vector<uint32_t>& rgba);

}  // namespace lb::ui
