// Curves panel: zero-shot stitching accuracy versus the number of anchors (core stitchingCurve: one seeded
// test set, nested random anchor sets) for one source -> target pair, one line per method (relative,
// procrustes, linear, affine), the target's native accuracy as a dashed line and chance as a dotted line,
// on a log-x axis drawn with ImDrawList. Computed on a worker when "Compute" is pressed (and once when the
// window first shows), cancel-able;
// the result stays until the pair or the settings change. Head and relative-head options are the stitching
// panel's. Main thread only.
#pragma once

#include "app/ui/panels/stitching_panel.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lb::ui {

struct CurveResult {
    std::string source, target;
    std::vector<StitchingCurvePoint> points;  // ascending K
    double native = 0;
    double chance = 0;       // majority-class rate on the curve's test set
    std::vector<Index> skipped;  // requested K larger than the available training rows
};

struct CurvesPanelState {
    int source = -1, target = -1;              // -1 = default pair (first non-reference -> reference)
    char ksText[128] = "10,30,100,300,1000";   // anchor counts (default 10, 30, 100, 300, 1000)
    LatestJob job;
    uint64_t jobKey = UINT64_MAX;              // inputs of the running / last job
    std::shared_ptr<const CurveResult> result;
    uint64_t resultKey = UINT64_MAX;
    std::string error;
    bool requested = false;                    // Compute pressed (handled by update)
    bool autoStarted = false;                  // the first time the window shows, it computes once by itself
};

// Parses "10,30,100" (positive integers, sorted, deduplicated). Returns false with an empty list on junk.
bool parseAnchorCounts(const std::string& text, std::vector<Index>& out);
uint64_t curvesInputsKey(const AppState& st, const CurvesPanelState& p, const StitchingSetup& setup);
// Starts the job when Compute was pressed; drops a result whose inputs changed.
void updateCurvesPanel(AppState& st, CurvesPanelState& p, const StitchingSetup& setup);
void drawCurvesPanel(AppState& st, CurvesPanelState& p, const StitchingSetup& setup, const PanelContext& ctx);
// {"source", "target", "k": [...], "relative": [...], "procrustes": [...], ..., "native", "chance"}; null if none.
nlohmann::json curvesReport(const CurvesPanelState& p);

}  // namespace lb::ui
