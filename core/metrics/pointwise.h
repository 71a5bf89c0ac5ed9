// Row-by-row agreement between two spaces of the same shape (a translated space vs the true target).
#pragma once

#include "core/status.h"
#include "core/types.h"

namespace lb {

// S, T: N x D (same rows, same width). Mean over rows of cos(S_i, T_i); a zero row has cosine 0 with
// anything. O(N·D), double accumulation; pure; any thread. Errors: InvalidArgument on a shape mismatch or N = 0.
Result<double> meanCosine(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T);
// The same with S's row norms given (N): for an S that keeps the true rows' dot products with T but not their
// norms (a projection onto T's span, compact_relative.h). Errors: also InvalidArgument when normsS.size() != N.
Result<double> meanCosine(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T, const Eigen::VectorXf& normsS);

// The baseline a mean cosine must be read against: the mean over rows of cos(S_i, T_partner[i]) for pairs that
// do NOT encode the same sample (partner: sampling.h's seededDerangement). Spaces whose vectors all point one way
// (relative representations of positive similarities) score high here already. normsS (optional, N): S's true
// row norms, as in meanCosine above. Errors: InvalidArgument (shapes, partner size or range).
Result<double> meanCosineOfPairs(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                 const std::vector<Index>& partner, const Eigen::VectorXf* normsS = nullptr);

// Mean squared error over all N·D entries: Σ (S_ij − T_ij)² / (N·D). Same preconditions as meanCosine.
Result<double> meanSquaredError(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T);
// The same for an S known through its dot products with T's rows and its true row norms (N): S_inT as for
// meanCosine, normsS, and the true width W of S and T (the N·W entries averaged over). ‖s − t‖² = ‖s‖² + ‖t‖² −
// 2 s·t, with T's rows complete in their own coordinates. Errors: InvalidArgument (shapes, W < 1).
Result<double> meanSquaredError(const ConstRowMatrixRef& S_inT, const ConstRowMatrixRef& T,
                                const Eigen::VectorXf& normsS, Index width);

// The per-row terms the means above add, for callers that see the rows a block at a time (the similarity table's
// relative column): each mean is fixedOrderSum (fixed_order_sum.h) of its term over the rows, divided by N (by
// N·W for MSE). s, t: one row of S (or S_inT) and of T; normS: S's true row norm, or < 0 for s's own.
using ConstRowRef = Eigen::Ref<const Eigen::RowVectorXf>;
double cosineTerm(const ConstRowRef& s, const ConstRowRef& t, double normS = -1);
// ‖s − t‖² of two rows in one space (the first meanSquaredError's term).
double squaredDifferenceTerm(const ConstRowRef& s, const ConstRowRef& t);
// ‖s − t‖² through normS (the true norm of s) and the dot product of S_inT's row with T's.
double squaredErrorTerm(const ConstRowRef& sInT, const ConstRowRef& t, double normS);

}  // namespace lb
