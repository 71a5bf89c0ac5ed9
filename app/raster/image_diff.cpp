#include "app/raster/image_diff.h"

#include <algorithm>
#include <cstring>

namespace lb::ui {

PixelRect changedPixels(const uint32_t* before, const uint32_t* after, int width, int height) {
    const auto w = static_cast<size_t>(std::max(width, 0));
    const auto rowEqual = [&](int y) {
        const size_t at = static_cast<size_t>(y) * w;
        return std::memcmp(before + at, after + at, w * sizeof(uint32_t)) == 0;
    };
    PixelRect r;
    int y0 = 0, y1 = height;
    while (y0 < height && rowEqual(y0)) ++y0;
    if (y0 == height) return r;  // nothing changed
    while (y1 > y0 && rowEqual(y1 - 1)) --y1;
    int x0 = width, x1 = 0;
    for (int y = y0; y < y1; ++y) {
        const uint32_t* b = before + static_cast<size_t>(y) * w;
        const uint32_t* a = after + static_cast<size_t>(y) * w;
        int left = 0;
        while (left < x0 && b[left] == a[left]) ++left;
        if (left == width) continue;  // an equal row between changed ones
        x0 = std::min(x0, left);
        int right = width;
        while (right > x1 && b[right - 1] == a[right - 1]) --right;
        x1 = std::max(x1, right);
    }
    return {x0, y0, x1, y1};
}

}  // namespace lb::ui
