#include "app/ui/view_compute.h"

#include "app/ui/app_state.h"
#include "core/relative/cosine_relative_pca.h"
#include "core/relative/relative_projection.h"
#include "core/space/row_matching.h"
#include "core/translate/translator.h"
#include "core/jobs/concurrency.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <mutex>
#include <omp.h>
#include <optional>
#include <unordered_set>

namespace lb::ui {

namespace {

using SpacePtr = std::shared_ptr<const LatentSpace>;

// N x k coordinates -> 2N floats (y = 0 when k == 1).
std::vector<float> toXY(const RowMatrixXf& coords) {
    std::vector<float> xy(static_cast<size_t>(coords.rows()) * 2, 0.0f);
    for (Index i = 0; i < coords.rows(); ++i) {
        xy[static_cast<size_t>(2 * i)] = coords(i, 0);
        if (coords.cols() > 1) xy[static_cast<size_t>(2 * i + 1)] = coords(i, 1);
    }
    return xy;
}

Result<PcaModel> fit2d(const ConstRowMatrixRef& X, JobContext& ctx) {
    const Index k = std::min<Index>(2, std::min(X.rows(), X.cols()));
    if (k < 1 || X.rows() < 2) return invalidArgument("needs at least 2 rows to draw a PCA view");
    PcaOptions o;
    o.components = k;
    return fitPca(X, o, ctx);
}

// ---------------------------------------------------------------------------------------- absolute job
struct AbsoluteResult {
    std::vector<std::vector<float>> xy;   // per space
    std::vector<std::string> notes;
    std::vector<Eigen::VectorXf> invNorms;
    std::shared_ptr<const PcaModel> refPca;
};

Result<AbsoluteResult> computeAbsolute(const std::vector<SpacePtr>& spaces, size_t ref, bool shared, JobContext& ctx) {
    AbsoluteResult out;
    out.xy.resize(spaces.size());
    out.notes.resize(spaces.size());
    out.invNorms.resize(spaces.size());
    ctx.setStage("PCA of " + spaces[ref]->name, spaces.size() + 1);
    Result<PcaModel> refModel = fit2d(spaces[ref]->embeddings.view(), ctx);
    if (!refModel) return refModel.error();
    out.refPca = std::make_shared<const PcaModel>(std::move(refModel).value());
    ctx.advance();
    for (size_t i = 0; i < spaces.size(); ++i) {
        if (ctx.cancelled()) return Status::cancelled();
        const ConstRowMatrixMap X = spaces[i]->embeddings.view();
        out.invNorms[i] = X.rowwise().norm().cwiseMax(1e-12f).cwiseInverse();
        if (i == ref || (shared && out.refPca->canProject(X))) {
            out.xy[i] = toXY(out.refPca->project(X));
            if (i != ref) out.notes[i] = "in the reference's PCA basis";
        } else {
            Result<PcaModel> m = fit2d(X, ctx);
            if (!m) {
                out.notes[i] = m.error().message;
                continue;
            }
            out.xy[i] = toXY(m->project(X));
            if (shared) out.notes[i] = "own PCA basis: width " + std::to_string(X.cols()) + " differs from the reference";
        }
        ctx.advance();
    }
    return out;
}

// --------------------------------------------------------------------------------------- warm 2-D PCA
// A 2-D PCA basis of an N x K relative representation that follows anchor edits cheaply. One edit changes one
// column, so the top-2 subspace barely moves: a few steps of subspace iteration started from the previous
// basis (rows of removed anchors dropped, new anchors' rows zero) converge to it in O(iters·N·K) instead of
// the O(N·K²) covariance a cold fit costs. Cold fits (first time, many new columns) use fitPca.
struct WarmPca {
    std::vector<Index> columns;   // reference rows of the basis rows
    Eigen::MatrixXf basis;        // K x 2 (or K x 1), orthonormal columns
};

constexpr int kWarmIterations = 6;
constexpr Index kWarmRows = 2000;

// Orders the basis by explained variance (Rayleigh-Ritz on the 2 x 2 projected covariance) and fixes signs
// like fitPca: each component's largest-|value| coordinate positive, so views do not flip between edits.
void finishBasis(const RowMatrixXf& R, const Eigen::RowVectorXf& mean, Eigen::MatrixXf& V) {
    const Eigen::MatrixXf RV = (R * V).rowwise() - mean * V;  // N x k
    const Eigen::MatrixXf H = RV.transpose() * RV;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXf> eig(H);
    V = V * eig.eigenvectors().rowwise().reverse();  // descending variance
    for (Index c = 0; c < V.cols(); ++c) {
        Index arg = 0;
        V.col(c).cwiseAbs().maxCoeff(&arg);
        if (V(arg, c) < 0) V.col(c) = -V.col(c);
    }
}

Result<RowMatrixXf> warmPca2d(const RowMatrixXf& R, const std::vector<Index>& columns, WarmPca& w, JobContext& ctx) {
    const Index K = R.cols();
    const Eigen::RowVectorXf mean = R.colwise().mean();
    // Carry the previous basis over to the new column set.
    Eigen::MatrixXf V = Eigen::MatrixXf::Zero(K, std::min<Index>(2, K));
    size_t carried = 0;
    if (w.basis.cols() == V.cols()) {
        std::unordered_map<Index, Index> oldRow;
        for (size_t j = 0; j < w.columns.size(); ++j) oldRow.emplace(w.columns[j], static_cast<Index>(j));
        for (Index j = 0; j < K; ++j) {
            const auto it = oldRow.find(columns[static_cast<size_t>(j)]);
            if (it != oldRow.end()) V.row(j) = w.basis.row(it->second), ++carried;
        }
    }
    if (carried * 4 < static_cast<size_t>(K) * 3) {  // fewer than 3/4 of the columns known: cold fit
        Result<PcaModel> m = fit2d(R, ctx);
        if (!m) return m.error();
        w.basis = m->components;
        w.columns = columns;
        return m->project(R);
    }
    // Iterate on a fixed stride subsample of rows (at most kWarmRows): the top-2 directions of 10k samples are
    // the same as those of 2k evenly spread ones to well within a pixel, at a fifth of the cost.
    const Index stride = std::max<Index>(1, R.rows() / kWarmRows);
    const RowMatrixXf sub = stride == 1 ? R : RowMatrixXf(R(Eigen::seq(0, R.rows() - 1, stride), Eigen::all));
    const Eigen::RowVectorXf subMean = sub.colwise().mean();
    for (int it = 0; it < kWarmIterations; ++it) {
        const Eigen::MatrixXf SV = (sub * V).rowwise() - subMean * V;                              // n x 2
        const Eigen::MatrixXf W = sub.transpose() * SV - subMean.transpose() * SV.colwise().sum();  // K x 2
        Eigen::HouseholderQR<Eigen::MatrixXf> qr(W);
        V = qr.householderQ() * Eigen::MatrixXf::Identity(K, V.cols());
    }
    finishBasis(R, mean, V);
    w.basis = V;
    w.columns = columns;
    return RowMatrixXf((R * V).rowwise() - mean * V);
}

// --------------------------------------------------------------------------------------- relative job
// Worker-side state kept between anchor edits: one incremental projection per space. Guarded by `mutex`
// for the whole job (a newer job waits for a cancelled older one to let go).
struct RelativeCache {
    std::mutex mutex;
    uint64_t settingsHash = 0;
    struct Entry {
        SpacePtr space;
        std::optional<IncrementalRelativeProjection> inc;
        std::vector<Index> columnsRef;  // reference rows of the current columns, in column order
        WarmPca pca;                    // 2-D basis of this space's relative view, reused across edits
        std::optional<CosineSpaceMoments> moments;  // closed-form cosine view (cosineViewApplies), per space
    };
    std::vector<Entry> entries;
    std::vector<Index> order;           // canonical column order (reference rows)
    WarmPca sharedPca;                  // shared-basis mode: the reference's relative basis
};

struct RelativeInput {
    std::vector<SpacePtr> spaces;
    std::vector<std::vector<Index>> rowsFromRef;   // per space: row of each reference row (copied map), empty = unmatched
    size_t ref = 0;
    std::vector<Index> anchorsRef;                 // common anchors, reference rows
    RelativeOptions relative;
    TranslationOptions translation;
    std::shared_ptr<const PcaModel> refPca;
    bool shared = false;
    uint64_t settingsHash = 0;
    std::shared_ptr<RelativeCache> cache;
};

struct RelativeResult {
    std::vector<std::vector<float>> relXY, transXY;
    std::vector<std::string> relNotes, transNotes;
    double stageMs[3] = {0, 0, 0};   // relative columns, 2-D PCA, translation
};

// Translated coordinates in the reference's PCA plane. Without L2 normalization a translator is affine
// (Translator::affineMap: x -> x·A + a), and so is the PCA projection: their composition is x -> x·M + b with
// M = A·V (D x 2), so the N x D x D' translation of the whole space is never formed: O(N·D·2) instead of
// O(N·D·D'). With L2 (a per-row normalization) the map is not affine and the rows are translated one by one.
RowMatrixXf translateToPlane(const Translator& t, const PcaModel& plane, const ConstRowMatrixMap& X) {
    const std::optional<Translator::AffineMap> a = t.affineMap();
    if (!a) return plane.project(t.apply(X));
    const Eigen::MatrixXf M = a->map * plane.components;                   // D x k
    const Eigen::RowVectorXf b = (a->offset - plane.mean) * plane.components;  // 1 x k
    return RowMatrixXf((X * M).rowwise() + b);
}

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
void updateEntry(RelativeCache::Entry& e, const std::vector<Index>& order, const std::vector<Index>& fromRef) {
    const std::unordered_set<Index> keep(order.begin(), order.end());
    for (Index pos = static_cast<Index>(e.columnsRef.size()) - 1; pos >= 0; --pos)
        if (!keep.count(e.columnsRef[static_cast<size_t>(pos)])) {
            e.inc->removeAnchor(pos);
            e.columnsRef.erase(e.columnsRef.begin() + pos);
        }
    const bool prefix = e.columnsRef.size() <= order.size() &&
                        std::equal(e.columnsRef.begin(), e.columnsRef.end(), order.begin());
    const size_t toAdd = order.size() - e.columnsRef.size();
    if (prefix && toAdd <= 16) {
        for (size_t k = e.columnsRef.size(); k < order.size(); ++k) e.inc->addAnchor(fromRef[static_cast<size_t>(order[k])]);
    } else {
        // Many new columns: one blocked GEMM beats K column passes.
        std::vector<Index> rows;
        for (Index a : order) rows.push_back(fromRef[static_cast<size_t>(a)]);
        e.inc->setAnchors(rows);
    }
    e.columnsRef = order;
}

// Points a cache entry at `space`, dropping what was computed for the space it held. True when it changed.
bool rebindEntry(RelativeCache::Entry& e, const SpacePtr& space) {
    if (e.space == space) return false;
    e.inc.reset();  // (not `e = Entry{}`: the projection views its matrix and is not assignable)
    e.columnsRef.clear();
    e.moments.reset();
    e.space = space;
    return true;
}

Result<RowMatrixXf> relativeOf(RelativeInput& in, size_t i, JobContext& ctx) {
    RelativeCache& c = *in.cache;
    RelativeCache::Entry& e = c.entries[i];
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

// Closed-form relative views of every space for the anchors c.order; fills out.relXY / out.relNotes.
void cosineRelativeViews(RelativeInput& in, RelativeCache& c, RelativeResult& out, int threads, JobContext& ctx) {
    const size_t n = in.spaces.size();
    std::vector<std::vector<Index>> rows(n);
    for (size_t i = 0; i < n; ++i)
        if (!in.rowsFromRef[i].empty())
            for (Index a : c.order) rows[i].push_back(in.rowsFromRef[i][static_cast<size_t>(a)]);
#pragma omp parallel for num_threads(threads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {  // per-space moments, once per loaded space
        const size_t i = static_cast<size_t>(li);
        RelativeCache::Entry& e = c.entries[i];
        rebindEntry(e, in.spaces[i]);
        if (rows[i].empty() || e.moments || ctx.cancelled()) continue;
        Result<CosineSpaceMoments> m = cosineSpaceMoments(in.spaces[i]->embeddings.view(), ctx);
        if (m) e.moments = std::move(m).value();
        else out.relNotes[i] = m.error().message;
    }
    const auto axesOf = [&](size_t i) { return cosineRelativeAxes(in.spaces[i]->embeddings.view(), *c.entries[i].moments, rows[i]); };
    Result<Eigen::MatrixXf> shared = Error{ErrorCode::InvalidArgument, "no reference view", {}, {}};
    if (in.shared && c.entries[in.ref].moments) shared = axesOf(in.ref);
#pragma omp parallel for num_threads(threads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {
        const size_t i = static_cast<size_t>(li);
        if (rows[i].empty() || !c.entries[i].moments || ctx.cancelled()) continue;
        Result<Eigen::MatrixXf> V = in.shared ? shared : axesOf(i);
        if (!V) {
            out.relNotes[i] = V.error().message;
            continue;
        }
        Result<RowMatrixXf> xy = projectCosineRelative(in.spaces[i]->embeddings.view(), *c.entries[i].moments, rows[i], *V);
        if (xy) out.relXY[i] = toXY(*xy);
        else out.relNotes[i] = xy.error().message;
        ctx.advance();
    }
}

Result<RelativeResult> computeRelative(RelativeInput in, JobContext& ctx) {
    std::lock_guard<std::mutex> lock(in.cache->mutex);
    // An anchor update is many small products (K x D fits, N x 2 projections): one OpenMP thread each, spaces
    // spread over threads below (see core/jobs/concurrency.h).
    const ScopedOmpThreads oneThread(1);
    RelativeCache& c = *in.cache;
    const size_t n = in.spaces.size();
    if (c.settingsHash != in.settingsHash || c.entries.size() != n) {
        c.entries.clear();
        c.entries.resize(n);
        c.order.clear();
        c.settingsHash = in.settingsHash;
    }
    c.order = nextOrder(c.order, in.anchorsRef);
    RelativeResult out;
    out.relXY.resize(n);
    out.transXY.resize(n);
    out.relNotes.resize(n);
    out.transNotes.resize(n);
    const Index k = static_cast<Index>(c.order.size());
    ctx.setStage("relative views", 2 * n);
    const auto t0 = std::chrono::steady_clock::now();
    const int spaceThreads = static_cast<int>(std::max<size_t>(1, std::min<size_t>(n, static_cast<size_t>(omp_get_num_procs()))));
    const bool closedForm = k > 0 && cosineViewApplies(in.relative);
    if (closedForm) cosineRelativeViews(in, c, out, spaceThreads, ctx);
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
            out.relNotes[i] = r.error().message;
            continue;
        }
        rel[i] = std::move(r).value();
        ctx.advance();
    }
    if (ctx.cancelled()) return Status::cancelled();
    const auto t1 = std::chrono::steady_clock::now();
    if (k > 0 && !closedForm) {
        // Shared basis: the reference's relative basis for everyone (relative reps all have the same K columns).
        if (in.shared && rel[in.ref].rows() >= 2) {
            Result<RowMatrixXf> refXY = warmPca2d(rel[in.ref], c.order, c.sharedPca, ctx);
            if (refXY) {
                const Eigen::MatrixXf& V = c.sharedPca.basis;
                for (size_t i = 0; i < n; ++i)
                    if (rel[i].rows() >= 2) {
                        const Eigen::RowVectorXf mean = rel[i].colwise().mean();
                        out.relXY[i] = toXY(RowMatrixXf((rel[i] * V).rowwise() - mean * V));
                    }
            }
        } else {
#pragma omp parallel for num_threads(spaceThreads) schedule(dynamic)
            for (long li = 0; li < static_cast<long>(n); ++li) {
                const size_t i = static_cast<size_t>(li);
                if (rel[i].rows() < 2) continue;
                Result<RowMatrixXf> xy = warmPca2d(rel[i], c.order, c.entries[i].pca, ctx);
                if (xy) out.relXY[i] = toXY(*xy);
                else out.relNotes[i] = xy.error().message;
            }
        }
    }
    const auto t2 = std::chrono::steady_clock::now();
    // Translated views: space i -> reference with the parallel anchors, shown in the reference's PCA basis.
    const ConstRowMatrixMap Y = in.spaces[in.ref]->embeddings.view();
    if (in.refPca) out.transXY[in.ref] = toXY(in.refPca->project(Y));
    // One space per thread, as above (the fits are small and serial: two spaces took ~9 ms one after the
    // other). The views show no fit report.
