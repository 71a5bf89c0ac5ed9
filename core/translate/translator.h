// Latent translation X -> Y estimated from K parallel anchors (docs/methods.md §2).
#pragma once

#include "core/jobs/job_context.h"
#include "core/status.h"
#include "core/types.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lb {

enum class TranslationMethod { Procrustes, Linear, LinearOrtho, Affine };
enum class Scaling { Standard, Center, None };

// Affine is the least-squares affine map fitted on the raw anchors, [A_X 1]·[W; b] ≈ A_Y with the bias b not
// penalized (ridge and minimum norm apply to W): it ignores `scaling` and `l2`, and the fitted translator reports
// scaling center, l2 off, which computes exactly that map (docs/methods.md §2).
struct TranslationOptions {
    TranslationMethod method = TranslationMethod::Procrustes;  // default procrustes
    Scaling scaling = Scaling::Standard;                       // default standard (unbiased std, 0 -> 1)
    bool l2 = false;                                           // L2-normalize rows after scaling (default off)
    double ridge = 0.0;                                        // lambda for linear/affine (default 0)
};

// "procrustes", "linear", "linear-ortho", "affine"; "standard", "center", "none".
const char* translationMethodName(TranslationMethod m);
bool parseTranslationMethod(const std::string& name, TranslationMethod& out);
const char* scalingName(Scaling s);
bool parseScaling(const std::string& name, Scaling& out);

struct TranslationFitReport {
    Eigen::VectorXf singularValues;  // of Ã_Xᵀ Ã_Y (padded width), descending
    Index rank = 0;                  // numerical rank of Ã_Xᵀ Ã_Y
    double orthogonalityError = 0;   // ‖RᵀR − I‖_F / sqrt(width): 0 for procrustes, how far others are
    double anchorMse = 0;            // MSE of translated anchors vs A_Y in Y's original units
};

// Whether fit() fills report(): the singular values cost an SVD of the width × width cross-covariance per fit,
// which a live preview fitting many translators (the GUI's stitching matrix) does not show.
enum class FitReport { Full, Skip };

class Translator {
   public:
    // anchorsX: K x D, anchorsY: K x D' (rows = the same samples). K >= 1 (>= 2 for standard scaling).
    // Errors: InvalidArgument (K mismatch, K too small), NumericalIssue (non-finite anchors or SVD failure).
    // Cost O(K·D² + D³). pure; any thread. With FitReport::Skip, report() stays empty (zeros).
    static Result<Translator> fit(const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY,
                                  const TranslationOptions& options, JobContext& ctx = silentJob(),
                                  FitReport reporting = FitReport::Full);
    // One translator per method on the same anchors and options (options.method is ignored), with the work they
    // share done once: scaling, the cross-covariance, the report's SVD, and the least-squares solution common to
    // linear, linear-ortho and affine on centered anchors. Each result equals fit() with that method.
    static std::vector<Result<Translator>> fitEach(const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY,
                                                   const TranslationOptions& options,
                                                   const std::vector<TranslationMethod>& methods,
                                                   JobContext& ctx = silentJob(),
                                                   FitReport reporting = FitReport::Full);

    // X: N x D in source units -> N x D' in target units. Multithreaded; pure. A few rows (fewer than half the
    // width) of a low-rank fit whose R no caller has formed yet are translated through its factors
    // (OrthogonalFactor::transposedCorrectionTimes): a preview translating a hundred rows after an anchor edit
    // then does not pay the W × 2r × W product of forming R.
    RowMatrixXf apply(const ConstRowMatrixRef& X) const;
    // Whether apply() would translate `rows` rows through the low-rank factors.
    bool translatesInLowRank(Index rows) const;

    // apply() as x -> x·map + offset (map D x D', offset 1 x D'), when it is affine: without L2 normalization
    // (standardize, map, rescale). Callers can then compose it with other linear steps (a PCA projection, a
    // cross-covariance) instead of translating every row. nullopt with L2 normalization (per-row scaling).
    struct AffineMap {
        Eigen::MatrixXf map;
        Eigen::RowVectorXf offset;
    };
    std::optional<AffineMap> affineMap() const;
    // affineMap() followed by the linear map `then` (D' × q): x -> x·(map·then) + offset·then, as a D × q map and a
    // 1 × q offset. When the fit kept R in low-rank form (Procrustes with fewer anchors than dimensions,
    // polar_factor.h's OrthogonalFactor), composed through its factors without forming the D × D' map: the
    // translated views' 2-D plane (q = 2) then costs O(D·K·q) instead of a W × 2K × W product per anchor edit.
    // nullopt as affineMap().
    std::optional<AffineMap> affineMapThen(const Eigen::MatrixXf& then) const;

    // Whether apply() gives exactly the same rows as `other`'s (e.g. affine on centered anchors and linear, fitted
    // together by fitEach): callers translating with several methods can then skip one.
    bool sameMapping(const Translator& other) const;

    const TranslationFitReport& report() const { return m_report; }
    // What the anchors leave undetermined (docs/methods.md §2): dimensions constant on every anchor (dead), a
    // least-squares fit with fewer independent anchors than source dimensions (it interpolates the anchors exactly
    // and takes the minimum-norm map), a Procrustes rotation completed beyond what the anchors determine. With
    // FitReport::Skip only the checks that cost no decomposition (counts of anchors and live dimensions).
    const std::vector<Warning>& warnings() const { return m_warnings; }
    // Bytes of the map this translator holds or will form (the float R), and of its low-rank factors.
    size_t mapBytes() const;
    Index sourceDim() const { return m_sourceDim; }
    Index targetDim() const { return m_targetDim; }
    const TranslationOptions& options() const { return m_options; }

   private:
    friend struct TranslatorFileAccess;  // core/translate/translator_file.cpp reads and restores every field
    Translator() = default;
    std::pair<Eigen::MatrixXf, Eigen::RowVectorXf> scaledMap() const;  // lin (D x D') and bias (1 x D')
    // The report of a fitted translator t with map r (double) and cross-covariance singular values sv.
    static TranslationFitReport fitReport(const Translator& t, const Eigen::MatrixXd& r, const Eigen::VectorXd& sv,
                                          const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY);
    TranslationOptions m_options;
    Index m_sourceDim = 0, m_targetDim = 0;
    Eigen::RowVectorXf m_meanX, m_stdX, m_meanY, m_stdY;  // 1 x D and 1 x D'
    float m_targetNorm = 1.0f;                            // n_y: mean row norm of scaled A_Y (used with l2)
    // R: max(D,D') x max(D,D') (or (D+1) x D' for affine), in float. A low-rank fit's R is formed on first use
    // (R()), once for every copy of the translator (recent_fits.h hands out copies to several jobs).
    struct Map;
    std::shared_ptr<Map> m_map;
    const Eigen::MatrixXf& R() const;
    RowMatrixXf applyInLowRank(const ConstRowMatrixRef& X) const;
    void setR(Eigen::MatrixXf r);
    TranslationFitReport m_report;
    std::vector<Warning> m_warnings;
};

}  // namespace lb
