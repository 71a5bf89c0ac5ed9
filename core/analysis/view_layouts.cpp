#include "core/analysis/view_layouts.h"

#include "core/analysis/settings_json.h"
#include "core/analysis/view_plane.h"
#include "core/jobs/concurrency.h"
#include "core/linalg/thin_product.h"
#include "core/relative/cosine_relative_pca.h"
#include "core/session/session.h"
#include "core/space/row_matching.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <unordered_set>

namespace lb {

// ------------------------------------------------------------------------------------------------ absolute
Result<AbsoluteLayouts> computeAbsoluteLayouts(const std::vector<SpacePtr>& spaces, size_t ref,
                                               const ViewSettings& view, JobContext& ctx) {
    const bool shared = view.sharedBasis;
    AbsoluteLayouts out;
    out.xy.resize(spaces.size());
    out.notes.resize(spaces.size());
    out.invNorms.resize(spaces.size());
    ctx.setStage("PCA of " + spaces[ref]->name, spaces.size() + 1);
    Result<PcaModel> refModel = fitPlanePca(spaces[ref]->embeddings.view(), ctx);
    if (!refModel) return refModel.error();
    out.refPca = std::make_shared<const PcaModel>(std::move(refModel).value());
    ctx.advance();
    for (size_t i = 0; i < spaces.size(); ++i) {
        if (ctx.cancelled()) return Status::cancelled();
        const ConstRowMatrixMap X = spaces[i]->embeddings.view();
        out.invNorms[i] = X.rowwise().norm().cwiseMax(1e-12f).cwiseInverse();
        if (i == ref || (shared && out.refPca->canProject(X))) {
            out.xy[i] = planeCoordinates(out.refPca->project(X));
            if (i != ref) out.notes[i] = "in the reference's PCA basis";
        } else {
            Result<PcaModel> m = fitPlanePca(X, ctx);
            if (!m) {
                out.notes[i] = m.error().message;
                continue;
            }
            out.xy[i] = planeCoordinates(m->project(X));
            if (shared)
                out.notes[i] = "own PCA basis: width " + std::to_string(X.cols()) + " differs from the reference";
        }
        ctx.advance();
    }
    return out;
}

// ------------------------------------------------------------------------------------- relative, translated

// One incremental projection per space. Guarded by `mutex` for a whole call (a newer call waits for a cancelled
// older one to let go).
class AnchoredLayoutCache {
   public:
    std::mutex mutex;
    uint64_t settingsKey = 0;
    struct Entry {
        SpacePtr space;
        std::optional<IncrementalRelativeProjection> inc;
        std::vector<Index> columnsRef;              // reference rows of the current columns, in column order
        WarmPca pca;                                // 2-D basis of this space's relative view, reused across edits
        std::optional<CosineSpaceMoments> moments;  // closed-form cosine view (cosineViewApplies), per space
        RelativeCovarianceMemo axesMemo;            // its relative axes' K × K problem, for these moments
    };
    std::vector<Entry> entries;
    std::vector<Index> order;  // canonical column order (reference rows)
    WarmPca sharedPca;         // shared-basis mode: the reference's relative basis
    // The reference's translated view is its own rows in its PCA plane: it depends on neither the anchors nor
    // the translation, so it is projected once per plane (an O(N·D) pass over the reference, the largest part of
    // an edit's translation stage at 1M rows).
    std::shared_ptr<const PcaModel> referencePlanePca;
    SpacePtr referencePlaneSpace;
    std::vector<float> referencePlane;  // 2N floats
};

std::shared_ptr<AnchoredLayoutCache> makeAnchoredLayoutCache() {
    return std::make_shared<AnchoredLayoutCache>();
}

namespace {

// New canonical order: old order minus removed anchors, then the added ones in the order given.
std::vector<Index> nextOrder(const std::vector<Index>& old, const std::vector<Index>& target) {
    const std::unordered_set<Index> keep(target.begin(), target.end());
    std::vector<Index> out;
    std::unordered_set<Index> have;
    for (Index a : old)
        if (keep.count(a)) out.push_back(a), have.insert(a);
    for (Index a : target)
        if (!have.count(a)) out.push_back(a);
    return out;
}

// Brings one space's incremental projection to `order` (reference rows), by column edits when few change.
void updateEntry(AnchoredLayoutCache::Entry& e, const std::vector<Index>& order, const std::vector<Index>& fromRef) {
    const std::unordered_set<Index> keep(order.begin(), order.end());
    for (Index pos = static_cast<Index>(e.columnsRef.size()) - 1; pos >= 0; --pos)
        if (!keep.count(e.columnsRef[static_cast<size_t>(pos)])) {
            e.inc->removeAnchor(pos);
            e.columnsRef.erase(e.columnsRef.begin() + pos);
        }
    const bool prefix =
        e.columnsRef.size() <= order.size() && std::equal(e.columnsRef.begin(), e.columnsRef.end(), order.begin());
    const size_t toAdd = order.size() - e.columnsRef.size();
    if (prefix && toAdd <= 16) {
        for (size_t k = e.columnsRef.size(); k < order.size(); ++k)
            e.inc->addAnchor(fromRef[static_cast<size_t>(order[k])]);
    } else {
        // Many new columns: one blocked GEMM beats K column passes.
        std::vector<Index> rows;
        for (Index a : order) rows.push_back(fromRef[static_cast<size_t>(a)]);
        e.inc->setAnchors(rows);
    }
    e.columnsRef = order;
}

// Points a cache entry at `space`, dropping what was computed for the space it held. True when it changed.
bool rebindEntry(AnchoredLayoutCache::Entry& e, const SpacePtr& space) {
    if (e.space == space) return false;
    e.inc.reset();  // (not `e = Entry{}`: the projection views its matrix and is not assignable)
    e.columnsRef.clear();
    e.moments.reset();
    e.axesMemo.clear();
    e.space = space;
    return true;
}

// Gives an entry new closed-form moments; what was derived from the previous ones goes.
void setMoments(AnchoredLayoutCache::Entry& e, CosineSpaceMoments m) {
    e.moments = std::move(m);
    e.axesMemo.clear();
}

Result<RowMatrixXf> relativeOf(const AnchoredLayoutInput& in, size_t i, JobContext& ctx) {
    AnchoredLayoutCache& c = *in.cache;
    AnchoredLayoutCache::Entry& e = c.entries[i];
    const ConstRowMatrixMap X = in.spaces[i]->embeddings.view();
    if (rebindEntry(e, in.spaces[i])) {
        Result<IncrementalRelativeProjection> inc = IncrementalRelativeProjection::create(X, in.relative);
        if (inc) e.inc.emplace(std::move(inc).value());
    }
    if (!e.inc) {  // a transform (center/standard) moves every column: full projection
        std::vector<Index> rows;
        for (Index a : c.order) rows.push_back(in.rowsFromRef[i][static_cast<size_t>(a)]);
        return relativeProjection(X, gatherRows(X, rows), in.relative, ctx);
    }
    updateEntry(e, c.order, in.rowsFromRef[i]);
    return e.inc->result();
}

// The default relative view (one cosine similarity, no transform, no post-normalization) has a closed-form
// PCA that never forms the N x K matrix (core/relative/cosine_relative_pca.h): an anchor edit costs a K x K
// eigenproblem and an N x D x 2 product per space. Other settings take the column-by-column path below.
bool cosineViewApplies(const RelativeOptions& o) {
    return o.similarities.size() == 1 && o.similarities[0] == Similarity::Cosine &&
           o.transform == AbsoluteTransform::None && o.post == PostNormalization::None;
}

// Each space's translated view as a map of its rows into the reference's plane (fitPlaneTranslations).
struct PlaneTranslation {
    std::optional<Translator> translator;        // none: no translated view (its note says why)
    std::optional<Translator::AffineMap> plane;  // planeMapOf the translator; none when it is not affine
};

// The translators of every space into the reference on the anchors c.order, as the translated views use them. They
// are fitted before the relative views: a space's affine translated view then comes out of the same pass over its
// rows as its relative view (two thin maps of the same rows: one read of N x D floats, not two), and the similarity
// table's preview, which asks for the same fits (recent_fits.h), finds them sooner. Failures are the spaces' notes.
std::vector<PlaneTranslation> fitPlaneTranslations(const AnchoredLayoutInput& in, const AnchoredLayoutCache& c,
                                                   AnchoredLayouts& out, int threads, JobContext& ctx) {
    const size_t n = in.spaces.size();
    std::vector<PlaneTranslation> fits(n);
    if (!in.refPca || c.order.size() < 2) return fits;
    const ConstRowMatrixMap Y = in.spaces[in.reference]->embeddings.view();
    // One space per thread (the fits are small and serial). The views show no fit report.
#pragma omp parallel for num_threads(threads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {
        const size_t i = static_cast<size_t>(li);
        if (ctx.cancelled() || i == in.reference || in.rowsFromRef[i].empty()) continue;
        std::vector<Index> rowsX;
        for (Index a : c.order) rowsX.push_back(in.rowsFromRef[i][static_cast<size_t>(a)]);
        Result<Translator> t = Translator::fit(gatherRows(in.spaces[i]->embeddings.view(), rowsX),
                                               gatherRows(Y, c.order), in.translation, ctx, FitReport::Skip);
        if (!t) {
            out.translatedNotes[i] = t.error().message;
            continue;
        }
        fits[i].plane = planeMapOf(*t, *in.refPca);
        fits[i].translator = std::move(t).value();
    }
    return fits;
}

// Space i's relative view through `map`, and its translated view through `plane` when given, in one pass over X.
void projectRelativeAndTranslated(const ConstRowMatrixRef& X, const CosineSpaceMoments& m, const CosineRelativeMap& map,
                                  const Translator::AffineMap* plane, AnchoredLayouts& out, size_t i) {
    const Index kr = map.weights.cols(), kt = plane ? plane->map.cols() : 0;
    Eigen::MatrixXf weights(X.cols(), kr + kt);  // D x (k + k'): the relative map's columns, then the plane's
    weights.leftCols(kr) = map.weights;
    if (plane) weights.rightCols(kt) = plane->map;
    const RowMatrixXf both = thinProduct(X, weights);
    RowMatrixXf relative = m.invNorms.asDiagonal() * both.leftCols(kr);
    relative.rowwise() -= map.offset;
    out.relativeXY[i] = planeCoordinates(relative);
    if (plane) out.translatedXY[i] = planeCoordinates(RowMatrixXf(both.rightCols(kt).rowwise() + plane->offset));
}

// Closed-form relative views of every space for the anchors c.order; fills out.relativeXY / out.relativeNotes, and
// out.translatedXY of the spaces with an affine plane translation in `fits` (null: none).
void cosineRelativeViews(const AnchoredLayoutInput& in, AnchoredLayoutCache& c, AnchoredLayouts& out, int threads,
                         JobContext& ctx, const std::vector<PlaneTranslation>* fits = nullptr) {
    const size_t n = in.spaces.size();
    std::vector<std::vector<Index>> rows(n);
    for (size_t i = 0; i < n; ++i)
        if (!in.rowsFromRef[i].empty())
            for (Index a : c.order) rows[i].push_back(in.rowsFromRef[i][static_cast<size_t>(a)]);
#pragma omp parallel for num_threads(threads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {  // per-space moments, once per loaded space
        const size_t i = static_cast<size_t>(li);
        AnchoredLayoutCache::Entry& e = c.entries[i];
        rebindEntry(e, in.spaces[i]);
        if (rows[i].empty() || e.moments || ctx.cancelled()) continue;
        const Index sample = in.spaces[i]->n() > 2 * in.momentsSampleRows ? in.momentsSampleRows : 0;
        Result<CosineSpaceMoments> m = cosineSpaceMoments(in.spaces[i]->embeddings.view(), ctx, sample);
        if (m)
            setMoments(e, std::move(m).value());
        else
            out.relativeNotes[i] = m.error().message;
    }
    const auto axesOf = [&](size_t i) {
        return cosineRelativeAxes(in.spaces[i]->embeddings.view(), *c.entries[i].moments, rows[i], 2,
                                  &c.entries[i].axesMemo);
    };
    Result<Eigen::MatrixXf> shared = Error{ErrorCode::InvalidArgument, "no reference view", {}, {}};
    if (in.view.sharedBasis && c.entries[in.reference].moments) shared = axesOf(in.reference);
    std::vector<std::optional<CosineRelativeMap>> maps(n);  // K x K work per space: one space per thread
#pragma omp parallel for num_threads(threads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {
        const size_t i = static_cast<size_t>(li);
        if (rows[i].empty() || !c.entries[i].moments || ctx.cancelled()) continue;
        Result<Eigen::MatrixXf> V = in.view.sharedBasis ? shared : axesOf(i);
        if (!V) {
            out.relativeNotes[i] = V.error().message;
            continue;
        }
        Result<CosineRelativeMap> map =
            cosineRelativeMap(in.spaces[i]->embeddings.view(), *c.entries[i].moments, rows[i], *V);
        if (map)
            maps[i] = std::move(map).value();
        else
            out.relativeNotes[i] = map.error().message;
    }
    // The passes over the rows, one space after another with its rows split over the team: one space per thread
    // would leave a core idle for a whole pass whenever the spaces do not divide evenly among the cores (three
    // spaces on two).
    const ScopedOmpThreads team(threads);
    for (size_t i = 0; i < n; ++i) {
        if (!maps[i] || ctx.cancelled()) continue;
        const bool withPlane = fits && (*fits)[i].plane.has_value();
        projectRelativeAndTranslated(in.spaces[i]->embeddings.view(), *c.entries[i].moments, *maps[i],
                                     withPlane ? &*(*fits)[i].plane : nullptr, out, i);
        ctx.advance();
    }
}