#pragma omp parallel for num_threads(spaceThreads) schedule(dynamic)
    for (long li = 0; li < static_cast<long>(n); ++li) {
        const size_t i = static_cast<size_t>(li);
        if (!in.refPca || ctx.cancelled() || i == in.ref || in.rowsFromRef[i].empty() || k < 2) continue;
        std::vector<Index> rowsX;
        for (Index a : c.order) rowsX.push_back(in.rowsFromRef[i][static_cast<size_t>(a)]);
        const ConstRowMatrixMap X = in.spaces[i]->embeddings.view();
        Result<Translator> t = Translator::fit(gatherRows(X, rowsX), gatherRows(Y, c.order), in.translation, ctx,
                                               FitReport::Skip);
        if (!t) {
            out.transNotes[i] = t.error().message;
            continue;
        }
        out.transXY[i] = toXY(translateToPlane(*t, *in.refPca, X));
        ctx.advance();
    }
    if (ctx.cancelled()) return Status::cancelled();
    const auto t3 = std::chrono::steady_clock::now();
    using Ms = std::chrono::duration<double, std::milli>;
    out.stageMs[0] = Ms(t1 - t0).count();
    out.stageMs[1] = Ms(t2 - t1).count();
    out.stageMs[2] = Ms(t3 - t2).count();
    return out;
}

