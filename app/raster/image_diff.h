// Where two images of the same size differ: the bounding box of the changed pixels. The views are redrawn into
// their textures as a whole, but most redraws change little of them (a new anchor adds one ring to each of the
// 9 views; a hovered sample, two): uploading and redrawing on screen only that box spares a software rasterizer
// most of the work (frame_damage.h). No ImGui or GL dependence; pure; any thread.
#pragma once

#include <cstdint>

namespace lb::ui {

// Pixels [x0, x1) × [y0, y1); empty when nothing changed.
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return !(x1 > x0 && y1 > y0); }
};

// The smallest rectangle holding every pixel where `before` and `after` (width × height RGBA8 words, row-major,
// no padding) differ. Cost: one comparison of the two images, less where whole rows are equal.
PixelRect changedPixels(const uint32_t* before, const uint32_t* after, int width, int height);

}  // namespace lb::ui
