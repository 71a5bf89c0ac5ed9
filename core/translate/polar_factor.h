// The orthogonal polar factor U Vᵀ of a square cross-covariance (orthogonal Procrustes, docs/methods.md §2).
#pragma once

#include <Eigen/Core>

#include <optional>
#include <utility>

namespace lb {

// cross: W × W, zero outside its top-left d × dy block (the anchors of a D-wide source and a D'-wide target
// zero-padded to W = max(D, D')). Returns an orthogonal W × W matrix R = U₁V₁ᵀ + C: U₁Σ₁V₁ᵀ is the block
// over its nonzero singular values, exactly as every SVD of `cross` gives it, and C maps the directions the anchors
// leave free (dead units, K < D, padding) by the rotation closest to the identity between the two complements:
// a function of the subspaces alone, so the Gram route, the SVD route and other platforms agree where an SVD's
// own choice would be arbitrary. With full rank min(d, dy) the block of R that a padded translation reads is
// U₁V₁ᵀ alone.
//
// Why not the SVD: a W × W BDCSVD costs 7–9× the symmetric eigensolver of the block's smaller Gram matrix
// (min(d, dy) wide), and the GUI's live stitching matrix fits a Procrustes map for every pair of spaces on every
// anchor click. The Gram route squares the condition number, so a direction counts as determined only when
// σ / σ_max > 1e-4 (error ~1e-8, far below the float map) and as null when σ / σ_max < 1e-6; with singular
// values in between, the factor comes from the SVD. `usedSvd`, when given, says which route was taken (tests).
Eigen::MatrixXd polarFactor(const Eigen::MatrixXd& cross, Eigen::Index d, Eigen::Index dy, bool* usedSvd = nullptr);

// An orthogonal W × W factor as a fit produces it: dense, or in low-rank form R = I + L·M·Lᵀ with L = [u′ v′] (W × 2r,
// the principal vectors of the anchors' two spans, polar_factor.cpp) and a 2r × 2r middle M, each of u′ and v′ kept
// as a basis times r coefficients. On the thin route (K < D) the bases are the anchors themselves (padded
// copies of xᵀ and yᵀ, W × K), so a fit takes no product with a W-tall result: a caller that composes R with a few
// columns (the translated views' 2-D plane, q = 2) pays O(W·K·q), and forming R (W × 2r × W, the largest single cost of
// a fit with 300 anchors of 768-d features) happens only for a caller that reads it whole.
struct OrthogonalFactor {
    Eigen::MatrixXd dense;  // W × W; empty in low-rank form
    // Low-rank form: u′ = uBasis·uCoef and v′ = vBasis·vCoef (bases W × m, coefficients m × r), and
    // M = [[diag(α − 1), pq], [−diag(β), diag(α − 1)]] (pq r × r, alphaLess1 and beta r).
    Eigen::MatrixXd uBasis, uCoef, vBasis, vCoef, pq;
    Eigen::VectorXd alphaLess1, beta;
    static OrthogonalFactor whole(Eigen::MatrixXd r) {
        OrthogonalFactor f;
        f.dense = std::move(r);
        return f;
    }
    bool lowRank() const { return pq.size() > 0; }
    Eigen::MatrixXd formed() const;  // R, W × W (the same bits as the fit forming it itself)
    // (R − I)·p for p W × q, in low-rank form without forming R: O(W·m·q + m·r·q + r²·q).
    Eigen::MatrixXd correctionTimes(const Eigen::MatrixXd& p) const;
    // (R − I)ᵀ·p, the same way: a few rows x translated as x·R = x + ((R − I)ᵀ·xᵀ)ᵀ without forming R.
    Eigen::MatrixXd transposedCorrectionTimes(const Eigen::MatrixXd& p) const;
    bool allFinite() const;
    size_t doubles() const;  // how many doubles it holds

   private:
    Eigen::MatrixXd lowRankTimes(const Eigen::MatrixXd& p, bool transposed) const;  // (R − I)·p or (R − I)ᵀ·p
};

// The same factor for cross = xᵀy zero-padded to W × W, from its factors x (K × d) and y (K × dy). With fewer
// anchors than either width (K < min(d, dy): 300 anchors of 768-d features) the block has rank ≤ K, and its
// U₁Σ₁V₁ᵀ comes from thin QRs of xᵀ and yᵀ and the Gram route on their K × K middle factor, O(K²·(d + dy) + K³),
// instead of a min(d, dy)-wide eigensolver; otherwise, and when a singular value is barely determined, as
// polarFactor(cross).
// `usedSvd` as there.
Eigen::MatrixXd polarFactorOfProduct(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Eigen::Index w,
                                     bool* usedSvd = nullptr);
// polarFactorOfProduct before its last product: in low-rank form when the thin route completes it, dense otherwise.
OrthogonalFactor polarFactorOfProductParts(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, Eigen::Index w,
                                           bool* usedSvd = nullptr);

// The W singular values of that padded xᵀy, descending (zeros past its rank), the same way: from the K × K
// middle factor when K < min(d, dy). nullopt when the SVD fails.
std::optional<Eigen::VectorXd> singularValuesOfProduct(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                                       Eigen::Index w);

}  // namespace lb