// The spaces whose closed-form moments came from a sample (cosineRelativeViews on a large space).
std::vector<size_t> spacesWithSampledMoments(const AnchoredLayoutCache& c) {
    std::vector<size_t> out;
    for (size_t i = 0; i < c.entries.size(); ++i)
        if (c.entries[i].moments && c.entries[i].moments->sampledRows > 0) out.push_back(i);
    return out;
}

// The relative views again from exact moments, for the `sampled` spaces (their first view, already handed over):
// one O(N·D²) pass per such space, after the translations so they are not delayed by it. Cancelled: the sampled
// moments stay, and the next call refines them.
void refineSampledViews(const AnchoredLayoutInput& in, AnchoredLayoutCache& c, const std::vector<size_t>& sampled,
                        AnchoredLayouts& out, int threads, JobContext& ctx) {
    const size_t n = in.spaces.size();
    ctx.setStage("exact relative views", static_cast<int>(sampled.size()) + 1);
    std::vector<std::optional<CosineSpaceMoments>> exact(n);
#pragma omp parallel for num_threads(threads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(sampled.size()); ++li) {
        const size_t i = sampled[static_cast<size_t>(li)];
        Result<CosineSpaceMoments> m = cosineSpaceMoments(in.spaces[i]->embeddings.view(), ctx);
        if (m) exact[i] = std::move(m).value();
        ctx.advance();
    }
    if (ctx.cancelled()) return;
    for (size_t i : sampled)
        if (exact[i]) setMoments(c.entries[i], std::move(*exact[i]));
    cosineRelativeViews(in, c, out, threads, ctx);
    out.relativeRefined = true;
}

}  // namespace

