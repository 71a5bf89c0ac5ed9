#include "app/raster/point_splat.h"

#include "app/raster/class_palette.h"

#include <algorithm>
#include <cmath>

#ifdef __AVX2__
#include <immintrin.h>
#endif

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

// The pixels a point sprite of `size` px at window (px, py) covers in a width x height image: those whose centres
// lie inside the sprite square (the disc plus its 1 px fringe), as the rasterizer covers a point sprite. Empty
// (x0 > x1 or y0 > y1) when the sprite lies outside the image or its centre is not finite.
struct SpriteBox {
    int x0 = 0, x1 = -1, y0 = 0, y1 = -1;
    bool empty() const { return x0 > x1 || y0 > y1; }
};
SpriteBox spriteBox(float px, float py, float size, int width, int height) {
    const float sprite = size + 1.0f;
    const float half = 0.5f * sprite;
    if (!(px > -sprite && px < width + sprite && py > -sprite && py < height + sprite)) return {};  // NaN too
    return {std::max(0, static_cast<int>(std::ceil(px - half - 0.5f))),
            std::min(width - 1, static_cast<int>(std::floor(px + half - 0.5f))),
            std::max(0, static_cast<int>(std::ceil(py - half - 0.5f))),
            std::min(height - 1, static_cast<int>(std::floor(py + half - 0.5f)))};
}

// What shades one sprite's pixels (MarkerPass and the sprite's centre, in window pixels).
struct SpriteShade {
    float px = 0, radius = 0;
    float fill[3] = {0, 0, 0}, fillAlpha = 1;  // class colour (0-255) and its alpha
    float ring[3] = {0, 0, 0}, ringAlpha = 0;  // ring colour (0-255) and alpha
    float ringWidth = 0;                       // 0: no ring
};

#ifdef __AVX2__
__m256 clamp01(__m256 v) {
    return _mm256_min_ps(_mm256_max_ps(v, _mm256_setzero_ps()), _mm256_set1_ps(1.0f));
}

