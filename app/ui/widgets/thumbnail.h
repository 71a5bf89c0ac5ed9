// A sample's thumbnail (LatentSpace::images, e.g. 28 x 28 grayscale) drawn as filled rectangles with the
// ImGui draw list: no GL texture needed, so it works in tooltips, tables and headless tests alike.
// Main thread only (ImGui).
#pragma once

#include "core/space/latent_space.h"

namespace lb::ui {

// Reserves (w * pixel) x (h * pixel) at the cursor and draws image `row`; does nothing (returns false)
// when the space has no images or the row is out of range. Cost O(h·w) rectangles.
bool drawThumbnail(const ImageStack& images, Index row, float pixel);

}  // namespace lb::ui
