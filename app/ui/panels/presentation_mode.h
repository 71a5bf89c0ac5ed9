// Presentation mode (F11 or --presentation): a talk's screen. Full screen on the primary monitor (platform
// hook); no menu bar, messages, toolbars or side panels; fonts sized from the framebuffer height. One
// source -> target pair, large and side by side: the source's own PCA view, the target's view, and the source
// translated into the target (the views st.views already holds, drawn by the scatter widget). Above them a
// headline strip with the pair's zero-shot stitching accuracy (the Stitching panel's matrix): absolute ->
// relative -> translated against native and chance, and K. A story (presentation_story.h) is stepped with
// 1-4 / arrows / Page Up-Down, Home restarts it, 0 or Esc gives the user's anchors back; between steps the
// translated points glide and the numbers count. M morphs the source from its own layout into its
// translation, full size. G shows the stitching gallery in the third view's place when one is plugged in
// (PresentationState::gallery). Main thread only.
//
// [SECTION] platform hooks   [SECTION] state   [SECTION] controller   [SECTION] drawing
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "app/ui/panels/presentation_story.h"
#include "app/ui/widgets/scatter_view.h"
#include "app/ui/widgets/tween.h"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

struct StitchingPanelState;

// ------------------------------------------------------------------------------------------- platform hooks
// What the platform layer (gui_main.cpp) lends the panels. Every member may be empty (headless tests).
struct PlatformHooks {
    // Full screen on the primary monitor's video mode (true) or back to the saved window (false).
    std::function<void(bool fullscreen)> setFullscreen;
    // Reads the bound framebuffer region (pixels, origin bottom-left) into a PNG at `path`, saved atomically;
    // returns "" or an error naming the file.
    // Called from inside the ImGui render pass (an ImDrawList callback), with the GL context current.
    std::function<std::string(const std::string& path, int x, int y, int w, int h)> savePng;
    bool loadFonts = false;  // load DejaVu Sans (dashes, arrows) for the panels and the presentation's fonts
};

// ------------------------------------------------------------------------------------------- state
// The headline's numbers, in strip order.
enum class HeadlineNumber { Absolute = 0, Relative, Translated, Native, Chance, K };
constexpr int kHeadlineNumbers = 6;

// Text sizes in pixels for a framebuffer `height` pixels tall: readable from the back of a room at 1080 p
// (body 30 px, numbers 60 px), never below the app's own size on a small window. Pure.
struct PresentationFontSizes {
    float body = 13, caption = 13, headline = 13;
};
PresentationFontSizes presentationFontSizes(float framebufferHeight);

struct PresentationState {
    bool applied = false;  // presentation state last applied (full screen)
    int morphSpace = -1;   // the pair's source (-1 = first non-reference); the target is the reference

    // M: the source's own PCA layout morphs into its translation, drawn full size.
    bool morphing = false;
    double morphStart = 0;          // ImGui::GetTime() at the start
    double morphSeconds = 1.5;      // duration (default 1.5 s)
    double morphHoldSeconds = 1.5;  // the full-size view stays this long after the morph (default 1.5 s)
    std::vector<float> from, to;    // 2N: start layout (own PCA, placed like the end) and end layout
    uint64_t writtenVersion = 0;    // points.version we last wrote (another writer = abort)
    int morphs = 0;                 // animations completed (test report)
    std::string morphNote;          // why the last morph could not start

    // The story and its animations.
    PresentationStory story;
    PointTween stepTween;                    // the translated view's points, old anchors -> new anchors
    uint64_t tweenSeenVersion = UINT64_MAX;  // translated points.version seen or written last
    std::vector<float> shownXy;              // the translated view's points as last drawn (2N)
    int tweenSpace = -1;                     // space whose translated cell shownXy belongs to
    std::array<CountingNumber, kHeadlineNumbers> numbers;

    // Drawing (own zoom state: the grid's cells keep theirs).
    std::array<ScatterViewState, 3> views;  // source, target, translated
    ScatterViewState morphView;
    PresentationFontSizes fonts;  // last frame's sizes (test report)
    bool fullSize = false;        // last frame drew one full-size view (morph)

    // Where a stitching gallery (test samples with their predictions through each route) plugs in: when set,
    // G toggles it in place of the translated view. Draws into a region of `size` pixels at the cursor.
    std::function<void(AppState& st, ImVec2 size)> gallery;
    bool showGallery = false;
};

// ------------------------------------------------------------------------------------------- controller
// Applies presentation on/off changes (full screen; leaving restores the user's anchors and finishes any
// animation), the M key, and advances the morph and the step animations. Call once per frame.
void updatePresentation(AppState& st, PresentationState& p, const PlatformHooks& hooks);
// The story's keys from st.pendingKeys (not consumed): 1-4, arrows, Page Up/Down, space, Home, 0, Esc, G.
void handlePresentationKeys(AppState& st, PresentationState& p);
// Starts the morph of the pair's source (sets morphNote when its views are not ready).
void startMorph(AppState& st, PresentationState& p);
// The pair: source (first non-reference unless chosen) and target (the reference); source -1 with < 2 spaces.
struct PresentationPair {
    int source = -1, target = -1;
};
PresentationPair presentationPair(const AppState& st, const PresentationState& p);
// The headline's target values for the pair from the stitching matrix (nullopt = not available).
std::array<std::optional<double>, kHeadlineNumbers> headlineValues(const AppState& st,
                                                                   const StitchingPanelState& stitching,
                                                                   const PresentationState& p);

// ------------------------------------------------------------------------------------------- drawing
// The whole presentation screen (presentation mode only): headline strip, three large views (or the morph's
// one), the step caption and a key hint line.
void drawPresentationScreen(AppState& st, PresentationState& p, const StitchingPanelState& stitching,
                            const PanelContext& ctx);
// For the test report: what the screen shows.
nlohmann::json presentationReport(const AppState& st, const PresentationState& p);

}  // namespace lb::ui
