// Similarity panel: how alike two spaces are, measured in three places side by side:
//   absolute   = the raw embeddings (kNN/cosine only when both have the same width),
//   relative   = both spaces' relative representations on the shared anchors (session relative settings),
//   translated = space A translated into B with the anchors (session translation settings) vs B itself.
// Rows: linear CKA, RBF CKA, Jaccard@k, MRR@k, mean cosine (docs/methods.md §4), all computed by core/metrics.
// Recomputed on a worker (latest wins) whenever anchors, settings, k or the pair change; the table keeps the
// last result (greyed) while a new one is computed. Main thread only, except computeSimilarity.
#pragma once

#include "app/ui/panels/analysis_common.h"
#include "core/jobs/job_runner.h"
#include "core/metrics/cka.h"
#include "core/metrics/knn.h"
#include "core/space/latent_space.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace lb::ui {

enum SimilarityMetric { kLinearCka = 0, kRbfCka, kJaccard, kMrr, kMeanCosine, kSimilarityMetrics };
enum SimilarityColumn { kColAbsolute = 0, kColRelative, kColTranslated, kSimilarityColumns };
const char* similarityMetricKey(int metric);  // "linear_cka", "rbf_cka", "jaccard", "mrr", "mean_cosine"
const char* similarityColumnKey(int column);  // "absolute", "relative", "translated"

struct MetricValue {
    bool ok = false;
    double value = 0;
    std::string why;  // when !ok: why the metric does not apply (or the error)
    double stdErr = 0;  // standard error of a mean over sampled queries (Jaccard, MRR); 0 = not sampled
};

struct SimilarityResult;

// Everything the worker needs, copied on the main thread.
struct SimilarityInput {
    std::shared_ptr<const LatentSpace> a, b;
    PairRows rows;                 // matched rows + anchor positions
    RelativeOptions relative;      // session settings
    TranslationOptions translation;
    KnnAgreementOptions knn;       // kJaccard, kMrr, maxQueries (subsample), seed
    RbfCkaOptions rbf;             // maxRows (subsample)
    // Linear CKA on a seeded subsample of this many rows when the two widths add up to more than 256 (0 = all
    // rows always; default 4000).
    Index linearRows = 4000;
    // The absolute column does not depend on the anchors: when given (same pair and options as a previous
    // result), it is reused and only the relative and translated columns are computed.
    std::shared_ptr<const SimilarityResult> absoluteFrom;
};

struct SimilarityResult {
    std::string nameA, nameB;
    Index m = 0, k = 0;            // matched samples, anchors used
    Index nQueries = 0;            // kNN queries actually used
    Index rbfRows = 0;             // rows of the RBF kernels
    Index linearRows = 0;          // rows of linear CKA when subsampled (0 = all M)
    Index kJaccard = 0, kMrr = 0;
    MetricValue v[kSimilarityMetrics][kSimilarityColumns];
    // What the absolute and translated columns both need of B's own (absolute) rows: the kNN queries' neighbours
    // N_T and B's centered RBF kernel. Neither depends on the anchors, so the next result reuses them through
    // absoluteFrom.
    std::shared_ptr<const KnnTargetSide> bNeighbours;
    std::shared_ptr<const RbfKernelSide> bKernel;
    // A's and B's linear-CKA moments on all M rows: the translated column's linear CKA, the translation being an
    // affine map of A (linearCkaOfMaps), without a pass over the rows. Kept like the two above.
    std::shared_ptr<const LinearCkaMoments> abLinear;
    // The same of A's and B's rows L2-normalized: the relative column's linear CKA, when both relative reps are
    // linear maps of those rows (CompactRelative::linearMap: cosine, no transform, no post-normalization).
    std::shared_ptr<const LinearCkaMoments> abUnitLinear;
};

// Worker side: every metric of the table. Errors only for cancellation; a metric that fails is stored
// with its reason. Cost: CKA O(M·(D+D')²) + RBF O(n²·D) + kNN O(Q·M·D) per column; the relative column works on
// the compact form of the relative reps (D = min(K, width) for cosine), not on M × K matrices. Runs on the
// calling thread and one helper thread (the relative and translated columns side by side); each uses one
// OpenMP thread.
Result<SimilarityResult> computeSimilarity(const SimilarityInput& in, JobContext& ctx);

struct SimilarityPanelState {
    int spaceA = -1, spaceB = -1;   // -1 = default pair (A = first non-reference space, B = reference)
    int kJaccard = 10;              // Jaccard@k (default 10, docs/methods.md)
    int kMrr = 5;                   // MRR@k (default 5)
    // kNN queries: a seeded subsample so that 10,000 rows update live (0 = all). 250 keeps an anchor click's
    // table within ~100 ms on 2 cores; the table shows each mean's standard error (on the demo, Jaccard@10 of
    // the translated column: about 0.010 at 250 queries, 0.007 at 500).
    int maxQueries = 250;
    int rbfRows = 500;              // RBF CKA kernel rows (seeded subsample; n x n kernels)
    LatestJob job;
    uint64_t submittedKey = UINT64_MAX;
    std::shared_ptr<const SimilarityResult> result;  // last finished (kept while recomputing)
    uint64_t resultKey = UINT64_MAX;
    uint64_t resultAbsoluteKey = UINT64_MAX;         // pair + options the result's absolute column is for
    std::string error;
    double lastMs = -1;             // worker time of the last result
    double afterEditMs = -1;        // from the last edit (msSinceViewsRequest) to that result
};

// Submits a job when the inputs changed (call every frame while the panel is open, even collapsed).
void updateSimilarityPanel(AppState& st, SimilarityPanelState& p);
void drawSimilarityPanel(AppState& st, SimilarityPanelState& p, const PanelContext& ctx);
// {"a", "b", "m", "k", "queries", "absolute": {metric: value|null}, "relative": ..., "translated": ...,
//  "computing": bool}; null when no result yet.
nlohmann::json similarityReport(const SimilarityPanelState& p);

}  // namespace lb::ui
