// The rules that let the app redraw only what changed, stated once; the code that applies one uses the names
// below instead of restating it.
//
// Why: under Mesa's llvmpipe a frame's CPU cost grows with every pixel it covers, and it is paid on the cores
// the jobs run on. Most frames change one window or nothing (a result arrives, a progress bar moves, the mouse
// hovers a view), so the frame loop finds what changed (frame_damage.h) and redraws only those rectangles
// (app/gfx/damage_renderer.h), or nothing. The rules say what counts as a change and how the UI
// keeps changes few and small. docs/app.md ("Frames") describes them for users.
//
// Index
//   [1] What counts as a change of a window
//   [2] Frames drawn whole
//   [3] Where partial frames are drawn at all
//   [4] The window background
//   [5] Panel layout: what changes on its own gets a window of its own
//   [6] Textures redrawn in place
//   [7] Young jobs show no progress
//   [8] Frame pacing
//   [9] Marker timing
// Main thread only where ImGui is called; the rest is pure.
#pragma once

#include <imgui.h>

#include <cstdint>

namespace lb::ui {

// -------------------------------------------------------------------------------------------------------------
// [1] What counts as a change of a window
// -------------------------------------------------------------------------------------------------------------
// Each ImGui window's draw list is compared with the one of the window of the same name in the previous frame.
// What is redrawn depends on what differs:
enum class WindowChange {
    None,      // the same bytes and texture versions: nothing to redraw
    Contents,  // the same triangles and commands; some vertices moved or changed (a digit, a scrollbar grab, a
               // colour) or a texture it shows was redrawn ([6]): only those triangles, or that part of the quad
    Layout,    // triangles, commands, clip rectangles, textures or the stacking order changed, or the window is
               // new or gone: its old and new extents
};
// known: a window of that name was drawn in the previous frame; sameAll: its indices, commands, vertices and
// texture versions hash the same; sameStructure: its indices and commands (with the stacking order) hash the
// same and the vertex count is unchanged.
constexpr WindowChange windowChange(bool known, bool sameAll, bool sameStructure) {
    if (!known) return WindowChange::Layout;
    if (sameAll) return WindowChange::None;
    return sameStructure ? WindowChange::Contents : WindowChange::Layout;
}

// -------------------------------------------------------------------------------------------------------------
// [2] Frames drawn whole
// -------------------------------------------------------------------------------------------------------------
// ImGui sizes auto-fitting windows over its first frames, and the back buffer holds nothing to keep yet: the
// first kStartupFrames frames are drawn whole, without waiting for input.
constexpr uint64_t kStartupFrames = 3;
// Whatever changed, the whole display is redrawn when any of these holds.
struct WholeFrameCauses {
    bool fullRedraw = false;      // --full-redraw: for a driver that loses the back buffer unannounced, and to
                                  // measure what partial frames save
    bool startup = false;         // one of the first kStartupFrames frames
    bool exposed = false;         // the window system lost the window's pixels (a refresh event)
    bool displayResized = false;  // every window moved or resized
    bool readBack = false;        // the frame will be read back (--screenshot, or a draw callback: the export
                                  // panel's PNG): the picture must be complete, not only its changed parts
    bool any() const { return fullRedraw || startup || exposed || displayResized || readBack; }
};

// -------------------------------------------------------------------------------------------------------------
// [3] Where partial frames are drawn at all
// -------------------------------------------------------------------------------------------------------------
// Drawing only damaged rectangles needs a back buffer that still holds the previous frame after a swap. Mesa's
// software rasterizers on GLX keep it (the X server copies the back buffer and leaves it alone); GPU drivers do
// not promise it, and there a whole frame costs about a millisecond anyway.
constexpr bool drawsPartialFrames(bool softwareRasterizer, bool fullRedrawOption) {
    return softwareRasterizer && !fullRedrawOption;
}

// -------------------------------------------------------------------------------------------------------------
// [4] The window background
// -------------------------------------------------------------------------------------------------------------
// The host window that covers the display draws no background: the frame loop clears each damaged rectangle to
// the same colour instead. A background would be a full-window blended quad: half of every frame's pixels under
// llvmpipe, inside every damaged rectangle.
constexpr ImGuiWindowFlags kHostWindowNoBackground = ImGuiWindowFlags_NoBackground;
inline ImVec4 frameClearColor() {
    return ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
}

// -------------------------------------------------------------------------------------------------------------
// [5] Panel layout: what changes on its own gets a window of its own
// -------------------------------------------------------------------------------------------------------------
// Damage is per window ([1]): a part of a panel that changes without the rest (a result a live update replaces)
// goes in a child window of its own, so its change redraws it and not the controls around it (the stitching
// heatmap). Sized to its content: no scrollbar, and
// the mouse wheel scrolls the panel. Main thread; close with ImGui::EndChild() whatever it returns.
constexpr ImGuiWindowFlags kOwnPartFlags = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
inline bool beginOwnPart(const char* id, const ImVec2& size) {
    return ImGui::BeginChild(id, size, false, kOwnPartFlags);
}

// -------------------------------------------------------------------------------------------------------------
// [6] Textures redrawn in place
// -------------------------------------------------------------------------------------------------------------
// A plot view is redrawn into the same texture, so the draw list showing it does not change when its pixels do.
// The canvas numbers each redraw of a texture (PlotCanvas::textureVersion) and a new number is a change of the
// windows that show it ([1]); where the canvas knows which pixels changed (PlotCanvas::changedSince: a new
// anchor adds a ring to each view, not a new view), only that part of the quad is redrawn. Fonts, thumbnails and
// any texture a canvas does not know never change once shown: kUnversionedTexture.
constexpr uint64_t kUnversionedTexture = 0;

// -------------------------------------------------------------------------------------------------------------
// [7] Young jobs show no progress
// -------------------------------------------------------------------------------------------------------------
// Most live updates (an anchor click's panels, whose goal is 100 ms) finish within kProgressAfterMs. Progress shown
// meanwhile would make every frame differ, and each redrawn frame costs CPU the job needs; so until then a job changes
// nothing on screen: its bar stands still and reads "updating", its stage text and Cancel button stay hidden, and
// its panel's last result is not dimmed. A live update then changes its panel once, with its result.
constexpr double kProgressAfterMs = 300.0;
constexpr bool showsProgressAfter(double elapsedMs) {
    return elapsedMs >= kProgressAfterMs;
}
// Whether a panel shows a job as running (progress, Cancel, its last result dimmed as outdated).
constexpr bool showsRunning(bool running, double elapsedMs) {
    return running && showsProgressAfter(elapsedMs);
}

// -------------------------------------------------------------------------------------------------------------
// [8] Frame pacing
// -------------------------------------------------------------------------------------------------------------
// The loop sleeps until input or a finished job (the job queue's wakeup) or a timeout. Idle, the timeout serves
// ImGui's timed effects (tooltip delays) only; while jobs run, their progress bars, and only once the oldest has
// run kProgressAfterMs ([7]): a younger job usually finishes first and wakes the loop itself.
constexpr double kIdleWaitSeconds = 0.25;
constexpr double kProgressWaitSeconds = 1.0 / 8.0;

// -------------------------------------------------------------------------------------------------------------
// [9] Marker timing
// -------------------------------------------------------------------------------------------------------------
// While the views' job recomputes the views whose points depend on the anchors (relative, translated), those
// views keep the anchors their points were computed with: their markers move with their points, in one redraw
// when the result arrives, instead of a redraw of each such view at the click (6 of the 9 on the demo) that the
// result replaces a few frames later. Views whose points do not depend on the anchors show a new anchor at once.
constexpr bool markersShowCurrentAnchors(bool pointsDependOnAnchors, bool viewsJobRunning) {
    return !pointsDependOnAnchors || !viewsJobRunning;
}

}  // namespace lb::ui
