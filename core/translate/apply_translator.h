// Translating many rows with a fitted Translator so that the result does not depend on the thread count: rows are
// translated in fixed chunks of kTranslateChunkRows (rows [256c, 256c + 256) of the call), each by one thread, so
// each row's bits depend only on the chunk it falls in. Splitting a matrix into shards whose sizes are multiples of
// kTranslateChunkRows (the last one any size) therefore gives bit for bit the rows of one call on the whole:
// `translate --out`, `translate --fit` per shard, Python and Dask agree.
//
// Why chunks: one big GEMM lets the BLAS library split the rows among its threads, and the kernels tile the rows of
// each part; a row in a tile of another shape (the last, partial tile of a part) can round differently in the last
// bit. Fixed chunks translated single-threaded (the BLAS runs single-threaded inside our OpenMP region) keep the
// tiling fixed; the relative projection does the same (core/relative/relative_projection.cpp).
#pragma once

#include "core/jobs/job_context.h"
#include "core/translate/translator.h"

namespace lb {

constexpr Index kTranslateChunkRows = 256;

// X: N x sourceDim -> out: N x targetDim (resized). Multithreaded over chunks (OpenMP); progress per chunk in a
// "translate" stage; returns Status::cancelled() (out then partly written) when ctx is cancelled. Errors:
// InvalidArgument when X's width is not the translator's source width.
Status applyTranslator(const Translator& translator, const ConstRowMatrixRef& X, RowMatrixXf& out,
                       JobContext& ctx = silentJob());

}  // namespace lb