std::vector<uint16_t> colorsOf(const LatentSpace& s) {
    std::vector<uint16_t> c(static_cast<size_t>(s.n()), kUnlabeled);
    if (s.hasLabels())
        for (size_t i = 0; i < c.size(); ++i)
            c[i] = s.labels[i] >= 0 && s.labels[i] < 0xFFFF ? static_cast<uint16_t>(s.labels[i]) : kUnlabeled;
    return c;
}

void setPoints(ViewCell& cell, std::vector<float> xy, const LatentSpace& s) {
    cell.points.xy = std::move(xy);
    cell.points.colorIndex = colorsOf(s);
    ++cell.points.version;
    cell.ready = !cell.points.xy.empty();
}

void submitAbsolute(AppState& st, uint64_t inputs) {
    std::vector<SpacePtr> spaces;
    for (size_t i = 0; i < st.session.spaceCount(); ++i) spaces.push_back(st.session.entry(i).space);
    const size_t ref = st.session.reference();
    const bool shared = st.session.settings.sharedBasis;
    st.absoluteInputs = inputs;
    for (SpaceViews& v : st.views) v.cells[0].ready = false;
    st.absoluteJob.submitResult<AbsoluteResult>(
        st.jobs, "PCA views",
        [spaces, ref, shared](JobContext& ctx) { return computeAbsolute(spaces, ref, shared, ctx); },
        [&st, spaces](Result<AbsoluteResult> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) st.error("PCA views: " + r.error().describe());
                return;
            }
            for (size_t i = 0; i < spaces.size() && i < st.views.size(); ++i) {
                if (st.session.entry(i).space != spaces[i]) continue;
                setPoints(st.views[i].cells[0], std::move(r->xy[i]), *spaces[i]);
                st.views[i].cells[0].note = r->notes[i];
                st.views[i].invNorms = std::move(r->invNorms[i]);
            }
            st.referencePca = r->refPca;
            st.relativeInputs = UINT64_MAX;  // translated views use the new reference basis
        });
}

