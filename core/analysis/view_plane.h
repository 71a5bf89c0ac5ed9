// The 2-D planes the view grid draws: PCA coordinates of a space, a PCA basis of a relative representation that
// follows anchor edits cheaply (WarmPca), and a translated space drawn in the reference's PCA plane. Pure
// functions on matrices; any thread.
#pragma once

#include "core/jobs/job_context.h"
#include "core/linalg/pca.h"
#include "core/translate/translator.h"

#include <optional>
#include <vector>

namespace lb {

// N x k coordinates -> 2N floats, x0 y0 x1 y1 ... (y = 0 when k == 1): what a view draws.
std::vector<float> planeCoordinates(const RowMatrixXf& coords);

// The top-2 (or top-1, for one column) PCA of X (N x D). Errors: InvalidArgument (N < 2), those of fitPca.
Result<PcaModel> fitPlanePca(const ConstRowMatrixRef& X, JobContext& ctx = silentJob());

// A 2-D PCA basis of an N x K relative representation that follows anchor edits cheaply. One edit changes one
// column, so the top-2 subspace barely moves: a few steps of subspace iteration started from the previous basis
// (rows of removed anchors dropped, new anchors' rows zero) converge to it in O(iters·n·K) on a stride subsample
// of n <= 2000 rows, instead of the O(N·K²) covariance a cold fit costs. Cold fits (first time, fewer than 3/4 of
// the columns known) use fitPca.
struct WarmPca {
    std::vector<Index> columns;  // the anchor (reference row) of each basis row
    Eigen::MatrixXf basis;       // K x 2 (or K x 1), orthonormal columns
};
// R: N x K, columns[j] = the anchor of column j. Updates `w` and returns R's N x 2 coordinates, centered, ordered by
// explained variance, signs fixed like fitPca's (no flips between edits).
Result<RowMatrixXf> warmPca2d(const RowMatrixXf& R, const std::vector<Index>& columns, WarmPca& w,
                              JobContext& ctx = silentJob());

// The translation by `t` then the projection on `plane` as one affine map of the source rows, x -> x·map + offset
// (D_src x k, 1 x k); none when `t` is not affine (L2 normalization translates row by row).
std::optional<Translator::AffineMap> planeMapOf(const Translator& t, const PcaModel& plane);

// X (N x D_src) translated by `t` and projected on `plane` (the reference's PCA): N x k. Without L2 normalization a
// translator is affine (x -> x·A + a), and so is the projection: their composition x -> x·(A·V) + b costs
// O(N·D·2), never forming the N x D' translation. With L2 the rows are translated one by one.
RowMatrixXf translateToPlane(const Translator& t, const PcaModel& plane, const ConstRowMatrixRef& X);

}  // namespace lb
