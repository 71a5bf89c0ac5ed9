// Stitching panel: the stitching matrix (core/analysis/stitching_matrix.h) of the session's spaces, drawn as a
// heatmap: row = SOURCE encoder, column = TARGET head, diagonal = the target's native accuracy, colour from chance
// (dark) to 1 (yellow), the number in every cell; the same numbers `latentbridge-cli stitch --session` prints.
// After an edit, one worker job computes every pair for the shown method (latest wins, progress + cancel) and
// publishes it; a second one then adds the other methods, once the similarity table's job is done, so that
// switching the displayed method is free without the other methods delaying the shown one (or the table) on a live
// edit. Ridge and head files follow every edit; logistic waits for Compute. Main thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "app/ui/panels/preview_budget.h"
#include "core/analysis/stitching_matrix.h"
#include "core/jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

// Draws the head controls (head, its strength, test fraction, split seed) with tooltips; returns true when something
// changed. The relative representation the relative head reads is the document's (Representation settings).
bool drawStitchSettings(AppState& st, const PanelContext& ctx);

// UI state only: what is computing and what was computed last. The settings, the shown method and "live" live in
// the session (settings.stitching, layout.stitchShown, layout.stitchLive).
struct StitchingPanelState {
    LatestJob job;
    uint64_t submittedKey = UINT64_MAX;
    uint64_t resultKey = UINT64_MAX;
    std::shared_ptr<const StitchingMatrix> result;
    uint64_t preparedKey = UINT64_MAX;  // spaces and head options of result->prepared (reused when equal)
    std::shared_ptr<std::atomic<int>> pairsDone = std::make_shared<std::atomic<int>>(0);
    int pairsTotal = 0;
    std::string error;
    double lastMs = -1;                      // worker time of the last result
    double previewMs = -1;                   // ... of the last preview
    EditClock editClock;                     // when the edit that the submitted inputs answer was made
    bool submittedPreview = false;           // the last job submitted for submittedKey is its preview
    bool resultPreview = false;              // the result is the preview of resultKey (every row follows)
    double afterEditMs = -1;                 // from that edit to the first result (the preview, if any)
    double exactAfterEditMs = -1;            // ... to the result on every row
    bool requested = false;                  // "Compute" pressed
    uint64_t restSubmittedKey = UINT64_MAX;  // inputs whose other methods were asked for (once per result)
    bool restJob = false;                    // the last job submitted computes the other methods
    double completeAfterEditMs = -1;         // from the last edit to the result with every method
    // While this returns true (the similarity table's first answer is being computed, set by
    // registerAnalysisPanels), the other methods wait: a live edit's two panels then share the cores for what
    // they show first.
    std::function<bool()> yieldWhile;
    PreviewBudget previewBudget;  // the preview's rows, steered to arrive within its time budget
};

uint64_t stitchingInputsKey(const AppState& st);
void updateStitchingPanel(AppState& st, StitchingPanelState& p);
void drawStitchingPanel(AppState& st, StitchingPanelState& p, const PanelContext& ctx);
// Heatmap only (also used by presentation mode); width = available width.
void drawStitchingHeatmap(const StitchingMatrix& m, StitchMethod method, bool stale, const PanelContext& ctx);
// toJson(matrix) plus {"method" (shown), "matrix": [[value|null]] (shown method), "all": {method: row-major n x n},
// "computing", "preview", "preview_fraction", "ms", "after_edit_ms", "exact_after_edit_ms", "complete_after_edit_ms"};
// null if none.
nlohmann::json stitchingReport(const StitchingPanelState& p, StitchMethod shown);

}  // namespace lb::ui
