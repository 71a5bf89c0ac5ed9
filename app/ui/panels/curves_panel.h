// Curves panel: zero-shot stitching accuracy versus the number of anchors (core/analysis/anchor_curve.h) for one
// source -> target pair (session.layout.curveSource/Target), one line per method (relative, procrustes, linear,
// affine), the target's native accuracy as a dashed line and chance as a dotted line, on a log-x axis drawn with
// ImDrawList. Computed on a worker when "Compute" is pressed (and once when the window first shows), cancel-able;
// the result stays until the pair or the settings change. Head options are the stitching settings; anchor counts
// are session.settings.curves. Main thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "core/analysis/anchor_curve.h"
#include "core/jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace lb::ui {

// UI state only; the pair and the anchor counts live in the session.
struct CurvesPanelState {
    char ksText[128] = "";   // the anchor counts being typed (shown from the settings when empty)
    bool ksInvalid = false;  // ksText does not parse: the settings keep their last counts
    LatestJob job;
    uint64_t jobKey = UINT64_MAX;  // inputs of the running / last job
    std::shared_ptr<const AnchorCurve> result;
    uint64_t resultKey = UINT64_MAX;
    std::string error;
    bool requested = false;    // Compute pressed (handled by update)
    bool autoStarted = false;  // the first time the window shows, it computes once by itself
};

uint64_t curvesInputsKey(const AppState& st);
// Starts the job when Compute was pressed; drops a result whose inputs changed.
void updateCurvesPanel(AppState& st, CurvesPanelState& p);
void drawCurvesPanel(AppState& st, CurvesPanelState& p, const PanelContext& ctx);
// toJson(curve); null if none.
nlohmann::json curvesReport(const CurvesPanelState& p);

}  // namespace lb::ui