void submitRelative(AppState& st, uint64_t inputs) {
    RelativeInput in;
    const Session& s = st.session;
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        in.spaces.push_back(s.entry(i).space);
        in.rowsFromRef.push_back(s.entry(i).matchError.empty() ? s.entry(i).fromRef : std::vector<Index>{});
    }
    in.ref = s.reference();
    in.anchorsRef = s.commonAnchors();
    in.relative = s.settings.relative;
    in.translation = s.settings.translation;
    in.refPca = st.referencePca;
    in.shared = s.settings.sharedBasis;
    in.settingsHash = relativeSettingsHash(st);
    if (!st.relativeCache) st.relativeCache = std::make_shared<RelativeCache>();
    in.cache = std::static_pointer_cast<RelativeCache>(st.relativeCache);
    st.relativeInputs = inputs;
    st.relativeRequestedAt = std::chrono::steady_clock::now();
    const std::vector<SpacePtr> spaces = in.spaces;
    const size_t k = in.anchorsRef.size();
    st.relativeJob.submitResult<RelativeResult>(
        st.jobs, "anchor update",
        [in = std::move(in)](JobContext& ctx) mutable { return computeRelative(std::move(in), ctx); },
        [&st, spaces, k](Result<RelativeResult> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) st.error("relative views: " + r.error().describe());
                return;
            }
            st.lastRelativeJobMs = st.relativeJob.handle().elapsedMs();
            for (int s = 0; s < 3; ++s) st.lastRelativeStageMs[s] = r->stageMs[s];
            st.relativeResultUnshown = true;
            st.lastRelativeLatencyMs = std::chrono::duration<double, std::milli>(
                                           std::chrono::steady_clock::now() - st.relativeRequestedAt).count();
            for (size_t i = 0; i < spaces.size() && i < st.views.size(); ++i) {
                if (st.session.entry(i).space != spaces[i]) continue;
                ViewCell& rel = st.views[i].cells[1];
                ViewCell& tr = st.views[i].cells[2];
                setPoints(rel, std::move(r->relXY[i]), *spaces[i]);
                rel.note = k == 0 ? "" : r->relNotes[i];
                setPoints(tr, std::move(r->transXY[i]), *spaces[i]);
                tr.note = r->transNotes[i];
                // Keep the user's zoom while anchors are edited: only the first result fits the view.
                rel.scatter.autoFitOnNewPoints = tr.scatter.autoFitOnNewPoints = false;
            }
        },
        JobPriority::Interactive);
}

}  // namespace

