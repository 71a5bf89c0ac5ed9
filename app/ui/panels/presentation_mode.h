// Presentation mode (F11 or --presentation): full screen on the primary monitor (through a platform hook),
// larger fonts, side panels and analysis windows hidden, and a headline with the stitching number of the
// first non-reference space into the reference. Plus the morph animation (button or key M): a space's
// points move from its own PCA layout to their translated positions in the reference's basis over ~1.5 s
// (the translated view's points, interpolated with ease-in-out, bumping points.version each frame).
// Main thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"

#include <functional>
#include <string>
#include <vector>

namespace lb::ui {

struct StitchingPanelState;

// What the platform layer (gui_main.cpp) lends the panels. Every member may be empty (headless tests).
struct PlatformHooks {
    // Full screen on the primary monitor's video mode (true) or back to the saved window (false).
    std::function<void(bool fullscreen)> setFullscreen;
    // Reads the bound framebuffer region (pixels, origin bottom-left) into a PNG at `path`, saved atomically;
    // returns "" or an error naming the file.
    // Called from inside the ImGui render pass (an ImDrawList callback), with the GL context current.
    std::function<std::string(const std::string& path, int x, int y, int w, int h)> savePng;
    bool loadFonts = false;  // load DejaVu Sans (dashes, arrows) for the panels and a large presentation font
};

struct PresentationState {
    bool applied = false;  // presentation state last applied (full screen + font scale)
    float savedFontScale = 1.0f;
    int morphSpace = -1;  // space whose translated view is animated (-1 = first non-reference)
    bool morphing = false;
    double morphStart = 0;        // ImGui::GetTime() at the start
    double morphSeconds = 1.5;    // duration (default 1.5 s)
    std::vector<float> from, to;  // 2N: start layout (own PCA, fitted to the end's extent) and end layout
    uint64_t writtenVersion = 0;  // points.version we last wrote (another writer = abort)
    int morphs = 0;               // animations completed (test report)
    std::string morphNote;        // why the last morph could not start
};

// Applies presentation on/off changes (full screen, font scale), handles the M key, advances the morph.
// Call once per frame.
void updatePresentation(AppState& st, PresentationState& p, const PlatformHooks& hooks);
// Starts the morph of p.morphSpace (sets morphNote when its views are not ready).
void startMorph(AppState& st, PresentationState& p);
// The headline window (presentation mode only).
void drawPresentationOverlay(AppState& st, PresentationState& p, const StitchingPanelState& stitching,
                             const PanelContext& ctx);
// "cnn_s1 -> cnn_s0: relative 87.3% (ridge head) | native 91.0% | chance 10.0%" or "" when not computed.
std::string stitchingHeadline(const AppState& st, const StitchingPanelState& stitching, const PanelContext& ctx);

}  // namespace lb::ui
