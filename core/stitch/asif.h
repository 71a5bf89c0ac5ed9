// ASIF cross-modal zero-shot matching (docs/methods.md §7): two unimodal spaces A (e.g. images) and B (e.g.
// captions / label texts) are compared through K paired anchors, without training anything.
//
// Each row is encoded by its cosine similarities to its own modality's K anchors (inputs L2-normalized),
// sparsified to its `topk` largest values (others set to 0), raised to the power p, then L2-normalized.
// A query of A is matched to the candidate of B whose encoding has the largest dot product with its own.
// Our convention for negative similarities among the kept values: they are set to 0 before the power
// (a dissimilar anchor carries no evidence; with an even p they would otherwise count as similar).
#pragma once

#include "core/jobs/job_context.h"
#include "core/metrics/knn.h"
#include "core/status.h"
#include "core/types.h"

namespace lb {

struct AsifOptions {
    Index topk = 800;  // non-zero entries kept per row (clamped to K; default 800 as in the paper)
    double p = 8.0;    // exponent applied to the kept similarities (default 8 as in the paper; p > 0)
};

// X: N x D, anchors: K x D (the same modality). Returns the N x K ASIF encoding (rows L2-normalized, at most
// topk non-zeros; an all-zero row stays zero). Cost O(N·D·K) GEMM + O(N·K) selection; multithreaded.
// Errors: InvalidArgument (width mismatch, K = 0, topk < 1, p <= 0), Cancelled.
Result<RowMatrixXf> asifEncode(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors, const AsifOptions& options,
                               JobContext& ctx = silentJob());

// queries: Q x Da with anchorsA: K x Da (modality A); candidates: M x Db with anchorsB: K x Db (modality B,
// row k of anchorsB pairs with row k of anchorsA). Returns Q x n indices of candidates, best first (ties by
// lower index), n = min(topN, M). Cost O((Q + M)·D·K + Q·M·K). Errors: as asifEncode, plus InvalidArgument
// when the anchor counts differ or topN < 1.
Result<IndexMatrix> asifPredict(const ConstRowMatrixRef& queries, const ConstRowMatrixRef& anchorsA,
                                const ConstRowMatrixRef& candidates, const ConstRowMatrixRef& anchorsB,
                                const AsifOptions& options, Index topN = 5, JobContext& ctx = silentJob());

}  // namespace lb