uint64_t relativeSettingsHash(const AppState& st) {
    const SessionSettings& s = st.session.settings;
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    for (Similarity sim : s.relative.similarities) mix(static_cast<uint64_t>(sim) + 1);
    mix(static_cast<uint64_t>(s.relative.transform) + 10);
    mix(static_cast<uint64_t>(s.relative.post) + 20);
    mix(static_cast<uint64_t>(s.relative.aggregation) + 30);
    mix(static_cast<uint64_t>(s.translation.method) + 40);
    mix(static_cast<uint64_t>(s.translation.scaling) + 50);
    mix(s.translation.l2 ? 61 : 60);
    mix(static_cast<uint64_t>(s.translation.ridge * 1e9));
    mix(s.sharedBasis ? 71 : 70);
    return h;
}

void updateViews(AppState& st) {
    syncViewsWithSession(st);
    if (st.session.empty()) return;
    const uint64_t absInputs = st.session.spacesVersion() * 2 + (st.session.settings.sharedBasis ? 1 : 0);
    if (absInputs != st.absoluteInputs) submitAbsolute(st, absInputs);
    if (!st.referencePca || st.absoluteJob.running()) return;  // translated views need the reference basis
    const uint64_t relInputs = st.session.anchorsVersion() ^ (relativeSettingsHash(st) * 31) ^ (st.session.spacesVersion() << 40);
    if (relInputs != st.relativeInputs) submitRelative(st, relInputs);
}

