// The Similarity panel's "Every pair of spaces" part of the measures section: one chosen similarity measure over
// every pair of loaded spaces as a heatmap (row = A, column = B), computed by the same core entry point as
// `latentbridge-cli compare --measure-matrix` (computeMeasureMatrix) in the section's space and settings, on a
// worker job when the user asks. The last result stays, greyed once its inputs changed. Main thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "core/analysis/measure_matrix.h"
#include "core/jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace lb::ui {

struct MeasureMatrixState {
    std::string measure = "rsa_spearman";  // a registry name
    LatestJob job;
    std::shared_ptr<const MeasureMatrix> result;
    uint64_t resultKey = UINT64_MAX;
    std::string error;
};

// Draws the part (a collapsed tree node) for `space` with `settings` (the measures section's).
void drawMeasureMatrix(AppState& st, MeasureMatrixState& mm, SimilarityColumn space, const MeasureSettings& settings,
                       const PanelContext& ctx);
// Submits the job (what its Compute button does; tests call it directly).
void submitMeasureMatrix(AppState& st, MeasureMatrixState& mm, SimilarityColumn space, const MeasureSettings& settings);
// toJson(MeasureMatrix) plus {"computing", "stale"}; null when none.
nlohmann::json measureMatrixReport(const AppState& st, const MeasureMatrixState& mm, SimilarityColumn space,
                                   const MeasureSettings& settings);

}  // namespace lb::ui