// Pixels [x0, x1] of one sprite row, dy from the sprite's centre, eight at a time: the scalar version's
// arithmetic lane by lane, without its branches (a pixel outside the disc gets alpha 0, which writes its own
// bytes back: every pixel's alpha byte is 0xFF). A compiler does not vectorize the scalar loop over such
// short rows.
void shadeRow(uint32_t* row, int x0, int x1, float dy, const SpriteShade& s) {
    const __m256 lane = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i laneIndex = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256 dy2 = _mm256_set1_ps(dy * dy), one = _mm256_set1_ps(1.0f);
    const __m256 outerEdge = _mm256_set1_ps(s.radius + 0.5f), ringStart = _mm256_set1_ps(s.radius - s.ringWidth - 0.5f);
    const __m256 ringOn = _mm256_set1_ps(s.ringWidth > 0.0f ? 1.0f : 0.0f);
    const __m256i byte = _mm256_set1_epi32(0xFF);
    for (int x = x0; x <= x1; x += 8) {
        const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(x1 - x + 1), laneIndex);
        const __m256 dx = _mm256_add_ps(_mm256_set1_ps(static_cast<float>(x) + 0.5f - s.px), lane);
        const __m256 r = _mm256_sqrt_ps(_mm256_add_ps(_mm256_mul_ps(dx, dx), dy2));
        const __m256 coverage = clamp01(_mm256_sub_ps(outerEdge, r));
        const __m256 t = _mm256_mul_ps(ringOn, clamp01(_mm256_sub_ps(r, ringStart)));
        const __m256 fillA = _mm256_set1_ps(s.fillAlpha);
        const __m256 a = _mm256_mul_ps(
            _mm256_add_ps(fillA, _mm256_mul_ps(_mm256_sub_ps(_mm256_set1_ps(s.ringAlpha), fillA), t)), coverage);
        const __m256 keep = _mm256_sub_ps(one, a);
        const __m256i d = _mm256_maskload_epi32(reinterpret_cast<const int*>(row + x), mask);
        __m256i out = _mm256_set1_epi32(static_cast<int>(0xFF000000u));
        for (int c = 0; c < 3; ++c) {
            const __m256 fillC = _mm256_set1_ps(s.fill[c]);
            const __m256 colour =
                _mm256_add_ps(fillC, _mm256_mul_ps(_mm256_sub_ps(_mm256_set1_ps(s.ring[c]), fillC), t));
            const __m256 below = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(d, 8 * c), byte));
            const __m256 v = _mm256_add_ps(_mm256_mul_ps(colour, a), _mm256_mul_ps(below, keep));
            const __m256 rounded = _mm256_add_ps(
                _mm256_min_ps(_mm256_max_ps(v, _mm256_setzero_ps()), _mm256_set1_ps(255.0f)), _mm256_set1_ps(0.5f));
            out = _mm256_or_si256(out, _mm256_slli_epi32(_mm256_cvttps_epi32(rounded), 8 * c));
        }
        _mm256_maskstore_epi32(reinterpret_cast<int*>(row + x), mask, out);
    }
}
#else
// Pixels [x0, x1] of one sprite row, dy from the sprite's centre. Pixels at r >= radius + 0.5 get no
// coverage; for an opaque ringless sprite (every plain point) those at r <= radius - 0.5 get the fill colour
// itself: only the 1 px fringe blends.
void shadeRow(uint32_t* row, int x0, int x1, float dy, const SpriteShade& s) {
    const float outer2 = (s.radius + 0.5f) * (s.radius + 0.5f);
    const float inner = s.radius - 0.5f;
    const bool opaqueDisc = s.ringWidth <= 0.0f && s.fillAlpha >= 1.0f;
    const float inner2 = opaqueDisc && inner > 0.0f ? inner * inner : -1.0f;
    const uint32_t solid = pack(s.fill[0], s.fill[1], s.fill[2]);
    for (int x = x0; x <= x1; ++x) {
        const float dx = x + 0.5f - s.px;
        const float r2 = dx * dx + dy * dy;
        if (r2 >= outer2) continue;
        if (r2 <= inner2) {
            row[x] = solid;
            continue;
        }
        const float r = std::sqrt(r2);
        const float coverage = std::clamp(s.radius + 0.5f - r, 0.0f, 1.0f);
        const float t = s.ringWidth > 0.0f ? std::clamp(r - (s.radius - s.ringWidth - 0.5f), 0.0f, 1.0f) : 0.0f;
        float c[3];
        for (int k = 0; k < 3; ++k) c[k] = s.fill[k] + (s.ring[k] - s.fill[k]) * t;
        const float a = (s.fillAlpha + (s.ringAlpha - s.fillAlpha) * t) * coverage;
        if (a <= 0.0f) continue;
        const uint32_t d = row[x];
        const float below[3] = {static_cast<float>(d & 0xFF), static_cast<float>((d >> 8) & 0xFF),
                                static_cast<float>((d >> 16) & 0xFF)};
        row[x] =
            pack(c[0] * a + below[0] * (1.0f - a), c[1] * a + below[1] * (1.0f - a), c[2] * a + below[2] * (1.0f - a));
    }
}
#endif

// One sprite of shaders/points.frag at (px, py): colour `fill` (0-255) at `pass.fillAlpha`, mixed towards the
// ring colour over its outer ring, times the 1 px anti-aliased disc coverage, blended over the image.
void splatSprite(std::vector<uint32_t>& rgba, int width, int height, float px, float py, const Rgba8& fill,
                 const MarkerPass& pass) {
    const SpriteBox box = spriteBox(px, py, pass.size, width, height);
    if (box.empty()) return;
    SpriteShade s;
    s.px = px;
    s.radius = 0.5f * pass.size;
    s.fill[0] = fill.r, s.fill[1] = fill.g, s.fill[2] = fill.b;
    s.fillAlpha = pass.fillAlpha;
    for (int k = 0; k < 3; ++k) s.ring[k] = pass.ringColor[k] * 255.0f;
    s.ringAlpha = pass.ringColor[3];
    s.ringWidth = pass.ringWidth;
    for (int y = box.y0; y <= box.y1; ++y)
        shadeRow(rgba.data() + static_cast<size_t>(y) * static_cast<size_t>(width), box.x0, box.x1, y + 0.5f - py, s);
}

// splatPoints' planes (SplatScratch) as pointers; pixel k of each at [k].
struct UnderPlanes {
    float *t, *r, *g, *b;
};
// Below this, what still shows through a pixel adds under a quarter of a level to any channel: it is taken as
// covered, and the points below skip it.
constexpr float kCovered = 1.0f / 1024.0f;

