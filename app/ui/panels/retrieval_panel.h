// Retrieval panel: cross-space retrieval as a live demo (the English–Spanish verses: type a word, pick a verse,
// see its best matches in the other language). For a query sample of space A, its five best matches among B's
// candidates through absolute, relative, translated and ASIF (core/analysis/cross_retrieval.h), with their
// texts, the true counterpart marked, and each route's top-1 / top-5 over a seeded sample of queries (the same
// core function). Computed on workers (latest wins) whenever the query, pair, anchors or settings change. Main
// thread only.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "core/analysis/cross_retrieval.h"
#include "core/jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lb::ui {

struct RetrievalPanelState {
    int a = -1, b = -1;        // query space, candidate space (-1: the default pair, resolvePair)
    std::string text;          // what the user typed to find a query
    std::vector<Index> found;  // rows of A whose key, class or text contains it (the first few)
    Index query = -1;          // the chosen row of A (-1: none yet; the first non-anchor shared sample is used)
    int summaryQueries = 300;  // queries behind top-1 / top-5
    LatestJob job, summaryJob;
    uint64_t jobKey = UINT64_MAX, summaryKey = UINT64_MAX;  // inputs of the last submitted jobs
    uint64_t resultKey = UINT64_MAX, summaryResultKey = UINT64_MAX;
    std::shared_ptr<const CrossRetrieval> result, summary;
    std::string error;
};

// Submits the jobs whose inputs changed.
void updateRetrievalPanel(AppState& st, RetrievalPanelState& p);
void drawRetrievalPanel(AppState& st, RetrievalPanelState& p, const PanelContext& ctx);
// {"a", "b", "query", "truth", "candidates", "routes": {name: {top, trueRank, why}}, "summary": {name: {top1, top5}},
// "summary_queries", "computing", "current"}; null before the first result.
nlohmann::json retrievalReport(const AppState& st, const RetrievalPanelState& p);

}  // namespace lb::ui