void refreshOverlays(AppState& st) {
    const Session& s = st.session;
    // While the views' job recomputes the relative and translated views for new anchors, those views keep the
    // anchors their points were computed with: their markers move with their points, in one redraw when the
    // result arrives, instead of a redraw of every such view at the click (6 of 9 on the demo) that the result
    // replaces a few frames later.
    const bool anchoredViewsPending = st.relativeJob.running();
    for (size_t i = 0; i < st.views.size() && i < s.spaceCount(); ++i) {
        std::vector<int64_t> anchors, selected;
        for (Index a : s.anchors()) {
            const Index r = s.rowInSpace(i, a);
            if (r >= 0) anchors.push_back(r);
        }
        for (Index a : st.selectionRef) {
            const Index r = s.rowInSpace(i, a);
            if (r >= 0) selected.push_back(r);
        }
        std::sort(selected.begin(), selected.end());
        int64_t hovered = st.hoveredRef >= 0 ? s.rowInSpace(i, st.hoveredRef) : -1;
        if (st.hoveredRef < 0 && st.hoveredSpace == static_cast<int>(i)) hovered = st.hoveredLocalRow;
        for (size_t kind = 0; kind < std::size(st.views[i].cells); ++kind) {
            PlotOverlay& o = st.views[i].cells[kind].overlay;
            const bool anchorsFollow = !anchoredViewsPending || kind == static_cast<size_t>(ViewKind::Absolute);
            const std::vector<int64_t>& shownAnchors = anchorsFollow ? anchors : o.anchors;
            if (o.anchors != shownAnchors || o.selected != selected || o.hovered != hovered ||
                o.hiddenClasses != st.hiddenClasses) {
                o.anchors = shownAnchors;
                o.selected = selected;
                o.hovered = hovered;
                o.hiddenClasses = st.hiddenClasses;
                ++o.version;
            }
        }
    }
}

}  // namespace lb::ui