#ifdef __AVX2__
// Pixels [x0, x1] of one row of a plain disc (radius, 1 px anti-aliased edge, colour `fill` 0-255) at window x `px`,
// dy from its centre, composited under the planes' pixels from `rowStart`: colour += T · a · fill, T *= 1 - a.
// A row whose pixels are all covered costs one load and a test.
void compositeUnderRow(const UnderPlanes& pl, size_t rowStart, int x0, int x1, float px, float dy, float radius,
                       const float fill[3]) {
    const __m256 zero = _mm256_setzero_ps(), one = _mm256_set1_ps(1.0f);
    const __m256i laneIndex = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256 lane = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
    for (int x = x0; x <= x1; x += 8) {
        const size_t at = rowStart + static_cast<size_t>(x);
        const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(x1 - x + 1), laneIndex);
        const __m256 t = _mm256_maskload_ps(pl.t + at, mask);
        if (_mm256_testz_ps(_mm256_cmp_ps(t, zero, _CMP_GT_OQ), _mm256_castsi256_ps(mask))) continue;
        const __m256 dx = _mm256_add_ps(_mm256_set1_ps(static_cast<float>(x) + 0.5f - px), lane);
        const __m256 r = _mm256_sqrt_ps(_mm256_add_ps(_mm256_mul_ps(dx, dx), _mm256_set1_ps(dy * dy)));
        const __m256 a = _mm256_min_ps(_mm256_max_ps(_mm256_sub_ps(_mm256_set1_ps(radius + 0.5f), r), zero), one);
        const __m256 w = _mm256_mul_ps(t, a);
        const __m256 left = _mm256_mul_ps(t, _mm256_sub_ps(one, a));
        _mm256_maskstore_ps(pl.t + at, mask,
                            _mm256_and_ps(left, _mm256_cmp_ps(left, _mm256_set1_ps(kCovered), _CMP_GT_OQ)));
        float* planes[3] = {pl.r, pl.g, pl.b};
        for (int c = 0; c < 3; ++c) {
            const __m256 below = _mm256_maskload_ps(planes[c] + at, mask);
            _mm256_maskstore_ps(planes[c] + at, mask, _mm256_add_ps(below, _mm256_mul_ps(w, _mm256_set1_ps(fill[c]))));
        }
    }
}
#else
void compositeUnderRow(const UnderPlanes& pl, size_t rowStart, int x0, int x1, float px, float dy, float radius,
                       const float fill[3]) {
    for (int x = x0; x <= x1; ++x) {
        const size_t at = rowStart + static_cast<size_t>(x);
        const float t = pl.t[at];
        if (!(t > 0.0f)) continue;
        const float dx = x + 0.5f - px;
        const float a = std::clamp(radius + 0.5f - std::sqrt(dx * dx + dy * dy), 0.0f, 1.0f);
        const float w = t * a, left = t * (1.0f - a);
        pl.t[at] = left > kCovered ? left : 0.0f;
        pl.r[at] += w * fill[0];
        pl.g[at] += w * fill[1];
        pl.b[at] += w * fill[2];
    }
}
#endif

bool isHidden(uint16_t c, const std::vector<bool>& hidden) {
    return c != kUnlabeled && c < hidden.size() && hidden[c];
}

}  // namespace

std::vector<MarkerPass> markerPasses(float pointSize, size_t anchors, float freshGlow, size_t discovered) {
    using R = MarkerPass::Rows;
    const float grow = anchors <= 30 ? 8.0f : anchors <= 100 ? 6.0f : 4.0f;
    const float ring = grow > 5.0f ? 2.5f : 1.5f;
    const Rgba8 sel = selectionColor();
    std::vector<MarkerPass> passes = {
        {R::Selected, pointSize + 3.0f, 1.5f, {sel.r / 255.0f, sel.g / 255.0f, sel.b / 255.0f, 1.0f}, 1.0f, false},
        {R::Anchors, pointSize + grow + 3.0f, 1000.0f, {0.05f, 0.05f, 0.07f, 0.85f}, 1.0f, true},  // halo
        {R::Anchors, pointSize + grow, ring, {0.97f, 0.97f, 1.0f, 1.0f}, 1.0f, true},
        {R::Hovered, pointSize + 14.0f, 2.5f, {0.97f, 0.97f, 1.0f, 1.0f}, 0.0f, true},
    };
    // Discovered pairs: an amber ring in place of the white one, the interior dark (1000 px of ring = a plain
    // disc) around a small dot in the point's class colour: told apart by shape and colour in any colouring.
    if (discovered > 0) {
        const float inner = pointSize + grow - 2.0f * ring;
        passes.insert(passes.begin() + 3,
                      {MarkerPass{R::Discovered, pointSize + grow, ring, {1.0f, 0.69f, 0.0f, 1.0f}, 1.0f, true},
                       MarkerPass{R::Discovered, inner, 1000.0f, {0.05f, 0.05f, 0.07f, 1.0f}, 1.0f, true},
                       MarkerPass{R::Discovered, std::max(2.0f, 0.45f * inner), 0.0f, {0, 0, 0, 0}, 1.0f, true}});
    }
    // A spotlight behind the anchor's own marker: a dark disc that sets it off from the points around it (class or
    // agreement colours alike), and a white ring wider than the hover's hollow ring; neither is the selection's rim.
    const float glow = std::clamp(freshGlow, 0.0f, 1.0f);
    if (glow > 0.0f) {
        const float outer = pointSize + grow + 22.0f;
        passes.insert(passes.begin() + 1,
                      {MarkerPass{R::Fresh, outer, 1000.0f, {0.02f, 0.02f, 0.03f, 0.75f * glow}, 1.0f, true},
                       MarkerPass{R::Fresh, outer - 4.0f, 3.0f, {1.0f, 1.0f, 1.0f, glow}, 0.0f, true}});
    }
    return passes;
}

