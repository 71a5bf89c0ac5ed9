// The scatter-view widget: one 2-D view of a space (points coloured by class) with axes, zoom, pan,
// hover / click picking and box / lasso selection. ImGui only: the pixels come from a PlotCanvas (GL in
// the app, NullPlotCanvas in tests); picking runs on the CPU through a PointGridIndex (never GL readback).
//
// Interaction (documented for users in docs/rendering.md):
//   wheel                 zoom around the cursor
//   right / middle drag   pan (left drag too in Pan mode)
//   double-click empty    fit all points (also the "Fit" toolbar button)
//   shift + left drag     box selection          alt + left drag   lasso selection
//   left click on point   `clicked` event (the app toggles it as an anchor)
//   left click on empty   selection cleared (`selectionChanged` with an empty selection)
// Main thread only (ImGui).
#pragma once

#include "app/raster/point_grid_index.h"
#include "app/ui/plot_canvas.h"

#include <imgui.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace lb::ui {

// What a plain left drag does.
enum class ScatterMode { Pan, Box, Lasso };

struct ScatterViewStyle {
    int viewId = 0;             // PlotCanvas cache key; unique per visible view (default 0)
    float pickRadiusPx = 6.0f;  // hover / click radius in screen pixels (default 6)
    float zoomStep = 1.2f;      // scale factor per wheel notch (default 1.2)
    float fitMargin = 0.05f;    // fraction of the view left empty around the points on fit (default 5%)
    bool showAxes = true;       // tick marks and numbers on the left and bottom edges (default on)
    bool showToolbar = true;    // one line above the canvas: Fit button, Pan/Box/Lasso mode (default on)
    double fitSeconds = 0.35;   // a re-fit glides there over this long (0 = jumps); the first fit always jumps
};

// Per-view state; keep one per view (not static). Everything is plain data except the picking index.
struct ScatterViewState {
    PlotViewport viewport;                // current data->pixel mapping
    ScatterMode mode = ScatterMode::Pan;  // what a plain left drag does
    bool fitPending = true;               // fit all points on the next frame (set to re-fit)
    bool autoFitOnNewPoints = true;       // re-fit whenever points.version changes (default on)...
    bool userMoved = false;               // ...unless the user zoomed or panned since the last fit: then the
                                          // toolbar offers "Re-fit" when the points changed

    // A re-fit gliding from fitFrom to fitTo (zoom geometric, centre linear, eased), started at ImGui time
    // fitStartTime; < 0 when none. Any zoom or pan by the user ends it where it is.
    PlotViewport fitFrom, fitTo;
    double fitStartTime = -1;
    double renderSeconds = 0;  // the canvas's last render of this view, which every glide frame repeats

    // Drag in progress. Box corners and lasso vertices are in data coordinates.
    enum class Drag { None, Pan, Box, Lasso } drag = Drag::None;
    int dragButton = -1;     // ImGuiMouseButton that started the drag
    bool dragMoved = false;  // moved past io.MouseDragThreshold (else a release is a click)
    ImVec2 dragStartData{0, 0};
    ImVec2 dragCurrentData{0, 0};
    std::vector<float> lasso;  // 2M floats, data coordinates

    // Picking index over the points (never null): the points' own when they bring one, else built here; replaced
    // when points.version differs from indexVersion.
    std::shared_ptr<const PointGridIndex> index = std::make_shared<const PointGridIndex>();
    uint64_t indexVersion = UINT64_MAX;
    uint64_t fittedVersion = UINT64_MAX;
    bool pressOnDoubleClick = false;  // the current left press was a double click
    ImVec2 canvasOrigin{0, 0};        // top-left of the canvas last frame, screen pixels
    ImVec2 canvasSize{0, 0};          // size of the canvas last frame, pixels
};

// What happened this frame. Row indices refer to PlotPoints rows.
struct ScatterEvents {
    bool canvasHovered = false;      // the mouse is over this view's canvas
    int64_t hovered = -1;            // nearest visible point within pickRadiusPx of the mouse, -1 for none
    int64_t clicked = -1;            // left click (press + release without drag) on this point, -1 for none
    bool selectionChanged = false;   // a box / lasso finished or a click on empty space cleared it
    std::vector<int64_t> selection;  // the new selection (ascending) when selectionChanged
    bool viewportChanged = false;    // zoom, pan or fit changed state.viewport
    bool animating = false;          // a re-fit is gliding: the caller must ask for the next frame...
    double nextFrameSeconds = 0.0;   // ...within this long (glideFrameSpacing)
    ImVec2 mouseData{0, 0};          // mouse position in data coordinates (valid when canvasHovered)
};

// Draws the widget at the cursor. `size` is the whole widget (toolbar + canvas); a component <= 0 takes the
// available content region. Hidden classes (overlay.hiddenClasses) are neither picked nor selected.
ScatterEvents drawScatterView(const char* id, ScatterViewState& state, const PlotPoints& points,
                              const PlotOverlay& overlay, PlotCanvas& canvas, ImVec2 size,
                              const ScatterViewStyle& style = {});

// How long a glide waits before its next frame, given what one of its frames costs the view (renderSeconds):
// every glide frame redraws the whole view (100k points: ~10 ms of splatting), so back-to-back frames would take a
// core from the analyses an edit starts at the same time. Spaced at three times that cost the glide uses at most a
// quarter of the main thread; a cheap view (the demo's 10k points) still glides every frame.
double glideFrameSpacing(double renderSeconds);

// Sets state.viewport so the points' bounds fill a canvas of `canvasSize` pixels (with style.fitMargin).
// Uses the index, so call after it was built (drawScatterView does this itself). Pure on the state.
void fitScatterView(ScatterViewState& state, ImVec2 canvasSize, float margin = 0.05f);
// The viewport that makes `bounds` fill a canvas of `canvasSize` pixels, `margin` left empty around them.
PlotViewport fittedViewport(const DataRect& bounds, ImVec2 canvasSize, float margin);
// Whether `now` still frames points with these bounds well: all of them inside the canvas, and at least 85 % of
// the size a fit would give them. New points that it frames keep the viewport instead of a refit.
bool frameStillSuits(const PlotViewport& now, const DataRect& bounds, ImVec2 canvasSize, float margin);

// Pixel <-> data conversion for a canvas whose top-left corner is at `origin` (screen pixels).
ImVec2 dataToScreen(const PlotViewport& vp, ImVec2 canvasSize, ImVec2 origin, float x, float y);
ImVec2 screenToData(const PlotViewport& vp, ImVec2 canvasSize, ImVec2 origin, ImVec2 screen);

}  // namespace lb::ui
