// Internal: the geometric anchor strategies behind selectAnchors() (anchor_selection.h), one file each, and
// the seeded random helpers they share. Not part of the public API.
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <random>
#include <vector>

namespace lb::detail {

// OpenMP `if` clause for the loops here: waking a thread team costs more than ~64k flops of work, and tests
// run thousands of tiny projections.
inline bool parallelWorth(Index work) {
    return work >= (Index{1} << 16);
}

// Unbiased integer in [0, n) from a 64-bit engine (rejection of the top partial range), n >= 1.
// Written out so results do not depend on the standard library's distribution implementations.
uint64_t uniformBelow(std::mt19937_64& rng, uint64_t n);
// Uniform double in [0, 1) with 53 random bits.
double uniform01(std::mt19937_64& rng);

// 1 / max(||x_i||, 1e-12) for every row: the scale that L2-normalizes row i (zero rows stay zero). N floats.
Eigen::VectorXf inverseRowNorms(const ConstRowMatrixRef& X);

// Farthest-point sampling on the L2-normalized rows of X (N x D): random start from `seed`, then repeatedly
// the row whose squared distance to the nearest chosen row is largest (ties: lowest index). K <= N.
// Cost O(N·D·K), OpenMP over rows. Cancelled -> Status::cancelled().
Result<std::vector<Index>> farthestPointAnchors(const ConstRowMatrixRef& X, Index k, uint64_t seed, JobContext& ctx);

// k-means++ seeding + `iterations` Lloyd steps on the L2-normalized rows of X; returns for each centroid the
// nearest real row (all distinct). Cost O(iterations·N·D·K), GEMM in row blocks.
Result<std::vector<Index>> kmeansAnchors(const ConstRowMatrixRef& X, Index k, uint64_t seed, int iterations,
                                         JobContext& ctx);

// Class prototypes: K split over the classes in proportion to their sizes (at least one each when K >= C), then
// kmeansAnchors within each class (seed + label). labels: N ids >= 0. Cost O(iterations·N·D·K / C).
Result<std::vector<Index>> prototypeAnchors(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels, Index k,
                                            uint64_t seed, int iterations, JobContext& ctx);

}  // namespace lb::detail
