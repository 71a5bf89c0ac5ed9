#include "app/raster/class_palette.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

namespace {
// Medium-light, saturated hues ordered so that neighbouring class ids differ strongly in hue.
constexpr Rgba8 kBase[kBasePaletteSize] = {
    {78, 155, 230, 255},   // blue
    {242, 142, 43, 255},   // orange
    {89, 196, 106, 255},   // green
    {232, 87, 90, 255},    // red
    {176, 124, 224, 255},  // purple
    {227, 210, 77, 255},   // yellow
    {63, 199, 194, 255},   // teal
    {240, 127, 196, 255},  // pink
    {165, 224, 99, 255},   // lime
    {211, 160, 107, 255},  // tan
    {156, 184, 255, 255},  // periwinkle
    {255, 158, 138, 255},  // salmon
};
constexpr Rgba8 kUnlabeledColor{140, 140, 140, 255};

// Viridis (matplotlib's default map) at 0, 1/8, ..., 1, as sRGB.
constexpr Rgba8 kViridis[9] = {
    {68, 1, 84, 255},    {71, 45, 123, 255}, {59, 82, 139, 255},  {44, 114, 142, 255}, {33, 145, 140, 255},
    {40, 174, 128, 255}, {94, 201, 98, 255}, {173, 220, 48, 255}, {253, 231, 37, 255},
};

uint8_t scaleChannel(uint8_t v, float f) {
    // f > 1 moves towards white, f < 1 towards black, so hues survive the variation.
    const float x = f >= 1.0f ? v + (255.0f - v) * (f - 1.0f) : v * f;
    return static_cast<uint8_t>(std::clamp(x, 0.0f, 255.0f) + 0.5f);
}
}  // namespace

Rgba8 sequentialColor(float v) {
    if (std::isnan(v)) return kUnlabeledColor;
    const float x = std::clamp(v, 0.0f, 1.0f) * 8.0f;
    const int i = std::min(7, static_cast<int>(x));
    const float f = x - static_cast<float>(i);
    auto mix = [f](uint8_t a, uint8_t b) { return static_cast<uint8_t>(a + (b - a) * f + 0.5f); };
    const Rgba8 &a = kViridis[i], &b = kViridis[i + 1];
    return Rgba8{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 255};
}

uint16_t sequentialIndex(float v) {
    if (std::isnan(v)) return 0xFFFF;
    const int step = static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * (kSequentialColors - 1)));
    return static_cast<uint16_t>(kSequentialBase + step);
}

Rgba8 classColor(uint16_t c) {
    if (c == 0xFFFF) return kUnlabeledColor;
    if (c >= kSequentialBase && c < kSequentialBase + kSequentialColors)
        return sequentialColor(static_cast<float>(c - kSequentialBase) / (kSequentialColors - 1));
    const Rgba8 base = kBase[c % kBasePaletteSize];
    const int variant = (c / kBasePaletteSize) % 3;
    if (variant == 0) return base;
    const float f = variant == 1 ? 1.45f : 0.7f;
    return Rgba8{scaleChannel(base.r, f), scaleChannel(base.g, f), scaleChannel(base.b, f), 255};
}

uint32_t classColorU32(uint16_t c) {
    const Rgba8 k = classColor(c);
    return uint32_t(k.r) | (uint32_t(k.g) << 8) | (uint32_t(k.b) << 16) | (uint32_t(k.a) << 24);
}

Rgba8 selectionColor() {
    return Rgba8{255, 0, 255, 255};
}

Rgba8 plotBackground() {
    return Rgba8{20, 21, 26, 255};
}

}  // namespace lb::ui
