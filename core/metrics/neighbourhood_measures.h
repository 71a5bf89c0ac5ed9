// Neighbourhood-based representational similarity (Klabunde et al., survey §4.4; docs/methods.md §4
// "Representational similarity measures"). kNN Jaccard lives in knn.h.
//
// Shapes: A is N × D1, B is N × D2 (double), rows paired, N ≥ 2. Neighbours: the k rows of highest cosine
// similarity among the other rows of the same space (the row itself excluded; ties to the lower row), rows
// column-centred first. The N × N cosine matrices are formed in double (O(N²·D)): the second-order cosine needs
// their entries, not only the lists, so computeMeasures gives these a seeded row subsample. pure; any thread.
#pragma once

#include "core/types.h"

namespace lb::measures {

// Second-order cosine similarity (Hamilton et al. 2016): for row i, U = N_A(i) ∪ N_B(i) (ascending row order),
// s_A = (cos(a_i, a_j))_{j∈U}, s_B likewise, score cos(s_A, s_B); mean over rows. In [−1, 1].
double secondOrderCosine(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B, Index k);

// Rank similarity (Wang et al. 2022): for row i and each j ∈ N_A(i) ∩ N_B(i), with r_A, r_B its ranks (1 = the
// nearest) in the two lists: Σ_j 2 / ((1 + |r_A − r_B|)(r_A + r_B)), divided by v_max = Σ_{t=1}^{K} 1/t,
// K = |N_A(i) ∩ N_B(i)| (a row with no common neighbour scores 0); mean over rows. In [0, 1].
double rankSimilarity(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B, Index k);

// Joint rank-Jaccard similarity (Wang et al. 2022): per row, rank similarity × Jaccard |N_A ∩ N_B| / |N_A ∪ N_B|;
// mean over rows. In [0, 1].
double jointRankJaccard(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B, Index k);

}  // namespace lb::measures