void splatPoints(const PlotPoints& points, const std::vector<bool>& hidden, const PlotViewport& vp, int width,
                 int height, float pointSize, std::vector<uint32_t>& rgba, SplatScratch& scratch) {
    width = std::max(width, 0);
    height = std::max(height, 0);
    const size_t pixels = static_cast<size_t>(width) * static_cast<size_t>(height);
    scratch.transmittance.assign(pixels, 1.0f);
    scratch.red.assign(pixels, 0.0f);
    scratch.green.assign(pixels, 0.0f);
    scratch.blue.assign(pixels, 0.0f);
    UnderPlanes planes{scratch.transmittance.data(), scratch.red.data(), scratch.green.data(), scratch.blue.data()};
    const float radius = 0.5f * pointSize;
    const size_t n = std::min(points.xy.size() / 2, points.colorIndex.size());
    for (size_t i = n; i-- > 0;) {
        const uint16_t c = points.colorIndex[i];
        if (isHidden(c, hidden)) continue;
        const Projected p = project(points, i, vp, width, height);
        const SpriteBox box = spriteBox(p.x, p.y, pointSize, width, height);
        if (box.empty()) continue;
        const Rgba8 colour = classColor(c);
        const float fill[3] = {static_cast<float>(colour.r), static_cast<float>(colour.g),
                               static_cast<float>(colour.b)};
        for (int y = box.y0; y <= box.y1; ++y)
            compositeUnderRow(planes, static_cast<size_t>(y) * static_cast<size_t>(width), box.x0, box.x1, p.x,
                              y + 0.5f - p.y, radius, fill);
    }
    const Rgba8 bg = plotBackground();
    rgba.resize(pixels);
    for (size_t k = 0; k < pixels; ++k) {
        const float t = planes.t[k];
        rgba[k] = pack(planes.r[k] + t * bg.r, planes.g[k] + t * bg.g, planes.b[k] + t * bg.b);
    }
}

void splatMarkers(const PlotPoints& points, const PlotOverlay& overlay, const PlotViewport& vp, int width, int height,
                  float pointSize, std::vector<uint32_t>& rgba) {
    const size_t n = std::min(points.xy.size() / 2, points.colorIndex.size());
    const std::vector<int64_t> hovered =
        overlay.hovered >= 0 ? std::vector<int64_t>{overlay.hovered} : std::vector<int64_t>{};
    const auto inside = [n](int64_t r) { return r >= 0 && static_cast<size_t>(r) < n; };
    const auto anchors = static_cast<size_t>(std::count_if(overlay.anchors.begin(), overlay.anchors.end(), inside));
    const auto discovered =
        static_cast<size_t>(std::count_if(overlay.discovered.begin(), overlay.discovered.end(), inside));
    for (const MarkerPass& pass : markerPasses(pointSize, anchors, overlay.freshGlow, discovered)) {
        const std::vector<int64_t>& rows = pass.rows == MarkerPass::Rows::Selected     ? overlay.selected
                                           : pass.rows == MarkerPass::Rows::Fresh      ? overlay.fresh
                                           : pass.rows == MarkerPass::Rows::Anchors    ? overlay.anchors
                                           : pass.rows == MarkerPass::Rows::Discovered ? overlay.discovered
                                                                                       : hovered;
        for (int64_t r : rows) {
            if (!inside(r)) continue;
            const uint16_t c = points.colorIndex[static_cast<size_t>(r)];
            if (!pass.showHidden && isHidden(c, overlay.hiddenClasses)) continue;
            const Projected p = project(points, static_cast<size_t>(r), vp, width, height);
            splatSprite(rgba, width, height, p.x, p.y, classColor(c), pass);
        }
    }
}

}  // namespace lb::ui
