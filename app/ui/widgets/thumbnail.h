// A sample's thumbnail (LatentSpace::images, e.g. 28 x 28 grayscale): one quad with the canvas's texture of
// the image (PlotCanvas::imageTexture), or, where the canvas gives none (headless tests), one filled
// rectangle per pixel. Main thread only (ImGui).
#pragma once

#include "app/ui/plot_canvas.h"
#include "core/space/latent_space.h"

namespace lb::ui {

// Reserves (w * pixel) x (h * pixel) at the cursor and draws image `row`; does nothing (returns false)
// when the space has no images or the row is out of range.
bool drawThumbnail(const ImageStack& images, Index row, float pixel, PlotCanvas& canvas);

}  // namespace lb::ui
