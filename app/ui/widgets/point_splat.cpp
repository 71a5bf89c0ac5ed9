#include "app/ui/widgets/point_splat.h"

#include "app/ui/widgets/class_palette.h"

#include <algorithm>
#include <cmath>

#include <omp.h>

namespace lb::ui {

namespace {

uint32_t pack(float r, float g, float b) {
    auto ch = [](float v) { return static_cast<uint32_t>(std::clamp(v, 0.0f, 255.0f) + 0.5f); };
    return ch(r) | (ch(g) << 8) | (ch(b) << 16) | (0xFFu << 24);
}

// Window position of data point i (row 0 = top), as the vertex shader maps it.
struct Projected {
    float x, y;
};
Projected project(const PlotPoints& points, size_t i, const PlotViewport& vp, int width, int height) {
    return {(points.xy[2 * i] - vp.centerX) * vp.scale + width * 0.5f,
            height * 0.5f - (points.xy[2 * i + 1] - vp.centerY) * vp.scale};
}

// The image's rows [y0, y1): each thread splats every sprite into its own band of rows, in draw order, so
// the picture is the same as one thread's.
struct Band {
    int y0, y1;
};

// One sprite of shaders/points.frag at (px, py): colour `fill` (0-255) at `pass.fillAlpha`, mixed towards the
// ring colour over its outer ring, times the 1 px anti-aliased disc coverage, blended over the image's rows
// in `band`.
void splatSprite(std::vector<uint32_t>& rgba, int width, int height, Band band, float px, float py, const Rgba8& fill,
                 const MarkerPass& pass) {
    const float sprite = pass.size + 1.0f;  // the disc plus its 1 px fringe
    const float half = 0.5f * sprite, radius = 0.5f * pass.size;
    if (!(px > -sprite && px < width + sprite && py > -sprite && py < height + sprite)) return;  // NaN too
    // Pixels whose centres lie inside the sprite square, as the rasterizer covers a point sprite.
    const int x0 = std::max(0, static_cast<int>(std::ceil(px - half - 0.5f)));
    const int x1 = std::min(width - 1, static_cast<int>(std::floor(px + half - 0.5f)));
    const int y0 = std::max(band.y0, static_cast<int>(std::ceil(py - half - 0.5f)));
    const int y1 = std::min(band.y1 - 1, static_cast<int>(std::floor(py + half - 0.5f)));
    const float* ring = pass.ringColor;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const float dx = x + 0.5f - px, dy = y + 0.5f - py;
            const float r = std::sqrt(dx * dx + dy * dy);
            const float coverage = std::clamp(radius - r + 0.5f, 0.0f, 1.0f);
            if (coverage <= 0.0f) continue;
            float cr = fill.r, cg = fill.g, cb = fill.b, ca = pass.fillAlpha;
            if (pass.ringWidth > 0.0f) {
                const float t = std::clamp(r - (radius - pass.ringWidth) + 0.5f, 0.0f, 1.0f);
                cr += (ring[0] * 255.0f - cr) * t;
                cg += (ring[1] * 255.0f - cg) * t;
                cb += (ring[2] * 255.0f - cb) * t;
                ca += (ring[3] - ca) * t;
            }
            const float a = ca * coverage;
            if (a <= 0.0f) continue;
            uint32_t& d = rgba[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
            const float dr = static_cast<float>(d & 0xFF), dg = static_cast<float>((d >> 8) & 0xFF),
                        db = static_cast<float>((d >> 16) & 0xFF);
            d = pack(cr * a + dr * (1.0f - a), cg * a + dg * (1.0f - a), cb * a + db * (1.0f - a));
        }
}

bool isHidden(uint16_t c, const std::vector<bool>& hidden) { return c != kUnlabeled && c < hidden.size() && hidden[c]; }

// f(band) for horizontal bands of the image, one per OpenMP thread when there is enough to splat (the views an
// anchor click redraws are drawn in the frame that shows them: two threads halve its ~20 ms of splatting).
template <class F>
void forEachBand(int height, size_t sprites, F&& f) {
    const int bands = sprites >= 2000 && height >= 64 ? std::clamp(omp_get_max_threads(), 1, 8) : 1;
#pragma omp parallel for schedule(static) num_threads(bands) if (bands > 1)
    for (int b = 0; b < bands; ++b) f(Band{height * b / bands, height * (b + 1) / bands});
}

}  // namespace

std::vector<MarkerPass> markerPasses(float pointSize, size_t anchors) {
    using R = MarkerPass::Rows;
    const float grow = anchors <= 30 ? 8.0f : anchors <= 100 ? 6.0f : 4.0f;
    return {
        {R::Selected, pointSize + 3.0f, 1.5f, {1.0f, 0.84f, 0.29f, 1.0f}, 1.0f, false},
        {R::Anchors, pointSize + grow + 3.0f, 1000.0f, {0.05f, 0.05f, 0.07f, 0.85f}, 1.0f, true},  // halo
        {R::Anchors, pointSize + grow, grow > 5.0f ? 2.5f : 1.5f, {0.97f, 0.97f, 1.0f, 1.0f}, 1.0f, true},
        {R::Hovered, pointSize + 14.0f, 2.5f, {0.97f, 0.97f, 1.0f, 1.0f}, 0.0f, true},
    };
}

void splatPoints(const PlotPoints& points, const std::vector<bool>& hidden, const PlotViewport& vp, int width,
                 int height, float pointSize, std::vector<uint32_t>& rgba) {
    const Rgba8 bg = plotBackground();
    rgba.assign(static_cast<size_t>(width) * static_cast<size_t>(height), pack(bg.r, bg.g, bg.b));
    MarkerPass plain{MarkerPass::Rows::Selected, pointSize};  // a plain opaque disc
    const size_t n = std::min(points.xy.size() / 2, points.colorIndex.size());
    forEachBand(height, n, [&](Band band) {
        for (size_t i = 0; i < n; ++i) {
            const uint16_t c = points.colorIndex[i];
            if (isHidden(c, hidden)) continue;
            const Projected p = project(points, i, vp, width, height);
            splatSprite(rgba, width, height, band, p.x, p.y, classColor(c), plain);
        }
    });
}

void splatMarkers(const PlotPoints& points, const PlotOverlay& overlay, const PlotViewport& vp, int width, int height,
                  float pointSize, std::vector<uint32_t>& rgba) {
    const size_t n = std::min(points.xy.size() / 2, points.colorIndex.size());
    const std::vector<int64_t> hovered = overlay.hovered >= 0 ? std::vector<int64_t>{overlay.hovered} : std::vector<int64_t>{};
    const auto inside = [n](int64_t r) { return r >= 0 && static_cast<size_t>(r) < n; };
    const auto anchors = static_cast<size_t>(std::count_if(overlay.anchors.begin(), overlay.anchors.end(), inside));
    for (const MarkerPass& pass : markerPasses(pointSize, anchors)) {
        const std::vector<int64_t>& rows = pass.rows == MarkerPass::Rows::Selected ? overlay.selected
                                           : pass.rows == MarkerPass::Rows::Anchors ? overlay.anchors
                                                                                   : hovered;
        for (int64_t r : rows) {
            if (!inside(r)) continue;
            const uint16_t c = points.colorIndex[static_cast<size_t>(r)];
            if (!pass.showHidden && isHidden(c, overlay.hiddenClasses)) continue;
            const Projected p = project(points, static_cast<size_t>(r), vp, width, height);
            splatSprite(rgba, width, height, Band{0, height}, p.x, p.y, classColor(c), pass);
        }
    }
}

}  // namespace lb::ui
