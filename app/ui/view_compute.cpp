#include "app/ui/view_compute.h"

#include "app/ui/app_state.h"
#include "app/ui/view_colouring.h"
#include "core/analysis/settings_json.h"
#include "core/analysis/view_layouts.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <unordered_map>

namespace lb::ui {

std::vector<uint16_t> classColourIndices(const LatentSpace& s) {
    std::vector<uint16_t> c(static_cast<size_t>(s.n()), kUnlabeled);
    if (s.hasLabels())
        for (size_t i = 0; i < c.size(); ++i)
            c[i] = s.labels[i] >= 0 && s.labels[i] < 0xFFFF ? static_cast<uint16_t>(s.labels[i]) : kUnlabeled;
    return c;
}

namespace {

// Views of at least this many points get their picking index built on the worker: there it is a frame's worth of
// the main thread per view (tens of ms at 1M points). Smaller views are indexed by the scatter view when drawn (a
// few ms), which keeps that work off the views' job, whose end the panels wait for.
constexpr size_t kIndexOffMainThreadPoints = 250000;

// One view's points as the scatter view draws and picks them: the layout (2N floats), the class colours and, for
// large views, the picking index. Prepared on a worker where one is at hand.
struct PreparedPoints {
    std::vector<float> xy;
    std::vector<uint16_t> colours;
    std::shared_ptr<const PointGridIndex> index;  // null: the scatter view builds it
};

PreparedPoints preparePoints(std::vector<float> xy, const LatentSpace& s) {
    std::shared_ptr<PointGridIndex> index;
    if (xy.size() / 2 >= kIndexOffMainThreadPoints) {
        index = std::make_shared<PointGridIndex>();
        index->build(xy.data(), xy.size() / 2);
    }
    return PreparedPoints{std::move(xy), classColourIndices(s), std::move(index)};
}

// xy[i] of spaces[i], each prepared.
std::vector<PreparedPoints> prepareAll(std::vector<std::vector<float>> xy, const std::vector<SpacePtr>& spaces) {
    std::vector<PreparedPoints> out;
    for (size_t i = 0; i < xy.size() && i < spaces.size(); ++i)
        out.push_back(preparePoints(std::move(xy[i]), *spaces[i]));
    return out;
}

void setPoints(ViewCell& cell, PreparedPoints p) {
    // Points the view already shows keep their version: nothing to redraw or index again (every anchor edit hands over
    // the reference's translated view, its own rows in its PCA plane, unchanged).
    if (cell.ready && cell.points.xy == p.xy && cell.points.colorIndex == p.colours) return;
    cell.points.xy = std::move(p.xy);
    cell.points.colorIndex = std::move(p.colours);
    ++cell.points.version;
    cell.points.index = std::move(p.index);
    cell.points.indexedVersion = cell.points.version;
    cell.ready = !cell.points.xy.empty();
}

// The PCA views' job's result with every view's points prepared on the worker.
struct PreparedAbsolute {
    AbsoluteLayouts layouts;  // its xy moved into `points`
    std::vector<PreparedPoints> points;
};

void submitAbsolute(AppState& st, uint64_t inputs) {
    std::vector<SpacePtr> spaces;
    for (size_t i = 0; i < st.session.spaceCount(); ++i) spaces.push_back(st.session.entry(i).space);
    const size_t ref = st.session.reference();
    const ViewSettings view = st.session.settings.view;
    st.absoluteInputs = inputs;
    for (SpaceViews& v : st.views) v.cell(ViewKind::Absolute).ready = false;
    st.absoluteJob.submitResult<PreparedAbsolute>(
        st.jobs, "PCA views",
        [spaces, ref, view](JobContext& ctx) -> Result<PreparedAbsolute> {
            Result<AbsoluteLayouts> r = computeAbsoluteLayouts(spaces, ref, view, ctx);
            if (!r) return r.error();
            std::vector<PreparedPoints> points = prepareAll(std::move(r->xy), spaces);
            return PreparedAbsolute{std::move(*r), std::move(points)};
        },
        [&st, spaces](Result<PreparedAbsolute> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) st.error("PCA views: " + r.error().describe());
                return;
            }
            for (size_t i = 0; i < spaces.size() && i < st.views.size() && i < r->points.size(); ++i) {
                if (st.session.entry(i).space != spaces[i]) continue;
                setPoints(st.views[i].cell(ViewKind::Absolute), std::move(r->points[i]));
                st.views[i].cell(ViewKind::Absolute).note = r->layouts.notes[i];
                st.views[i].invNorms = std::make_shared<const Eigen::VectorXf>(std::move(r->layouts.invNorms[i]));
            }
            st.referencePca = r->layouts.refPca;
            st.relativeInputs = UINT64_MAX;  // translated views use the new reference basis
        });
}

