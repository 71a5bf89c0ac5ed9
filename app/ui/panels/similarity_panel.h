// Similarity panel: the similarity table of two spaces (core/analysis/similarity_table.h: absolute, relative and
// translated columns; CKA, neighbourhood agreement, retrieval, cosines) for the pair and settings the session
// holds (session.layout.similarityA/B, session.settings.similarity), the same numbers `latentbridge-cli compare
// --session` prints. After an edit a preview (fewer queries and kernel rows, SimilarityPreview) arrives first,
// marked "preview" with its standard errors; the full settings' answer replaces it ("exact"). The table keeps
// the last result (greyed) while a new one is computed. Main thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "app/ui/panels/preview_budget.h"
#include "app/ui/panels/similarity_measures_section.h"
#include "core/analysis/similarity_table.h"
#include "core/jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace lb::ui {

// UI state only: what is computing and what was computed last. The settings live in the session.
struct SimilarityPanelState {
    LatestJob job;
    uint64_t submittedKey = UINT64_MAX;                             // inputs of the last job submitted
    bool submittedPreview = false;                                  // ... and whether it is the preview
    std::shared_ptr<const SimilarityTable> result;                  // last finished (kept while recomputing)
    std::shared_ptr<const SimilarityTable> lastPreview, lastExact;  // the last of each kind (reused by the next)
    uint64_t resultKey = UINT64_MAX;
    bool resultPreview = false;  // the result is the preview of resultKey (the exact one follows)
    std::string error;
    double lastMs = -1;                // worker time of the last result
    double previewMs = -1;             // ... of the last preview
    EditClock editClock;               // when the edit that the submitted inputs answer was made
    double afterEditMs = -1;           // from that edit to the first result
    double exactAfterEditMs = -1;      // ... to the exact result
    SimilarityMeasuresState measures;  // the representational similarity measures section (computed on request)
    PreviewBudget previewBudget;       // the preview's sizes, steered to arrive within its time budget
};

// Submits a job when the inputs changed, or the exact answer after a preview (call every frame while open).
void updateSimilarityPanel(AppState& st, SimilarityPanelState& p);
void drawSimilarityPanel(AppState& st, SimilarityPanelState& p, const PanelContext& ctx);
// toJson(table) plus {"computing", "preview", "preview_fraction", "ms", "after_edit_ms", "exact_after_edit_ms"}; null
// when none.
nlohmann::json similarityReport(const SimilarityPanelState& p);

}  // namespace lb::ui
