// The view grid's data: for each space of a session, 2-D coordinates of its three views (docs/app.md):
//  - absolute:   a 2-D PCA of the space (with ViewSettings::sharedBasis, the reference's PCA where widths match).
//                Cost O(N·D²) per space; depends on the spaces alone.
//  - relative:   a 2-D PCA of its N x K relative representation on the session's anchors, kept up to date across
//                anchor edits incrementally (one anchor = one column, O(N·D); the default cosine view in closed
//                form, cosine_relative_pca.h) by a cache that lives between calls.
//  - translated: the space translated into the reference with the anchors, drawn in the reference's PCA plane.
// Every analysis here is what the app draws; tests and tools get the same numbers by calling these functions.
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/jobs/job_context.h"
#include "core/linalg/pca.h"
#include "core/relative/relative_projection.h"
#include "core/space/latent_space.h"
#include "core/translate/translator.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lb {

class Session;

using SpacePtr = std::shared_ptr<const LatentSpace>;

// ------------------------------------------------------------------------------------------------ absolute
struct AbsoluteLayouts {
    std::vector<std::vector<float>> xy;      // per space: 2N floats (planeCoordinates), empty on failure
    std::vector<std::string> notes;          // per space: "in the reference's PCA basis", or why it failed
    std::vector<Eigen::VectorXf> invNorms;   // per space: 1/‖x‖ of every row (the tooltip's cosine neighbours)
    std::shared_ptr<const PcaModel> refPca;  // the reference's 2-D PCA: the translated views' plane
};
// Errors: those of the reference's PCA, Cancelled. Another space's failure is its note.
Result<AbsoluteLayouts> computeAbsoluteLayouts(const std::vector<SpacePtr>& spaces, size_t reference,
                                               const ViewSettings& view, JobContext& ctx = silentJob());

// ------------------------------------------------------------------------------------- relative, translated
// Worker-side state kept between anchor edits (one incremental projection and one warm 2-D basis per space).
// Thread-safe: a call holds it for its whole duration (a newer call waits for a cancelled older one).
class AnchoredLayoutCache;
std::shared_ptr<AnchoredLayoutCache> makeAnchoredLayoutCache();
struct AnchoredLayouts;

// Above twice this many rows, a space's first closed-form relative view comes from moments of a sample of this
// many rows (cosineSpaceMoments' sampleRows: seconds instead of a minute for three 1M × 768 spaces), and the
// same job then computes the exact moments and the exact view after the translations (AnchoredLayouts::
// relativeRefined).
constexpr Index kViewMomentsSampleRows = 100000;

struct AnchoredLayoutInput {
    std::vector<SpacePtr> spaces;
    // Per space: its row of each reference row (-1), the anchors' partners in place of their key match
    // (Session::anchorRowMapIn); empty = unmatched.
    std::vector<std::vector<Index>> rowsFromRef;
    uint64_t partnersKey = 0;  // Session::partnersFingerprint: the cached columns (keyed by reference row) follow it
    size_t reference = 0;
    std::vector<Index> anchors;  // the anchors every matched space has, as reference rows
    RelativeOptions relative;
    TranslationOptions translation;
    ViewSettings view;
    std::shared_ptr<const PcaModel> refPca;      // AbsoluteLayouts::refPca (null: no translated views)
    std::shared_ptr<AnchoredLayoutCache> cache;  // required
    // Optional: called on the worker once the relative views are computed, with relativeXY / relativeNotes filled,
    // so a caller can show them before the rest. The translations are fitted first; the translated views computed
    // in the same pass as the relative ones (the closed-form cosine view with affine translators: every default
    // session) are filled too, and then translatedComplete is set. Not called when cancelled.
    std::function<void(const AnchoredLayouts&)> relativeReady;
    // Optional: called on the worker once the translations are fitted, before the pass that draws the views, so a
    // caller can start work that asks for the same fits (recent_fits.h) or that waited for the job's fits. Not
    // called when cancelled.
    std::function<void()> fitted;
    // Optional: called on the worker after the translated views when the relative views will still be refined
    // (relativeRefined) and relativeReady did not bring them, with every view so far, so a caller can show the
    // translated views before that pass.
    std::function<void(const AnchoredLayouts&)> translatedReady;
    Index momentsSampleRows = kViewMomentsSampleRows;  // 0: exact moments from the start
};
// The input for a session (its spaces, row maps, common anchors and settings), with the given plane and cache.
AnchoredLayoutInput anchoredLayoutInput(const Session& session, std::shared_ptr<const PcaModel> refPca,
                                        std::shared_ptr<AnchoredLayoutCache> cache);

struct AnchoredLayouts {
    std::vector<std::vector<float>> relativeXY, translatedXY;  // per space: 2N floats, empty when not drawn
    std::vector<std::string> relativeNotes, translatedNotes;   // per space: why not drawn
    double stageMs[3] = {0, 0, 0};    // relative columns (with the translated views they draw), 2-D PCA, translation
                                      // fits and the translated views drawn on their own
    bool translatedComplete = false;  // translatedXY / translatedNotes hold every translated view
    // relativeXY were computed again from exact moments after relativeReady handed over views from sampled ones.
    bool relativeRefined = false;
};
// Errors: Cancelled. Failures of one space are its notes. Runs one OpenMP thread per space (up to the cores),
// each single-threaded inside (many small products: core/jobs/concurrency.h).
Result<AnchoredLayouts> computeAnchoredLayouts(const AnchoredLayoutInput& in, JobContext& ctx = silentJob());

}  // namespace lb