// The relative (or translated) views of one result (per space: 2N floats and a note), where the spaces are still
// the session's.
void applyViews(AppState& st, ViewKind kind, const std::vector<SpacePtr>& spaces, size_t anchorCount,
                std::vector<PreparedPoints> points, const std::vector<std::string>& notes) {
    for (size_t i = 0; i < spaces.size() && i < st.views.size() && i < points.size(); ++i) {
        if (st.session.entry(i).space != spaces[i]) continue;
        ViewCell& cell = st.views[i].cell(kind);
        setPoints(cell, std::move(points[i]));
        cell.note = kind == ViewKind::Relative && anchorCount == 0 ? "" : notes[i];
    }
}

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// The views' job's points prepared on its thread, per kind (0 relative, 1 translated). The main thread reads them in
// a hand-over's post or in the job's result, both after the job's thread wrote them.
struct PreparedViews {
    std::vector<PreparedPoints> handed[2];      // by the hand-overs: taken by their posts, else by the result
    std::vector<PreparedPoints> fromResult[2];  // the result's views no hand-over brought (refined relative views,
                                                // translated views of a job that hands over none)
    bool translatedHandedOver = false;          // the job's thread only
};

// A hand-over of the views' job (AnchoredLayoutInput::relativeReady, translatedReady): prepares `kind`'s views (and,
// for the relative hand-over, the translated ones when AnchoredLayouts::translatedComplete) into
// `prepared` and posts them to the main thread, where they apply only if no newer edit superseded the job
// (`generation`: the job's, set once it is submitted, before the main thread can drain the post) and it still runs.
std::function<void(const AnchoredLayouts&)> handOver(AppState& st, ViewKind kind,
                                                     std::shared_ptr<const uint64_t> generation,
                                                     std::shared_ptr<PreparedViews> prepared,
                                                     std::vector<SpacePtr> spaces, size_t anchorCount) {
    MainThreadQueue& queue = st.jobs.queue();
    return [&st, &queue, kind, generation, prepared, spaces, anchorCount](const AnchoredLayouts& partial) {
        const bool relative = kind == ViewKind::Relative;
        // The translated views come with the relative ones when the job drew them in the same pass: one post, so
        // one frame shows every view.
        const bool translated = !relative || partial.translatedComplete;
        // Prepared here, on the job's thread: the main thread only swaps them in.
        if (relative) prepared->handed[0] = prepareAll(partial.relativeXY, spaces);
        if (translated) prepared->handed[1] = prepareAll(partial.translatedXY, spaces);
        if (translated) prepared->translatedHandedOver = true;
        queue.post([&st, relative, translated, generation, prepared, spaces, anchorCount,
                    relativeNotes = relative ? partial.relativeNotes : std::vector<std::string>{},
                    translatedNotes = translated ? partial.translatedNotes : std::vector<std::string>{}]() {
            if (st.relativeJob.generation() != *generation || !st.relativeJob.running()) return;
            if (relative) {
                applyViews(st, ViewKind::Relative, spaces, anchorCount, std::move(prepared->handed[0]), relativeNotes);
                st.relativeViewsCurrent = true;
                st.relativeViewsScreen.resultApplied(msSince(st.relativeRequestedAt));
            }
            if (translated) {
                applyViews(st, ViewKind::Translated, spaces, anchorCount, std::move(prepared->handed[1]),
                           translatedNotes);
                st.translatedViewsCurrent = true;
                st.viewsScreen.resultApplied(msSince(st.relativeRequestedAt));
            }
        });
    };
}

