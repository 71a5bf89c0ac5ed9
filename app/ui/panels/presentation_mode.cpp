#include "app/ui/panels/presentation_mode.h"

#include "app/ui/app_state.h"
#include "app/ui/panels/stitching_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace lb::ui {

namespace {

// GLFW key codes (AppState::KeyPress): digits are ASCII, keypad digits 320.., the rest named below.
constexpr int kKeySpace = 32, kKeyEscape = 256, kKeyRight = 262, kKeyLeft = 263, kKeyDown = 264, kKeyUp = 265,
              kKeyPageUp = 266, kKeyPageDown = 267, kKeyHome = 268, kKeyG = 'G', kKeyPad0 = 320;

ViewCell* translatedCell(AppState& st, int space) {
    if (space < 0 || static_cast<size_t>(space) >= st.views.size()) return nullptr;
    return &st.views[static_cast<size_t>(space)].cell(ViewKind::Translated);
}

void advanceMorph(AppState& st, PresentationState& p) {
    ViewCell* cell = translatedCell(st, presentationPair(st, p).source);
    if (!cell || cell->points.version != p.writtenVersion || cell->points.xy.size() != p.to.size()) {
        p.morphing = false;  // new translated points arrived: they win
        return;
    }
    PlotPoints& pts = cell->points;
    const double t = std::clamp((ImGui::GetTime() - p.morphStart) / p.morphSeconds, 0.0, 1.0);
    const auto e = static_cast<float>(easeInOut(t));
    for (size_t k = 0; k < pts.xy.size(); ++k) pts.xy[k] = p.from[k] + (p.to[k] - p.from[k]) * e;
    if (t >= 1.0) {
        pts.xy = p.to;  // exactly the translated layout at the end
        p.morphing = false;
        ++p.morphs;
    }
    p.writtenVersion = ++pts.version;
    p.tweenSeenVersion = pts.version;
    p.shownXy = pts.xy;
    requestFrameWithin(st, 0.0);
}

// New translated points (an anchor edit, a story step) glide from where the old ones were drawn. With nothing
// drawn before (K was 0), they start from the source's own layout, placed where they will land.
void advanceStepTween(AppState& st, PresentationState& p) {
    const int src = presentationPair(st, p).source;
    ViewCell* cell = translatedCell(st, src);
    if (!cell || !cell->ready || cell->points.xy.empty()) {
        p.stepTween.active = false;
        p.shownXy.clear();
        p.tweenSeenVersion = cell ? cell->points.version : UINT64_MAX;
        return;
    }
    PlotPoints& pts = cell->points;
    const double now = ImGui::GetTime();
    if (pts.version != p.tweenSeenVersion) {
        std::vector<float> from;
        if (p.tweenSpace == src && p.shownXy.size() == pts.xy.size()) {
            from = p.shownXy;
        } else {
            const ViewCell& own = st.views[static_cast<size_t>(src)].cell(ViewKind::Absolute);
            if (own.ready && own.points.xy.size() == pts.xy.size()) from = placedLike(own.points.xy, pts.xy);
        }
        if (from.empty() || from == pts.xy)
            p.stepTween.active = false;
        else
            p.stepTween.begin(std::move(from), pts.xy, now);
        p.tweenSeenVersion = pts.version;
    }
    if (p.stepTween.active) {
        p.stepTween.frame(pts.xy, now);
        p.tweenSeenVersion = ++pts.version;
        requestFrameWithin(st, 0.0);
    }
    if (p.tweenSpace != src || p.shownXy.size() != pts.xy.size() || p.stepTween.active || p.shownXy != pts.xy)
        p.shownXy = pts.xy;
    p.tweenSpace = src;
}

// Leaving presentation mode mid-animation: the grid must show the real layout, not a frame of the animation.
void finishAnimations(AppState& st, PresentationState& p) {
    ViewCell* cell = translatedCell(st, presentationPair(st, p).source);
    if (cell && p.morphing && cell->points.version == p.writtenVersion && cell->points.xy.size() == p.to.size()) {
        cell->points.xy = p.to;
        ++cell->points.version;
    }
    if (cell && p.stepTween.active && cell->points.version == p.tweenSeenVersion &&
        cell->points.xy.size() == p.stepTween.to.size()) {
        cell->points.xy = p.stepTween.to;
        ++cell->points.version;
    }
    p.morphing = false;
    p.stepTween.active = false;
    p.shownXy.clear();
    p.tweenSeenVersion = UINT64_MAX;
}

StitchMethod translatedMethod(const AppState& st) {
    switch (st.session.settings.translation.method) {
        case TranslationMethod::Linear: return StitchMethod::Linear;
        case TranslationMethod::Affine: return StitchMethod::Affine;
        default: return StitchMethod::Procrustes;
    }
}

}  // namespace

PresentationFontSizes presentationFontSizes(float framebufferHeight) {
    PresentationFontSizes f;
    const float h = std::max(framebufferHeight, 1.0f);
    f.body = std::max(13.0f, h / 36.0f);
    f.caption = std::max(13.0f, h / 32.0f);
    f.headline = std::max(18.0f, h / 18.0f);
    return f;
}

PresentationPair presentationPair(const AppState& st, const PresentationState& p) {
    const int n = static_cast<int>(st.session.spaceCount());
    const int ref = static_cast<int>(st.session.reference());
    PresentationPair pair;
    if (n < 2) return pair;
    pair.target = ref;
    if (p.morphSpace >= 0 && p.morphSpace < n && p.morphSpace != ref) {
        pair.source = p.morphSpace;
    } else {
        for (int i = 0; i < n && pair.source < 0; ++i)
            if (i != ref) pair.source = i;
    }
    return pair;
}