Result<AnchoredLayouts> computeAnchoredLayouts(const AnchoredLayoutInput& in, JobContext& ctx) {
    std::lock_guard<std::mutex> lock(in.cache->mutex);
    // An anchor update is many small products (K x D fits, N x 2 projections): one OpenMP thread each, spaces
    // spread over threads below (see core/jobs/concurrency.h).
    const ScopedOmpThreads oneThread(1);
    AnchoredLayoutCache& c = *in.cache;
    const size_t n = in.spaces.size();
    const uint64_t settingsKey = fingerprintOf({{"relative", toJson(in.relative)},
                                                {"translation", toJson(in.translation)},
                                                {"view", toJson(in.view)},
                                                {"partners", in.partnersKey}});
    if (c.settingsKey != settingsKey || c.entries.size() != n) {
        c.entries.clear();
        c.entries.resize(n);
        c.order.clear();
        c.settingsKey = settingsKey;
    }
    c.order = nextOrder(c.order, in.anchors);
    AnchoredLayouts out;
    out.relativeXY.resize(n);
    out.translatedXY.resize(n);
    out.relativeNotes.resize(n);
    out.translatedNotes.resize(n);
    const Index k = static_cast<Index>(c.order.size());
    ctx.setStage("relative views", 2 * n);
    const auto t0 = std::chrono::steady_clock::now();
    const int spaceThreads =
        static_cast<int>(std::max<size_t>(1, std::min<size_t>(n, static_cast<size_t>(omp_get_num_procs()))));
    const bool closedForm = k > 0 && cosineViewApplies(in.relative);
    const std::vector<PlaneTranslation> fits = fitPlaneTranslations(in, c, out, spaceThreads, ctx);
    if (ctx.cancelled()) return Status::cancelled();
    if (in.fitted) in.fitted();
    const auto fitted = std::chrono::steady_clock::now();
    if (closedForm) cosineRelativeViews(in, c, out, spaceThreads, ctx, &fits);
    std::vector<RowMatrixXf> rel(n);
    // Spaces are independent (each touches only its own cache entry and output slots): one thread per space,
    // up to the core count. Inside the parallel region Eigen's products run single-threaded, so there is no
    // nested team waiting at barriers (see ScopedOmpThreads).
#pragma omp parallel for num_threads(spaceThreads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {
        const size_t i = static_cast<size_t>(li);
        if (closedForm || ctx.cancelled() || in.rowsFromRef[i].empty() || k == 0) continue;
        Result<RowMatrixXf> r = relativeOf(in, i, ctx);
        if (!r) {
            out.relativeNotes[i] = r.error().message;
            continue;
        }
        rel[i] = std::move(r).value();
        ctx.advance();
    }
    if (ctx.cancelled()) return Status::cancelled();
    const auto t1 = std::chrono::steady_clock::now();
    if (k > 0 && !closedForm) {
        // Shared basis: the reference's relative basis for everyone (relative reps all have the same K columns).
        if (in.view.sharedBasis && rel[in.reference].rows() >= 2) {
            Result<RowMatrixXf> refXY = warmPca2d(rel[in.reference], c.order, c.sharedPca, ctx);
            if (refXY) {
                const Eigen::MatrixXf& V = c.sharedPca.basis;
                for (size_t i = 0; i < n; ++i)
                    if (rel[i].rows() >= 2) {
                        const Eigen::RowVectorXf mean = rel[i].colwise().mean();
                        out.relativeXY[i] = planeCoordinates(RowMatrixXf((rel[i] * V).rowwise() - mean * V));
                    }
            }
        } else {
#pragma omp parallel for num_threads(spaceThreads) schedule(dynamic)
            for (long li = 0; li < static_cast<long>(n); ++li) {
                const size_t i = static_cast<size_t>(li);
                if (rel[i].rows() < 2) continue;
                Result<RowMatrixXf> xy = warmPca2d(rel[i], c.order, c.entries[i].pca, ctx);
                if (xy)
                    out.relativeXY[i] = planeCoordinates(*xy);
                else
                    out.relativeNotes[i] = xy.error().message;
            }
        }
    }
    const auto t2 = std::chrono::steady_clock::now();
    if (ctx.cancelled()) return Status::cancelled();
    // Translated views: space i -> reference with the parallel anchors, shown in the reference's PCA basis.
    if (in.refPca) {
        const ConstRowMatrixMap Y = in.spaces[in.reference]->embeddings.view();
        if (c.referencePlanePca != in.refPca || c.referencePlaneSpace != in.spaces[in.reference]) {
            c.referencePlane = planeCoordinates(in.refPca->project(Y));
            c.referencePlanePca = in.refPca;
            c.referencePlaneSpace = in.spaces[in.reference];
        }
        out.translatedXY[in.reference] = c.referencePlane;
    }
    // The translated views the relative pass did not draw (another relative representation, a translator that is
    // not affine) are drawn after the relative views are handed over, one space per thread.
    const auto translatedPending = [&](size_t i) { return fits[i].translator && out.translatedXY[i].empty(); };
    bool pending = false;
    for (size_t i = 0; i < n; ++i) pending = pending || translatedPending(i);
    out.translatedComplete = !pending;
    if (in.relativeReady) in.relativeReady(out);
