// Stitching gallery panel: a grid of test samples of one source -> target pair with the class the target's head
// predicts for each through absolute, relative and translated stitching and natively, green when right and red
// when wrong (core/analysis/stitching_gallery.h, drawn by widgets/stitching_gallery_view.h). The heads, rows and
// split are the Stitching panel's, so the gallery's samples are drawn from the test rows behind its numbers.
// Computed on a worker (latest wins) and recomputed when the anchors, spaces, pair or settings change (ridge and
// head files; logistic waits for Compute); Shuffle draws other samples. Main thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "core/analysis/stitching_gallery.h"
#include "core/jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace lb::ui {

// UI state only (not saved with the session).
struct StitchingGalleryPanelState {
    int source = -1, target = -1;  // space indices; -1 = the default pair (first non-reference -> reference)
    uint64_t seed = 0;             // which test samples (Shuffle: + 1)
    int samples = 36;              // shown samples (default 36)
    int translated = -1;           // index into the result's methods; -1 = the Stitching panel's, else procrustes
    LatestJob job;
    uint64_t jobKey = UINT64_MAX;  // inputs of the running / last submitted job
    uint64_t resultKey = UINT64_MAX;
    std::shared_ptr<const StitchingGallery> result;
    std::string error;
    bool requested = false;  // Compute pressed (logistic head)
    int shuffles = 0;        // Shuffle presses (test report)
};

uint64_t stitchingGalleryInputsKey(const AppState& st, const StitchingGalleryPanelState& p);
// Submits a job when the inputs changed (or Compute was pressed).
void updateStitchingGalleryPanel(AppState& st, StitchingGalleryPanelState& p);
void drawStitchingGalleryPanel(AppState& st, StitchingGalleryPanelState& p, const PanelContext& ctx);
// toJson(gallery) plus {"computing", "current" (the result answers the present inputs), "shuffles",
// "translated" (the shown translated method)}; null when there is no result.
nlohmann::json stitchingGalleryReport(const AppState& st, const StitchingGalleryPanelState& p);

}  // namespace lb::ui