std::array<std::optional<double>, kHeadlineNumbers> headlineValues(const AppState& st,
                                                                   const StitchingPanelState& stitching,
                                                                   const PresentationState& p) {
    std::array<std::optional<double>, kHeadlineNumbers> v;
    v[static_cast<int>(HeadlineNumber::K)] = static_cast<double>(st.session.anchors().size());
    const PresentationPair pair = presentationPair(st, p);
    if (!stitching.result || pair.source < 0) return v;
    const StitchingMatrix& m = *stitching.result;
    const auto src = static_cast<size_t>(pair.source), tgt = static_cast<size_t>(pair.target);
    if (src >= m.n || tgt >= m.n) return v;
    v[static_cast<int>(HeadlineNumber::Absolute)] = m.value(src, tgt, StitchMethod::Absolute);
    v[static_cast<int>(HeadlineNumber::Relative)] = m.value(src, tgt, StitchMethod::Relative);
    v[static_cast<int>(HeadlineNumber::Translated)] = m.value(src, tgt, translatedMethod(st));
    // Native and chance from the diagonal when the pair has no cell (fewer than 2 anchors).
    const StitchCell& c = m.at(src, tgt);
    const StitchCell& d = m.at(tgt, tgt);
    if (c.ok || d.ok) {
        v[static_cast<int>(HeadlineNumber::Native)] = c.ok ? c.scores.native : d.scores.native;
        v[static_cast<int>(HeadlineNumber::Chance)] = c.ok ? c.chance : d.chance;
    }
    return v;
}

void startMorph(AppState& st, PresentationState& p) {
    const int i = presentationPair(st, p).source;
    p.morphNote.clear();
    if (i < 0 || static_cast<size_t>(i) >= st.views.size()) {
        p.morphNote = "morph needs a second space";
        return;
    }
    const SpaceViews& v = st.views[static_cast<size_t>(i)];
    const ViewCell& own = v.cell(ViewKind::Absolute);
    const ViewCell& tr = v.cell(ViewKind::Translated);
    if (!own.ready || !tr.ready || own.points.xy.size() != tr.points.xy.size()) {
        p.morphNote = "morph needs the translated view of " + st.session.space(static_cast<size_t>(i)).name +
                      " (pick at least 2 anchors)";
        return;
    }
    // When a morph or a step's glide is interrupted, restart from the true end layout.
    p.to = p.morphing ? p.to : p.stepTween.active ? p.stepTween.to : tr.points.xy;
    p.stepTween.active = false;
    p.from = placedLike(own.points.xy, p.to);
    p.writtenVersion = tr.points.version;
    p.morphStart = ImGui::GetTime();
    p.morphing = true;
    p.morphView.fitPending = true;
}

void handlePresentationKeys(AppState& st, PresentationState& p) {
    if (!st.presentation || ImGui::GetIO().WantTextInput) return;
    const int steps = static_cast<int>(storySteps().size());
    for (const AppState::KeyPress& k : st.pendingKeys) {
        if (k.ctrl) continue;
        const int digit = k.key >= '0' && k.key <= '9'                 ? k.key - '0'
                          : k.key >= kKeyPad0 && k.key <= kKeyPad0 + 9 ? k.key - kKeyPad0
                                                                       : -1;
        const int cur = p.story.step;
        if (digit >= 1 && digit <= steps) {
            goToStoryStep(st, p.story, digit - 1);
        } else if (digit == 0 || k.key == kKeyEscape) {
            leaveStory(st, p.story);
        } else if (k.key == kKeyRight || k.key == kKeyDown || k.key == kKeyPageDown || k.key == kKeySpace) {
            if (cur < steps - 1) goToStoryStep(st, p.story, cur + 1);
        } else if (k.key == kKeyLeft || k.key == kKeyUp || k.key == kKeyPageUp) {
            if (cur > 0) goToStoryStep(st, p.story, cur - 1);
        } else if (k.key == kKeyHome) {
            goToStoryStep(st, p.story, 0);
        } else if (k.key == kKeyG && p.gallery) {
            p.showGallery = !p.showGallery;
        }
    }
}

void updatePresentation(AppState& st, PresentationState& p, const PlatformHooks& hooks) {
    if (st.presentation != p.applied) {
        if (!st.presentation) {
            finishAnimations(st, p);
            leaveStory(st, p.story);
        }
        for (ScatterViewState& v : p.views) v.fitPending = true;
        if (hooks.setFullscreen) hooks.setFullscreen(st.presentation);
        p.applied = st.presentation;
    }
    if (st.startStoryStep > 0 && st.presentation && !st.session.empty() && st.loadsInFlight == 0) {
        goToStoryStep(st, p.story, st.startStoryStep - 1);
        st.startStoryStep = 0;
    }
    // M starts the morph (in the grid too: it animates the grid's translated cell). Read from the typed
    // characters: a press and release within one frame (xdotool, quick taps) never shows up in the legacy
    // io.KeysDown, but its character is queued.
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput)
        for (ImWchar c : io.InputQueueCharacters)
            if (c == 'm' || c == 'M') startMorph(st, p);
    if (p.morphing)
        advanceMorph(st, p);
    else if (st.presentation)
        advanceStepTween(st, p);
}

}  // namespace lb::ui
