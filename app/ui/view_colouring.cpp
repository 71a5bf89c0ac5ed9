#include "app/ui/view_colouring.h"

#include "app/raster/class_palette.h"
#include "app/ui/app_state.h"
#include "app/ui/view_compute.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

namespace {

const SampleAgreement* agreementOf(const AppState& st, size_t space, int kind) {
    if (space >= st.agreement.size()) return nullptr;
    const SampleAgreement& a = st.agreement[space][static_cast<size_t>(kind)];
    if (a.evaluated < 1 || a.values.size() != static_cast<size_t>(st.session.space(space).n())) return nullptr;
    return &a;
}

// 0: class colours. Else the agreement result and hidden classes the colours were made for (hidden classes keep
// their class id, so the legend still hides them).
uint64_t colourKeyOf(const AppState& st, size_t space, int kind) {
    if (st.colourBy != ColourBy::Agreement || !agreementOf(st, space, kind)) return 0;
    uint64_t key = st.agreementGeneration * 1000003u + 1;
    for (size_t c = 0; c < st.hiddenClasses.size(); ++c)
        if (st.hiddenClasses[c]) key = key * 31 + c + 7;
    return key;
}

void colourByAgreement(std::vector<uint16_t>& out, const SampleAgreement& a, const LatentSpace& s,
                       const std::vector<bool>& hidden) {
    out.resize(a.values.size());
    for (size_t r = 0; r < out.size(); ++r) {
        const int32_t label = s.hasLabels() ? s.labels[r] : -1;
        if (label >= 0 && static_cast<size_t>(label) < hidden.size() && hidden[static_cast<size_t>(label)])
            out[r] = static_cast<uint16_t>(label);
        else
            out[r] = sequentialIndex(a.values[r]);  // NaN (anchor, unshared): grey
    }
}

uint64_t agreementInputsOf(const AppState& st) {
    const Session& s = st.session;
    const SimilaritySettings& m = s.settings.similarity;
    return s.anchorsVersion() ^ (viewSettingsKey(s) * 31) ^ (s.spacesVersion() << 40) ^
           (static_cast<uint64_t>(m.kJaccard) << 20) ^ (static_cast<uint64_t>(m.protocol) << 50) ^
           (static_cast<uint64_t>(s.reference()) << 56);
}

}  // namespace

void updateAgreement(AppState& st) {
    if (st.colourBy != ColourBy::Agreement || st.session.empty()) return;
    const uint64_t inputs = agreementInputsOf(st);
    if (inputs == st.agreementInputs) return;
    st.agreementInputs = inputs;
    const std::vector<AgreementInput> in = agreementInputs(st.session);
    AgreementSettings settings;
    settings.k = st.session.settings.similarity.kJaccard;
    settings.protocol = st.session.settings.similarity.protocol;
    std::vector<SpacePtr> spaces;
    for (const AgreementInput& i : in) spaces.push_back(i.space);
    st.agreementJob.submitResult<std::vector<SpaceAgreement>>(
        st.jobs, "neighbourhood agreement",
        [in, settings](JobContext& ctx) { return sessionAgreement(in, settings, ctx); },
        [&st, spaces](Result<std::vector<SpaceAgreement>> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) st.error("agreement colouring: " + r.error().describe());
                return;
            }
            // A space replaced or removed since: its result would colour other rows.
            for (size_t i = 0; i < spaces.size(); ++i)
                if (i >= st.session.spaceCount() || st.session.entry(i).space != spaces[i]) return;
            st.agreement = std::move(*r);
            ++st.agreementGeneration;
            st.lastAgreementMs = st.agreementJob.handle().elapsedMs();
        });
}

