// Cross-space retrieval accuracy (docs/methods.md §4): does S(i) find its true counterpart T(i)?
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <vector>

namespace lb {

struct RetrievalOptions {
    std::vector<Index> ks{1, 5};  // report top-k accuracy for each k (default top-1 and top-5)
    Index maxQueries = 0;         // 0 = every row; else a seeded subsample
    uint64_t seed = 0;
};

struct RetrievalResult {
    std::vector<Index> ks;         // as requested, each clamped to N
    std::vector<double> accuracy;  // same length: fraction of queries whose counterpart is in the top k
    Index nQueries = 0;
};

// S, T: N x D (rows = the same samples, common space). Query S(i) searches the rows of T by cosine
// (cosineTopK, ties by lower index); a hit is T(i) among the k best. Cost O(Q·N·D).
// Errors: InvalidArgument (shape mismatch, empty ks, k < 1), Cancelled.
Result<RetrievalResult> retrievalAccuracy(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                          const RetrievalOptions& options, JobContext& ctx = silentJob());

// Classification accuracy: fraction of i with predicted[i] == labels[i]. Sizes must match (else 0 with
// an assert in debug); empty input gives 0. pure.
double classificationAccuracy(const std::vector<int32_t>& predicted, const std::vector<int32_t>& labels);

}  // namespace lb