// The result's views of kind `k`, prepared: those prepared from the result, else those a hand-over prepared and did
// not apply (it came after the job had finished), else `xy` prepared now.
std::vector<PreparedPoints> preparedForResult(PreparedViews& p, int k, std::vector<std::vector<float>>& xy,
                                              const std::vector<SpacePtr>& spaces) {
    if (!p.fromResult[k].empty()) return std::move(p.fromResult[k]);
    if (!p.handed[k].empty()) return std::move(p.handed[k]);
    return prepareAll(std::move(xy), spaces);
}

void submitRelative(AppState& st, uint64_t inputs) {
    if (!st.anchoredLayoutCache) st.anchoredLayoutCache = makeAnchoredLayoutCache();
    AnchoredLayoutInput in = anchoredLayoutInput(st.session, st.referencePca, st.anchoredLayoutCache);
    st.relativeInputs = inputs;
    st.relativeRequestedAt = std::chrono::steady_clock::now();
    st.relativeViewsCurrent = st.translatedViewsCurrent = st.viewFitsCurrent = false;
    const std::vector<SpacePtr> spaces = in.spaces;
    const size_t k = in.anchors.size();
    // The relative views are shown as soon as the job has them (with the translated ones when it drew both in one
    // pass), and the translated ones before a refinement of the relative views (large spaces): posted to the main
    // thread, where they apply only if no newer edit superseded this job (its generation, set below before the main
    // thread can drain the posts).
    auto generation = std::make_shared<uint64_t>(0);
    auto prepared = std::make_shared<PreparedViews>();
    in.relativeReady = handOver(st, ViewKind::Relative, generation, prepared, spaces, k);
    in.translatedReady = handOver(st, ViewKind::Translated, generation, prepared, spaces, k);
    // The panels waiting for the views (deferToViews) start once the translations are fitted: the similarity
    // table's preview then finds them fitted, and both run beside the pass drawing the views.
    in.fitted = [&st, &queue = st.jobs.queue(), generation] {
        queue.post([&st, generation] {
            if (st.relativeJob.generation() == *generation && st.relativeJob.running()) st.viewFitsCurrent = true;
        });
    };
    st.relativeJob.submitResult<AnchoredLayouts>(
        st.jobs, "anchor update",
        [in = std::move(in), prepared, spaces](JobContext& ctx) {
            Result<AnchoredLayouts> r = computeAnchoredLayouts(in, ctx);
            // The views the result brings that no hand-over did, prepared here too.
            if (r && r->relativeRefined) prepared->fromResult[0] = prepareAll(std::move(r->relativeXY), spaces);
            if (r && !prepared->translatedHandedOver)
                prepared->fromResult[1] = prepareAll(std::move(r->translatedXY), spaces);
            return r;
        },
        [&st, spaces, k, prepared](Result<AnchoredLayouts> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) st.error("relative views: " + r.error().describe());
                return;
            }
            st.lastRelativeJobMs = st.relativeJob.handle().elapsedMs();
            for (int s = 0; s < 3; ++s) st.lastRelativeStageMs[s] = r->stageMs[s];
            // Views not shown already from this job (relativeReady, translatedReady), or refined since, come with it.
            if (!st.relativeViewsCurrent || r->relativeRefined) {
                applyViews(st, ViewKind::Relative, spaces, k, preparedForResult(*prepared, 0, r->relativeXY, spaces),
                           r->relativeNotes);
                // The latency is the first showing's; a refinement only sharpens views already on screen.
                if (!st.relativeViewsCurrent) st.relativeViewsScreen.resultApplied(msSince(st.relativeRequestedAt));
            }
            if (!st.translatedViewsCurrent) {
                applyViews(st, ViewKind::Translated, spaces, k,
                           preparedForResult(*prepared, 1, r->translatedXY, spaces), r->translatedNotes);
                st.viewsScreen.resultApplied(msSince(st.relativeRequestedAt));
            }
            st.relativeViewsCurrent = st.translatedViewsCurrent = true;
        },
        JobPriority::Interactive);
    *generation = st.relativeJob.generation();
}

}  // namespace

uint64_t viewSettingsKey(const Session& s) {
    return fingerprintOf({{"relative", toJson(s.settings.relative)},
                          {"translation", toJson(s.settings.translation)},
                          {"view", toJson(s.settings.view)}});
}

