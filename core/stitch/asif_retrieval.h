// ASIF cross-modal retrieval evaluated over a fixed candidate gallery (docs/methods.md §7).
//
// Queries are rows of space A, candidates are *every non-anchor row of space B*, whatever the number of
// queries: a query's rank depends only on the anchors and the gallery, never on which other queries were
// sampled. (Drawing candidates from the sampled queries would shrink the gallery with the query count and
// inflate top-1 for small samples.)
#pragma once

#include "core/jobs/job_context.h"
#include "core/space/row_matching.h"
#include "core/stitch/asif.h"

#include <cstdint>
#include <vector>

namespace lb {

struct AsifRetrievalOptions {
    AsifOptions asif;         // top-k and power (defaults of the paper)
    Index maxQueries = 5000;  // seeded subsample of the non-anchor shared rows; 0 = every one
    uint64_t seed = 0;        // seed of that subsample
};

struct AsifRetrieval {
    std::vector<Index> queryPositions;  // Q positions into the RowMatch (non-anchor shared samples), ascending
    std::vector<Index> rank;            // Q: candidates ranked ahead of the true counterpart (0 = top-1); ties
                                        // count the candidates of lower row index as ahead, as asifPredict
    std::vector<Index> candidateRows;   // M rows of B: every row that is not an anchor, ascending
    double top1 = 0, top5 = 0;          // share of queries with rank < 1, < 5
};

// A: N_a x D_a, B: N_b x D_b; match pairs their rows; anchorPositions: positions into match of the K anchors
// (each side encoded against its own rows of them). Cost O((Q + M)·D·K + Q·M·K); multithreaded GEMM blocks.
// Errors: InvalidArgument (no anchor, no query left, options as asifEncode), Cancelled.
Result<AsifRetrieval> asifRetrieval(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B, const RowMatch& match,
                                    const std::vector<Index>& anchorPositions, const AsifRetrievalOptions& options,
                                    JobContext& ctx = silentJob());

}  // namespace lb
