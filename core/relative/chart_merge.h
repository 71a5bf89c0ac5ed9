// Merging charts into an atlas (docs/methods.md §3, after Crisostomi et al., "From Charts to Atlas: Merging Latent
// Spaces into One", arXiv 2311.06547, their Relative Latent Space Aggregation): several spaces ("charts"), each
// encoding its own, partly shared set of samples (matched by key), become one space by (1) the relative
// representation of every chart on the anchors all charts share, then (2) for each sample, the mean of the
// relative rows of the charts that encode it. The atlas has one row per distinct sample (M × K).
//
// evaluateAtlas asks what the merge is worth for classification: a held-out set of samples; per chart, a head
// trained on that chart alone (its absolute rows, and its relative rows) against one head trained on the atlas
// rows of every training sample, all tested on the chart's held-out samples.
#pragma once

#include "core/jobs/job_context.h"
#include "core/relative/relative_projection.h"
#include "core/space/latent_space.h"
#include "core/stitch/ridge_head.h"

#include <string>
#include <vector>

namespace lb {

struct Atlas {
    RowMatrixXf rows;                            // M × K: the mean relative row of each sample
    std::vector<std::string> keys;               // M, in order of first appearance (chart 0's rows first)
    std::vector<int32_t> labels;                 // M, −1 where no chart has a label
    std::vector<int> charts;                     // M: how many charts encode the sample
    std::vector<std::vector<Index>> atlasRowOf;  // per chart: the atlas row of each of its rows
    std::vector<Index> anchorRows;               // K: the anchors' atlas rows
};

// charts: ≥ 2 spaces with keys (and labels where known; charts that both label a sample must agree), anchorKeys:
// K ≥ 1 keys every chart encodes. Cost O(Σ N_i·D_i·K). Errors: InvalidArgument (fewer than 2 charts, a chart
// without keys, an anchor key missing from a chart or repeated), BadInput (two charts label one sample
// differently, naming both files and the key), Cancelled.
Result<Atlas> mergeCharts(const std::vector<const LatentSpace*>& charts, const std::vector<std::string>& anchorKeys,
                          const RelativeOptions& relative, JobContext& ctx = silentJob());

// Writes the atlas so it opens as a space anywhere: at a `path` ending in .npz, one archive (embeddings M × K
// float32, keys, and labels and `labelNames` when every sample has a label); otherwise a .npy (float32, M × K) and
// its sidecar beside it (the same stem, .json: the display `name`, keys, labels, label names). Errors: Io.
Status writeAtlasFiles(const std::string& path, const std::string& name, const Atlas& atlas,
                       const std::vector<std::string>& labelNames);

struct AtlasEvaluationSettings {
    double testFraction = 0.2;  // of the atlas's non-anchor samples, held out for every chart alike
    uint64_t seed = 0;
    RidgeOptions ridge;
};

struct ChartScores {
    Index nTrain = 0, nTest = 0;  // the chart's training and held-out samples
    int classes = 0;              // classes among the chart's training samples
    double absolute = 0;          // head on the chart's absolute rows
    double relative = 0;          // head on the chart's relative rows (the same anchors as the atlas)
    double atlas = 0;             // the atlas head, on the atlas rows of the chart's held-out samples
};

struct AtlasEvaluation {
    std::vector<ChartScores> charts;
    Index nTrain = 0, nTest = 0;  // atlas samples
    double atlasOverall = 0;      // the atlas head on every held-out sample
};

// Needs labels on every sample of the atlas. Errors: InvalidArgument (unlabelled samples, a chart with fewer
// than 2 classes or no held-out sample), those of the ridge fits, Cancelled.
Result<AtlasEvaluation> evaluateAtlas(const std::vector<const LatentSpace*>& charts, const Atlas& atlas,
                                      const RelativeOptions& relative, const AtlasEvaluationSettings& settings,
                                      JobContext& ctx = silentJob());

// The paper's other check: is the atlas like the space of one model trained on every task (`reference`, a space with
// keys that encodes the anchors)? Over the atlas samples the reference encodes, the cosine between each sample's
// atlas row and the reference's relative row on the same anchors, and the linear CKA of the two; per chart, the
// same cosine and CKA for the chart's own relative rows next to the atlas rows of the same samples.
struct ChartReferenceScores {
    Index n = 0;             // the chart's samples the reference encodes
    double chartCosine = 0;  // mean cosine(chart's relative row, reference's relative row)
    double atlasCosine = 0;  // mean cosine(atlas row, reference's relative row), over the same samples
    double chartCka = 0;     // linear CKA of the chart's relative rows and the reference's (0 when n < 2)
    double atlasCka = 0;     // linear CKA of the atlas rows and the reference's, over the same samples
};

struct AtlasReferenceComparison {
    Index n = 0;            // atlas samples the reference encodes
    double meanCosine = 0;  // mean cosine(atlas row, reference's relative row)
    double linearCka = 0;   // of the n × K atlas rows and the n × K reference relative rows
    std::vector<ChartReferenceScores> charts;
};

// Errors: InvalidArgument (reference without keys, an anchor missing from it, fewer than 2 shared samples),
// those of linearCka, Cancelled.
Result<AtlasReferenceComparison> compareAtlasToReference(const std::vector<const LatentSpace*>& charts,
                                                         const Atlas& atlas, const LatentSpace& reference,
                                                         const RelativeOptions& relative,
                                                         JobContext& ctx = silentJob());

}  // namespace lb
