#include "app/ui/widgets/point_splat.h"

#include "app/ui/widgets/class_palette.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

namespace {

uint32_t pack(float r, float g, float b) {
    auto ch = [](float v) { return static_cast<uint32_t>(std::clamp(v, 0.0f, 255.0f) + 0.5f); };
    return ch(r) | (ch(g) << 8) | (ch(b) << 16) | (0xFFu << 24);
}

}  // namespace

void splatPoints(const PlotPoints& points, const std::vector<bool>& hidden, const PlotViewport& vp, int width,
                 int height, float pointSize, std::vector<uint32_t>& rgba) {
    const Rgba8 bg = plotBackground();
    rgba.assign(static_cast<size_t>(width) * static_cast<size_t>(height), pack(bg.r, bg.g, bg.b));
    const float sprite = pointSize + 1.0f;  // the shader's sprite: the disc plus its 1 px fringe
    const float radius = 0.5f * pointSize;
    const float half = 0.5f * sprite;
    const size_t n = std::min(points.xy.size() / 2, points.colorIndex.size());
    for (size_t i = 0; i < n; ++i) {
        const uint16_t c = points.colorIndex[i];
        if (c != kUnlabeled && c < hidden.size() && hidden[c]) continue;
        // Window position of the point (row 0 = top), as the vertex shader maps it.
        const float px = (points.xy[2 * i] - vp.centerX) * vp.scale + width * 0.5f;
        const float py = height * 0.5f - (points.xy[2 * i + 1] - vp.centerY) * vp.scale;
        if (!(px > -sprite && px < width + sprite && py > -sprite && py < height + sprite)) continue;  // NaN too
        const Rgba8 k = classColor(c);
        // Pixels whose centres lie inside the sprite square, as the rasterizer covers a point sprite.
        const int x0 = std::max(0, static_cast<int>(std::ceil(px - half - 0.5f)));
        const int x1 = std::min(width - 1, static_cast<int>(std::floor(px + half - 0.5f)));
        const int y0 = std::max(0, static_cast<int>(std::ceil(py - half - 0.5f)));
        const int y1 = std::min(height - 1, static_cast<int>(std::floor(py + half - 0.5f)));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const float dx = x + 0.5f - px, dy = y + 0.5f - py;
                const float a = std::clamp(radius - std::sqrt(dx * dx + dy * dy) + 0.5f, 0.0f, 1.0f);
                if (a <= 0.0f) continue;
                uint32_t& d = rgba[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
                const float dr = static_cast<float>(d & 0xFF), dg = static_cast<float>((d >> 8) & 0xFF),
                            db = static_cast<float>((d >> 16) & 0xFF);
                d = pack(k.r * a + dr * (1.0f - a), k.g * a + dg * (1.0f - a), k.b * a + db * (1.0f - a));
            }
    }
}

}  // namespace lb::ui
