// The similarity table: how alike two spaces A and B are, measured in three places side by side (docs/methods.md
// §4), computed the same way for the app's Similarity panel and `latentbridge-cli compare`:
//   absolute   = the raw embeddings (neighbours, cosines and MSE only when both have the same width),
//   relative   = both spaces' relative representations on the shared anchors (the document's relative settings),
//   translated = A translated into B with the anchors (the document's translation settings), against B.
// Metrics (rows): linear CKA, RBF CKA, Jaccard@k, MRR@k, top-1 / top-5 retrieval, mean cosine, the mean cosine
// of random non-matching pairs (its baseline) and MSE. Rows evaluated: SimilaritySettings::protocol (anchors
// left out by default), the same rows for every metric and column.
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/analysis/pair_rows.h"
#include "core/jobs/job_context.h"
#include "core/metrics/cka.h"
#include "core/metrics/knn.h"
#include "core/relative/relative_projection.h"
#include "core/space/latent_space.h"
#include "core/translate/translator.h"

#include <nlohmann/json.hpp>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace lb {

enum class SimilarityMetric { LinearCka = 0, RbfCka, Jaccard, Mrr, Top1, Top5, MeanCosine, RandomPairCosine, Mse };
constexpr int kSimilarityMetrics = 9;
enum class SimilarityColumn { Absolute = 0, Relative, Translated };
constexpr int kSimilarityColumns = 3;
// JSON keys: "linear_cka", "rbf_cka", "jaccard", "mrr", "top1", "top5", "mean_cosine", "random_pair_cosine", "mse";
// "absolute", "relative", "translated".
const char* similarityMetricKey(SimilarityMetric m);
const char* similarityColumnKey(SimilarityColumn c);

struct MetricValue {
    bool ok = false;
    double value = 0;
    std::string why;    // when !ok: why the metric does not apply (or the error)
    double stdErr = 0;  // standard error of a mean over sampled queries; 0 = every row was a query, or not a mean
};

struct SimilarityTable;
struct PairNeighbours;  // pair_neighbours.h
struct PairMoments;     // pair_moments.h

struct SimilarityInput {
    std::shared_ptr<const LatentSpace> a, b;
    PairRows rows;             // matched rows + anchor positions (pairRows)
    RelativeOptions relative;  // the document's settings
    TranslationOptions translation;
    SimilaritySettings settings;  // as computed: effectiveSimilaritySettings() already applied
    std::array<bool, kSimilarityColumns> columns{true, true, true};  // the columns to compute (others: "not asked")
    // A previous table of the same pair: what does not depend on the anchors (the absolute column, B's RBF kernel,
    // the pair's CKA moments) is taken from it when it was computed on the same evaluated rows with
    // the same settings (always under the paper protocol; under the standard one only when the anchors' rows are
    // the same, e.g. after a change of relative settings).
    std::shared_ptr<const SimilarityTable> previous;
};

struct SimilarityTable {
    std::string nameA, nameB;
    Index matched = 0;     // M: rows shared by A and B
    Index evaluated = 0;   // rows the metrics use (M minus anchors under the standard protocol)
    Index k = 0;           // anchors used by the relative and translated columns
    Index nQueries = 0;    // kNN / retrieval queries actually used
    Index rbfRows = 0;     // rows of the RBF kernels
    Index linearRows = 0;  // rows of linear CKA when subsampled (0 = every evaluated row)
    Index kJaccard = 0, kMrr = 0;
    SimilaritySettings settings;  // as used
    RelativeOptions relative;
    TranslationOptions translation;
    std::array<bool, kSimilarityColumns> columns{true, true, true};  // the columns computed
    MetricValue v[kSimilarityMetrics][kSimilarityColumns];
    // What the user should know about the numbers: the translated column's translator warnings (dead dimensions,
    // rank-deficient anchors, K < D), prefixed "translator: ".
    std::vector<std::string> warnings;
    const MetricValue& at(SimilarityMetric m, SimilarityColumn c) const {
        return v[static_cast<int>(m)][static_cast<int>(c)];
    }

    // What SimilarityInput::previous reuses: which spaces and rows it is for, and the anchor-free parts.
    std::weak_ptr<const LatentSpace> spaceA, spaceB;
    uint64_t evaluationKey = 0;
    std::shared_ptr<const RbfKernelSide> bKernel;          // B's centered RBF kernel
    std::shared_ptr<const LinearCkaMoments> abLinear;      // A's and B's moments (translated linear CKA)
    std::shared_ptr<const LinearCkaMoments> abUnitLinear;  // of their L2-normalized rows (relative linear CKA)
    // The neighbour lists among all of B's shared rows (pair_neighbours.h): they do not depend on the anchors, so the
    // next table of the pair takes them whatever its anchors (kept through preview tables too).
    std::shared_ptr<const PairNeighbours> pairNeighbours;
    std::shared_ptr<const PairMoments> pairMoments;  // likewise, the linear-CKA moments over all shared rows
};

// The input for spaces a and b of a session: their shared rows and anchors, the document's relative and
// translation settings, and its similarity settings as used (effectiveSimilaritySettings; `preview`: the preview's
// sizes, scaled by `previewFraction`). What the app's panel and `compare --session` both compute.
SimilarityInput similarityInput(const Session& session, size_t a, size_t b, bool preview = false,
                                double previewFraction = 1.0);

// Every metric of the asked columns. Errors only for cancellation; a metric that fails or does not apply is stored
// with its reason. Cost per column: linear CKA O(E·(Da+Db)²), RBF O(n²·D), kNN O(Q·E·D), with E evaluated rows;
// every column reads the two mapped spaces block by block and keeps no E × D or E × K matrix (relative_column.h, on
// the compact form of the relative representations; streamed_column.h, the absolute and translated columns), so its
// memory is a few blocks per thread and the seeded rows. The columns' parts run side by side on the calling thread
// and one helper, one OpenMP thread each (core/jobs/concurrency.h), so the result is the same bits whatever the
// caller's thread count.
Result<SimilarityTable> computeSimilarityTable(const SimilarityInput& in, JobContext& ctx = silentJob());

// {"a", "b", "matched", "evaluated", "anchors", "queries", "rbf_rows", "linear_rows", "k_jaccard", "k_mrr",
//  "absolute": {metric: value|null, "<metric>_stderr": e (sampled means only)}, "relative": ..., "translated": ...,
//  "why": {column: {metric: reason}} for the nulls, "warnings": [text], "settings": {"similarity", "relative",
//  "translation"}}.
nlohmann::json toJson(const SimilarityTable& t);

}  // namespace lb