#pragma omp parallel for num_threads(spaceThreads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {
        const size_t i = static_cast<size_t>(li);
        if (ctx.cancelled() || !translatedPending(i)) continue;
        out.translatedXY[i] =
            planeCoordinates(translateToPlane(*fits[i].translator, *in.refPca, in.spaces[i]->embeddings.view()));
        ctx.advance();
    }
    if (ctx.cancelled()) return Status::cancelled();
    const bool handedOverWithRelative = out.translatedComplete;
    out.translatedComplete = true;
    const auto t3 = std::chrono::steady_clock::now();  // the stages' times leave out the refinement below
    const std::vector<size_t> sampled = closedForm ? spacesWithSampledMoments(c) : std::vector<size_t>{};
    if (!sampled.empty()) {
        if (in.translatedReady && !handedOverWithRelative) in.translatedReady(out);
        refineSampledViews(in, c, sampled, out, spaceThreads, ctx);
        if (ctx.cancelled()) return Status::cancelled();
    }
    using Ms = std::chrono::duration<double, std::milli>;
    out.stageMs[0] = Ms(t1 - fitted).count();
    out.stageMs[1] = Ms(t2 - t1).count();
    out.stageMs[2] = Ms(fitted - t0).count() + Ms(t3 - t2).count();
    return out;
}

AnchoredLayoutInput anchoredLayoutInput(const Session& s, std::shared_ptr<const PcaModel> refPca,
                                        std::shared_ptr<AnchoredLayoutCache> cache) {
    AnchoredLayoutInput in;
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        in.spaces.push_back(s.entry(i).space);
        in.rowsFromRef.push_back(s.entry(i).matchError.empty() ? s.anchorRowMapIn(i) : std::vector<Index>{});
    }
    in.partnersKey = s.partnersFingerprint();
    in.reference = s.reference();
    in.anchors = s.commonAnchors();
    in.relative = s.settings.relative;
    in.translation = s.settings.translation;
    in.view = s.settings.view;
    in.refPca = std::move(refPca);
    in.cache = std::move(cache);
    return in;
}

}  // namespace lb
