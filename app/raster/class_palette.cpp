#include "app/raster/class_palette.h"

#include <algorithm>

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

uint8_t scaleChannel(uint8_t v, float f) {
    // f > 1 moves towards white, f < 1 towards black, so hues survive the variation.
    const float x = f >= 1.0f ? v + (255.0f - v) * (f - 1.0f) : v * f;
    return static_cast<uint8_t>(std::clamp(x, 0.0f, 255.0f) + 0.5f);
}
}  // namespace

Rgba8 classColor(uint16_t c) {
    if (c == 0xFFFF) return kUnlabeledColor;
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
