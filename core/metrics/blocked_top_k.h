// Top-k by dot product with the similarities never leaving the registers: the engine of knn.h's cosine search
// on CPUs with AVX-512.
//
// Why: the GEMM search writes Q × N similarities to memory (10 MB for the similarity table's 250 queries among
// 10,000 rows) and scans them again for the top k; with D = 64 the product is cheap and that traffic is most of
// a search. Here the base is stored in blocks of 16 rows with dims outermost (one 16-float vector per dim), a
// register tile of 8 queries × 32 rows accumulates 256 dot products by FMA, and each query's 32 new values are
// compared at once with its current k-th best: the rare row that beats it enters the query's top-k buffer. The
// base is walked in chunks that stay in L2 while every query of the thread passes over them.
#pragma once

#include "core/metrics/knn.h"

#include <vector>

namespace lb::detail {

// True when this build has the kernel (AVX-512 F); else knn.cpp searches with its GEMM path.
bool blockedTopKAvailable();

// An N × D matrix in the kernel's layout: blocks of 16 rows (padded with zero rows to an even number of blocks),
// in block b dim i is the 16 floats data[(b · D + i) · 16 + row].
struct BlockedRows {
    Index n = 0, d = 0;
    std::vector<float> data;
    Index blocks() const { return static_cast<Index>(data.size()) / (16 * std::max<Index>(d, 1)); }
};
BlockedRows blockRows(const ConstRowMatrixRef& X);

// For each row of `queries` (Q × D), the k rows of `base` (N × D, laid out as `blocked`) with the largest dot
// product, decreasing, ties by the lower row index. Each dot product is the float FMA chain over dims
// 0, 1, …, D−1 (s ← fma(q_i, x_i, s) from 0), so equal rows give equal values. NaN products never enter a full
// list. Q × k indices. Multithreaded over queries; honours ctx.cancelled(); advances ctx by one per query.
// Needs blockedTopKAvailable(), 1 ≤ k ≤ N and equal widths (checked by the caller, knn.cpp).
Result<IndexMatrix> blockedTopK(const ConstRowMatrixRef& queries, const BlockedRows& blocked, Index k, JobContext& ctx);

}  // namespace lb::detail
