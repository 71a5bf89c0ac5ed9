// Density rendering for views with more points than the renderer's point budget: points are binned on the
// CPU into one bin per pixel, and each pixel is coloured by its dominant class with brightness growing
// with log(count). No ImGui or GL dependence (the GL canvas uploads the image as a texture).
//
// Dominant class = majority vote (Boyer-Moore, mergeable across threads): exact whenever one class holds
// more than half of a pixel's points, otherwise one of the frequent classes. It costs O(1) memory per
// pixel whatever the number of classes C.
// Cost: O(N) over the points, split across up to `threads` threads (each with its own W x H bins,
// 10 bytes per pixel), then O(W x H) to merge and colour. Pure; any thread.
#pragma once

#include "app/raster/plot_data.h"

#include <cstdint>
#include <vector>

namespace lb::ui {

struct DensityBins {
    int width = 0, height = 0;
    std::vector<uint32_t> count;     // W x H points per pixel, row 0 = top of the view
    std::vector<uint16_t> dominant;  // W x H majority-vote class (kUnlabeled for unlabeled points)
    uint32_t maxCount = 0;
    size_t binnedPoints = 0;  // points that fell inside the view and are not hidden
};

// Pixel of a data point under the PlotViewport mapping (row 0 = top); false when outside W x H.
bool pixelOf(const PlotViewport& vp, int width, int height, float x, float y, int& col, int& row);

// Points inside the view whose class is not hidden: what a point renderer would draw, counting no further than
// `upTo` (enough to tell a view over the point budget without reading all of its million points). O(N), one thread.
size_t countVisiblePoints(const PlotPoints& points, const std::vector<bool>& hidden, const PlotViewport& vp, int width,
                          int height, size_t upTo = SIZE_MAX);

// threads <= 0: std::thread::hardware_concurrency(), at most 8; small inputs use one thread.
void binPoints(const PlotPoints& points, const std::vector<bool>& hidden, const PlotViewport& vp, int width, int height,
               DensityBins& out, int threads = 0);

// RGBA8 image (R in the low byte, row 0 = top) of the bins: background where empty, else the dominant
// class colour scaled by 0.3 + 0.7 * log(1 + count) / log(1 + maxCount).
void colorDensity(const DensityBins& bins, std::vector<uint32_t>& rgba);

}  // namespace lb::ui
