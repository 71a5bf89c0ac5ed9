// Representational similarity measures of the ReSi benchmark (Klabunde et al. 2024; their survey, Klabunde et al.
// 2023): one entry point and one list of names for the CLI (`compare --measures`) and the app's Similarity panel.
// Definitions, and every choice the papers leave open: docs/methods.md §4 "Representational similarity measures".
//
// Families, one file each: cca_measures.h, alignment_measures.h, rsm_measures.h, neighbourhood_measures.h,
// statistic_measures.h.
//
// [SECTION] settings and results   [SECTION] registry   [SECTION] entry point
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lb {

// ------------------------------------------------------------------------------------- settings and results
struct MeasureSettings {
    Index k = 10;                 // neighbourhood size of second-order cosine, rank similarity, joint rank-Jaccard
    Index maxRows = 2000;         // measures that form N × N matrices use at most this many rows (0 = all rows)
    uint64_t seed = 0;            // which rows when N > maxRows (sampleRows: seeded, uniform, without replacement)
    double svccaVariance = 0.99;  // share of each space's variance SVCCA keeps, in (0, 1]
    double gulpLambda = 0.01;     // GULP's ridge λ (> 0), on spaces scaled to unit total variance
};

struct MeasureResult {
    std::string name;  // registry name, e.g. "pwcca"
    double value = 0;
    Index rowsUsed = 0;               // rows the measure saw: N, or min(N, maxRows) for the subsampled ones
    bool higherIsMoreSimilar = true;  // false for distances and differences (0 = alike)
};

// ----------------------------------------------------------------------------------------------- registry
struct MeasureInfo {
    const char* name;    // CLI / JSON name: "mean_cca", "svcca", "pwcca", "procrustes", "angular_shape",
                         // "linear_regression", "aligned_cosine", "rsa_pearson", "rsa_spearman",
                         // "rsm_norm_difference", "dcor", "eigenspace_overlap", "gulp", "second_order_cosine",
                         // "rank_similarity", "joint_rank_jaccard", "magnitude_difference",
                         // "concentricity_difference", "uniformity_difference", "linear_cka" (core/metrics/cka.h)
    const char* family;  // "cca", "alignment", "rsm", "neighbourhood", "statistics", "cka"
    const char* label;   // for people: "PWCCA", "Orthogonal Procrustes distance", ...
    bool higherIsMoreSimilar;
    bool subsampled;  // forms N × N matrices: computed on min(N, maxRows) seeded rows
    bool symmetric;   // m(A, B) = m(B, A)
};
// Every measure, in the order above (the order results are printed in).
const std::vector<MeasureInfo>& measureRegistry();
// The entry for a name, or null.
const MeasureInfo* findMeasure(const std::string& name);
// "all", or a comma-separated list of registry names (spaces ignored, duplicates dropped) -> the names in the order
// given. Errors: InvalidArgument naming the first unknown measure, or an empty list.
Result<std::vector<std::string>> parseMeasureList(const std::string& list);

// ------------------------------------------------------------------------------------------------ entry point
// A: N × D1, B: N × D2, rows paired (row i of each encodes the same sample). Computes the named measures in the
// order given. Cost: O(N·(D1 + D2)²) for each full-row measure; O(n²·(D1 + D2)) with n = min(N, maxRows) for each
// subsampled one (RSA, dCor, neighbourhood measures, uniformity). Progress: one unit per measure; honours
// ctx.cancelled() between measures. Errors: InvalidArgument (row counts differ, N < 2, unknown name, k < 1,
// maxRows = 1, svccaVariance outside (0, 1], gulpLambda ≤ 0), NumericalIssue (non-finite input), Cancelled.
Result<std::vector<MeasureResult>> computeMeasures(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B,
                                                   const std::vector<std::string>& names,
                                                   const MeasureSettings& settings, JobContext& ctx = silentJob());

// {"k", "max_rows", "seed", "svcca_variance", "gulp_lambda"}.
nlohmann::json toJson(const MeasureSettings& s);
// {name: {"value", "rows", "higher_is_more_similar"}} for each result.
nlohmann::json toJson(const std::vector<MeasureResult>& results);

}  // namespace lb