void applyViewColours(AppState& st) {
    for (size_t i = 0; i < st.views.size() && i < st.session.spaceCount(); ++i)
        for (int kind = 0; kind < kViewKinds; ++kind) {
            ViewCell& cell = st.views[i].cells[kind];
            if (!cell.ready) continue;
            const uint64_t want = colourKeyOf(st, i, kind);
            if (cell.colouredVersion == cell.points.version && cell.colourKey == want) continue;
            // New points come with class colours (view_compute.cpp's setPoints).
            const bool classColoured = cell.colouredVersion != cell.points.version || cell.colourKey == 0;
            if (want != 0) {
                colourByAgreement(cell.points.colorIndex, *agreementOf(st, i, kind), st.session.space(i),
                                  st.hiddenClasses);
                ++cell.points.version;
            } else if (!classColoured) {
                cell.points.colorIndex = classColourIndices(st.session.space(i));
                ++cell.points.version;
            }
            cell.colourKey = want;
            cell.colouredVersion = cell.points.version;
        }
}

namespace {
constexpr double kGlowSteps = 8.0;  // the glow fades in eighths: the views redraw a few times, not every frame
}  // namespace

float updateFreshAnchors(AppState& st, std::chrono::steady_clock::time_point now) {
    const Session& s = st.session;
    if (s.anchorsVersion() != st.newAnchorsSeenVersion) {
        const size_t redo = s.history().redoStack().size();
        // An undo moves its edit onto the redo stack, so that stack grew.
        const bool undone = redo > st.newAnchorsSeenRedo;
        // The first look at a session (opened, loaded) marks nothing: only edits made while it is shown.
        st.newAnchorsRef = st.newAnchorsSeenVersion == UINT64_MAX
                               ? std::vector<Index>{}
                               : anchorsAddedByLastChange(s.history(), s.anchors(), undone);
        st.newAnchorsAt = now;
        st.newAnchorsSeenVersion = s.anchorsVersion();
        st.newAnchorsSeenRedo = redo;
    }
    if (st.newAnchorsRef.empty()) return 0.0f;
    const double t = std::chrono::duration<double>(now - st.newAnchorsAt).count() / kFreshAnchorSeconds;
    if (t >= 1.0) return 0.0f;
    return static_cast<float>(std::ceil((1.0 - std::max(0.0, t)) * kGlowSteps) / kGlowSteps);
}

double secondsToNextGlowStep(const AppState& st, std::chrono::steady_clock::time_point now) {
    const double step = kFreshAnchorSeconds / kGlowSteps;
    const double elapsed = std::max(0.0, std::chrono::duration<double>(now - st.newAnchorsAt).count());
    return step * (std::floor(elapsed / step) + 1.0) - elapsed;
}

bool freshAnchorsFading(const AppState& st, std::chrono::steady_clock::time_point now) {
    return !st.newAnchorsRef.empty() &&
           std::chrono::duration<double>(now - st.newAnchorsAt).count() < kFreshAnchorSeconds;
}

nlohmann::json agreementReport(const AppState& st) {
    nlohmann::json views = nlohmann::json::array();
    for (size_t i = 0; i < st.agreement.size() && i < st.session.spaceCount(); ++i)
        for (int kind = 0; kind < kViewKinds; ++kind) {
            const SampleAgreement& a = st.agreement[i][static_cast<size_t>(kind)];
            views.push_back({{"space", st.session.space(i).name},
                             {"kind", similarityColumnKey(static_cast<SimilarityColumn>(kind))},
                             {"evaluated", a.evaluated},
                             {"mean", a.mean},
                             {"min", a.min},
                             {"max", a.max},
                             {"why", a.why},
                             {"coloured", i < st.views.size() && st.views[i].cells[kind].colourKey != 0}});
        }
    return {{"colour_by", st.colourBy == ColourBy::Agreement ? "agreement" : "class"},
            {"k", st.session.settings.similarity.kJaccard},
            {"ms", st.lastAgreementMs},
            {"generation", st.agreementGeneration},
            {"running", st.agreementJob.running()},
            {"new_anchors", st.newAnchorsRef},
            {"new_anchors_fading", freshAnchorsFading(st, std::chrono::steady_clock::now())},
            {"views", views}};
}

}  // namespace lb::ui
