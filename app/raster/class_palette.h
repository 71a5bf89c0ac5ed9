// Categorical colours for class labels, shared by the renderer (lb_gfx), the legend and tooltips, so a
// class has the same colour everywhere. Chosen to stay distinct on the dark plot background.
// Pure; any thread.
#pragma once

#include <cstdint>

namespace lb::ui {

struct Rgba8 {
    uint8_t r = 0, g = 0, b = 0, a = 255;
};

constexpr int kBasePaletteSize = 12;

// Colour of class c: the 12 base colours, then the same hues lighter / darker for c >= 12 so that up to
// 36 classes stay distinguishable (beyond that colours repeat). kUnlabeled (0xFFFF) is neutral grey.
Rgba8 classColor(uint16_t c);

// Packed as ImGui's ImU32 (IM_COL32 layout: R in the low byte), without including imgui.h.
uint32_t classColorU32(uint16_t c);

// A perceptual sequential colour map for values in [0, 1] (viridis: dark purple → blue → green → yellow, lightness
// rising monotonically, readable in grey and by colour-blind viewers), written as a table of 9 stops interpolated
// linearly in sRGB. Values outside [0, 1] are clamped; NaN gives the unlabeled grey.
Rgba8 sequentialColor(float v);

// Palette indices that colour a point by a value in [0, 1] instead of its class (the views' "colour by agreement"):
// kSequentialColors steps of sequentialColor from kSequentialBase on; classColor() maps them. Class ids never
// reach them (a space has far fewer classes).
constexpr uint16_t kSequentialBase = 0xFE00;
constexpr int kSequentialColors = 256;
uint16_t sequentialIndex(float v);  // kUnlabeled for NaN

// Rim of selected points and outline of the selection shape: magenta, a hue no class colour uses (every
// palette entry, lighter and darker variants included, is more than 50 CIELAB ΔE76 units away), so a
// selected point never reads as a member of a class.
Rgba8 selectionColor();

// Background of the plot area (matches the renderer's clear colour).
Rgba8 plotBackground();

}  // namespace lb::ui