void updateViews(AppState& st) {
    syncViewsWithSession(st);
    if (st.session.empty()) return;
    const uint64_t absInputs = st.session.spacesVersion() * 2 + (st.session.settings.view.sharedBasis ? 1 : 0);
    if (absInputs != st.absoluteInputs) submitAbsolute(st, absInputs);
    updateAgreement(st);
    applyViewColours(st);
    if (!st.referencePca || st.absoluteJob.running()) return;  // translated views need the reference basis
    const uint64_t relInputs =
        st.session.anchorsVersion() ^ (viewSettingsKey(st.session) * 31) ^ (st.session.spacesVersion() << 40);
    if (relInputs != st.relativeInputs) submitRelative(st, relInputs);
}

void refreshOverlays(AppState& st) {
    const Session& s = st.session;
    // While the views' job recomputes the relative and translated views for new anchors, those views keep the
    // anchors their points were computed with: their markers move with their points, in one redraw when the
    // result arrives, instead of a redraw of every such view at the click (6 of 9 on the demo) that the result
    // replaces a few frames later.
    // The relative and translated views are current again as soon as the job posts them (relativeReady,
    // translatedReady), before it ends.
    const bool anchoredViewsPending = st.relativeJob.running();
    const auto now = std::chrono::steady_clock::now();
    const float glow = updateFreshAnchors(st, now);
    if (glow > 0.0f) requestFrameWithin(st, secondsToNextGlowStep(st, now));
    std::vector<Index> freshSorted = glow > 0.0f ? st.newAnchorsRef : std::vector<Index>{};
    std::sort(freshSorted.begin(), freshSorted.end());
    for (size_t i = 0; i < st.views.size() && i < s.spaceCount(); ++i) {
        std::vector<int64_t> anchors, selected;
        std::unordered_map<int64_t, Index> anchorOfRow;  // space i's anchor rows -> the anchors (reference rows)
        for (Index a : s.anchors()) {
            const Index r = s.anchorRowIn(i, a);  // a discovered partner where the anchor has one
            if (r < 0) continue;
            anchors.push_back(r);
            anchorOfRow.emplace(r, a);
        }
        const auto anchorOf = [&](int64_t r) {
            const auto it = anchorOfRow.find(r);
            return it != anchorOfRow.end() ? it->second : s.refRowOf(i, r);
        };
        for (Index a : st.selectionRef) {
            const Index r = s.rowInSpace(i, a);
            if (r >= 0) selected.push_back(r);
        }
        std::sort(selected.begin(), selected.end());
        int64_t hovered = st.hoveredRef >= 0 ? s.rowInSpace(i, st.hoveredRef) : -1;
        if (st.hoveredRef < 0 && st.hoveredSpace == static_cast<int>(i)) hovered = st.hoveredLocalRow;
        for (size_t kind = 0; kind < std::size(st.views[i].cells); ++kind) {
            PlotOverlay& o = st.views[i].cells[kind].overlay;
            const bool anchorsFollow = !anchoredViewsPending || kind == static_cast<size_t>(ViewKind::Absolute) ||
                                       (kind == static_cast<size_t>(ViewKind::Relative) && st.relativeViewsCurrent) ||
                                       (kind == static_cast<size_t>(ViewKind::Translated) && st.translatedViewsCurrent);
            const std::vector<int64_t>& shownAnchors = anchorsFollow ? anchors : o.anchors;
            // The new anchors glow where this view shows them (a pending view shows them with its new points);
            // discovered pairs get their own ring.
            std::vector<int64_t> fresh, discovered;
            for (int64_t r : shownAnchors) {
                const Index a = anchorOf(r);
                if (std::binary_search(freshSorted.begin(), freshSorted.end(), a)) fresh.push_back(r);
                if (a >= 0 && s.hasPartner(a)) discovered.push_back(r);
            }
            const float freshGlow = fresh.empty() ? 0.0f : glow;
            if (o.anchors != shownAnchors || o.selected != selected || o.hovered != hovered ||
                o.hiddenClasses != st.hiddenClasses || o.fresh != fresh || o.freshGlow != freshGlow ||
                o.discovered != discovered) {
                o.fresh = std::move(fresh);
                o.freshGlow = freshGlow;
                o.discovered = std::move(discovered);
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
