// Centered kernel alignment between two spaces whose rows encode the same samples (docs/methods.md §4).
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <vector>

namespace lb {

// Linear CKA = ‖Y_cᵀX_c‖_F² / (‖X_cᵀX_c‖_F ‖Y_cᵀY_c‖_F), X_c, Y_c column-centered.
// X: N x D, Y: N x D' (D may differ from D'). Computed through the D x D, D' x D' and D' x D cross products
// (row blocks, double accumulation): cost O(N·(D + D')²), memory O((D + D')²), fine at N = 100k. With fewer rows
// than that costs (N·(D + D') < D² + D'² + D·D': a preview's hundred rows of 768-d spaces), through the rows'
// N x N Gram matrices instead, O(N²·(D + D')): the same value up to round-off.
// Returns a value in [0, 1]. Errors: InvalidArgument (row counts differ, N < 2, or either space constant: every
// row the same, e.g. all zero, where CKA is 0 / 0 and undefined; ckaUndefined's message says which),
// NumericalIssue (non-finite input), Cancelled.
Result<double> linearCka(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, JobContext& ctx = silentJob());
// Whether linearCka of n rows of Dx- and Dy-wide spaces takes the Gram route: then it also costs less than any
// moments of those widths (streamed, or carried through maps), which callers holding the rows can skip.
bool linearCkaCheaperInGramSpace(Index n, Index dx, Index dy);

// The three centered cross products linear CKA is made of. Kept, they give the linear CKA of any affine maps
// of X and Y without another pass over the rows (linearCkaOfMaps): after every anchor edit, the similarity
// table's translated column (A translated into B, against B) and its relative column (cosine relative reps
// are linear maps of the normalized rows). Same errors as linearCka.
struct LinearCkaMoments {
    Eigen::MatrixXd xx;  // D x D:  X_cᵀX_c
    Eigen::MatrixXd yy;  // D' x D': Y_cᵀY_c
    Eigen::MatrixXd yx;  // D' x D: Y_cᵀX_c
};
Result<LinearCkaMoments> linearCkaMoments(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y,
                                          JobContext& ctx = silentJob());
// The moments of all N rows about their own means, kept so that the moments of the same rows less a few (R of
// them) cost O(R·(D + D')²) instead of another pass over the N rows: the similarity table leaves each anchor edit's
// anchors out of rows whose moments do not otherwise change.
struct LinearCkaAllRows {
    Index n = 0;
    Eigen::RowVectorXd meanX, meanY;  // 1 x D, 1 x D'
    LinearCkaMoments centered;        // about meanX, meanY
};
Result<LinearCkaAllRows> linearCkaAllRows(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y,
                                          JobContext& ctx = silentJob());
// The moments of those rows without removedX (R x D) and removedY (R x D'): the same samples' rows, each removed
// row present once among the N. With d = removed x − meanX, e likewise, s_d = −Σd (the kept rows' sum about
// meanX), n' = N − R: xx' = xx − dᵀd − s_dᵀs_d / n', and alike for yy' and yx'. Equals linearCkaMoments of the kept
// rows up to round-off. Errors: InvalidArgument (widths, R ≥ N − 1).
Result<LinearCkaMoments> linearCkaMomentsWithout(const LinearCkaAllRows& all, const ConstRowMatrixRef& removedX,
                                                 const ConstRowMatrixRef& removedY);

// linearCkaMoments of rows seen block by block in one pass, for rows too many to keep (the similarity table's
// relative column computes its rows a block at a time). Each block is centered on fixed shifts a, b (estimates
// of the column means: any values do, values near the means keep the float products accurate), its products are
// accumulated in double as linearCkaMoments does, and the shifts' error is taken out at the end:
// Σ(x−μ)(y−ν)ᵀ = Σ(x−a)(y−b)ᵀ − n(μ−a)(ν−b)ᵀ. Equals linearCkaMoments of all rows up to float round-off.
// Single-threaded per instance; the sums of consecutive row ranges combine with append().
class LinearCkaStream {
   public:
    LinearCkaStream(const Eigen::RowVectorXd& shiftX, const Eigen::RowVectorXd& shiftY);  // 1 x D, 1 x D'
    // The next rows: X (n x D) and Y (n x D') of the same samples. Errors: InvalidArgument (shapes), Cancelled.
    Status add(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, JobContext& ctx = silentJob());
    void append(const LinearCkaStream& other);
    // Errors as linearCkaMoments: fewer than 2 rows, a non-finite value seen.
    Result<LinearCkaMoments> moments() const;

