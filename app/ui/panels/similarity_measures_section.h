// The Similarity panel's "Representational similarity measures" section: a chosen subset of the ReSi measures
// (core/metrics/measures.h) for the panel's pair in one space (absolute, relative or translated), computed by the
// same core entry point as `latentbridge-cli compare --measures` (computePairMeasures) on a worker job when the
// user asks (the N × N ones cost seconds on 10k rows). The last result stays, greyed once the pair, space, choice or
// document changed. Main thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "app/ui/panels/measure_matrix_section.h"
#include "core/analysis/pair_measures.h"
#include "core/jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lb::ui {

struct SimilarityMeasuresState {
    std::vector<std::string> chosen{"pwcca", "procrustes", "rsa_spearman", "second_order_cosine"};  // default choice
    SimilarityColumn space = SimilarityColumn::Absolute;
    MeasureSettings settings;  // k, subsample rows, seed (defaults of MeasureSettings)
    LatestJob job;
    std::shared_ptr<const PairMeasures> result;
    uint64_t submittedKey = UINT64_MAX, resultKey = UINT64_MAX;
    std::string error;
    MeasureMatrixState matrix;  // one measure over every pair of spaces, in `space` with `settings`
};

// Draws the section (collapsed by default) for spaces a and b of the session; the "Compute" button submits the job.
void drawSimilarityMeasures(AppState& st, SimilarityMeasuresState& m, int a, int b, const PanelContext& ctx);
// Submits the job for the current choice (what the button does; tests call it directly).
void submitSimilarityMeasures(AppState& st, SimilarityMeasuresState& m, int a, int b);
// toJson(PairMeasures) plus {"computing", "stale"}, and "matrix": measureMatrixReport; null when neither exists.
nlohmann::json similarityMeasuresReport(const AppState& st, const SimilarityMeasuresState& m, int a, int b);

}  // namespace lb::ui
