// Export panel: PNG of the whole window or of one view, the current anchors (anchor file: keys or rows),
// the metrics as CSV (similarity table, stitching matrix) and JSON (both + the curve). Every file is written
// atomically (io::writeFileAtomic; PNGs through PlatformHooks::savePng, which does the same); success and
// errors go to the messages area.
// PNGs need the GL window: the capture runs inside the render pass through an ImDrawList callback that
// calls PlatformHooks::savePng once everything else is drawn, one frame after the request (the export
// window hides itself for that frame so it is not in the picture). Main thread only.
#pragma once

#include "app/ui/panels/presentation_mode.h"
#include "core/analysis/analysis_settings.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lb::ui {

struct SimilarityPanelState;
struct StitchingPanelState;
struct CurvesPanelState;

struct ExportPanelState {
    char directory[512] = ".";        // output folder (default: the working directory)
    char base[128] = "latentbridge";  // file name prefix (default "latentbridge")
    int viewSpace = 0, viewKind = 0;  // the view for "View PNG"
    struct Capture {
        std::string path;
        float x = 0, y = 0, w = 0, h = 0;  // screen rectangle (ImGui coordinates); w = 0: whole window
    };
    std::vector<Capture> requested;  // waiting for the next frame
    std::vector<Capture> inFlight;   // handed to the render callback this frame
    const PlatformHooks* hooks = nullptr;
    std::vector<std::pair<bool, std::string>> captureResults;  // (ok, message) from the callback
    float framebufferScaleX = 1, framebufferScaleY = 1, displayH = 0;
    std::string lastWritten;  // last path written (tests)
};

// The CSV of the similarity table ("metric,absolute,relative,translated" with a header naming the pair)
// and of the stitching matrix (one row per source, one column per target, values in [0, 1], empty = n/a).
std::string similarityCsv(const SimilarityPanelState& s);
std::string stitchingCsv(const StitchingPanelState& s, StitchMethod method);
// Both tables, the curve, the anchors and every setting of the session (so a number can be reproduced).
nlohmann::json metricsJson(const AppState& st, const SimilarityPanelState& sim, const StitchingPanelState& stitch,
                           const CurvesPanelState& curves);

// Each returns the paths written; errors go to st's messages.
bool exportAnchors(AppState& st, ExportPanelState& e);
bool exportMetrics(AppState& st, ExportPanelState& e, const SimilarityPanelState& sim,
                   const StitchingPanelState& stitch, const CurvesPanelState& curves);
// Queues a PNG of the window (viewKind < 0) or of one view; written at the next frame's render.
void requestPng(AppState& st, ExportPanelState& e, bool wholeWindow);

// Per frame: reports finished captures, hands queued ones to the render pass. Returns true when the export
// window must hide this frame (a capture is being taken).
bool updateExport(AppState& st, ExportPanelState& e);
void drawExportPanel(AppState& st, ExportPanelState& e, const SimilarityPanelState& sim,
                     const StitchingPanelState& stitch, const CurvesPanelState& curves);

}  // namespace lb::ui