   private:
    Eigen::RowVectorXd m_shiftX, m_shiftY, m_sumX, m_sumY;  // Σ(x − a), Σ(y − b)
    LinearCkaMoments m_shifted;                             // about the shifts
    Index m_n = 0;
    bool m_finite = true;
};

// linearCka from its moments: the same value and errors (a constant space) as linearCka of the rows they are of.
Result<double> linearCkaOfMoments(const LinearCkaMoments& m);

// Linear CKA of X·Mx + 1·cᵀ against Y·My + 1·dᵀ from the moments of X and Y (c and d cancel in the centering;
// Mx: D x Dx', My: D' x Dy'; an empty matrix stands for the identity):
// ‖Myᵀ·yx·Mx‖² / (‖Mxᵀ·xx·Mx‖·‖Myᵀ·yy·My‖), in [0, 1]; NaN when either mapped space is constant (undefined).
// O(D²·Dx' + D'²·Dy'). Identities give linearCka(X, Y).
double linearCkaOfMaps(const LinearCkaMoments& m, const Eigen::MatrixXd& Mx, const Eigen::MatrixXd& My = {});

// The error both CKAs return when a space is constant (which one: first = X, second = Y; neither flag set: not
// known which).
Error ckaUndefined(bool firstConstant, bool secondConstant);

struct RbfCkaOptions {
    Index maxRows = 2000;  // n_max: the n x n kernels are built on at most this many rows (default 2000)
    uint64_t seed = 0;     // which rows when N > maxRows (seeded uniform subsample without replacement)
};

struct RbfCkaResult {
    double value = 0;   // in [0, 1]
    Index n = 0;        // rows actually used (min(N, maxRows))
    double sigmaX = 0;  // bandwidths: sqrt(median of the non-zero squared distances), lower middle element
    double sigmaY = 0;
};

// RBF CKA: K_ij = exp(−‖x_i − x_j‖² / (2σ²)) per space, HSIC with centered kernels, normalized.
// Cost O(n²·(D + D')) time and O(n²) memory (3 n x n double matrices: ~100 MB at n = 2000); multithreaded.
// Errors: as linearCka (a space whose sampled rows are all identical: its centered kernel vanishes, CKA is
// undefined), plus InvalidArgument when maxRows < 2.
Result<RbfCkaResult> rbfCka(const ConstRowMatrixRef& X, const ConstRowMatrixRef& Y, const RbfCkaOptions& options,
                            JobContext& ctx = silentJob());

// What RBF CKA needs of one space: its centered kernel on the sampled rows. Half the work of rbfCka, and it
// depends on that space alone, so a caller comparing several spaces with one target (the similarity table's
// absolute and translated columns against B) computes it once.
struct RbfKernelSide {
    Index sourceRows = 0;      // N of the space it was built from (the sample depends on N and the options)
    std::vector<Index> rows;   // the n sampled rows
    Eigen::MatrixXd centered;  // n x n, H K H: its lower triangle, diagonal included (the rest is not set)
    double squaredNorm = 0;    // ‖H K H‖_F²
    double sigma = 0;
};
Result<RbfKernelSide> rbfKernelSide(const ConstRowMatrixRef& Y, const RbfCkaOptions& options,
                                    JobContext& ctx = silentJob());
// rbfCka(X, Y) with Y's side given (built from Y with the same options). Same value as rbfCka.
Result<RbfCkaResult> rbfCkaWith(const ConstRowMatrixRef& X, const RbfKernelSide& y, JobContext& ctx = silentJob());

}  // namespace lb
