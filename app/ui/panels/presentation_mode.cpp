#include "app/ui/panels/presentation_mode.h"

#include "app/ui/app_state.h"
#include "app/ui/panels/stitching_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace lb::ui {

namespace {

constexpr float kPresentationFontScale = 1.35f;

// Mean and RMS radius of a 2N layout, to show the start layout at the end layout's place and size (both
// are PCA layouts whose scale and offset are arbitrary; only the shape matters to the eye).
void centerAndSpread(const std::vector<float>& xy, float& cx, float& cy, float& r) {
    double sx = 0, sy = 0, ss = 0;
    const size_t n = xy.size() / 2;
    for (size_t i = 0; i < n; ++i) sx += xy[2 * i], sy += xy[2 * i + 1];
    cx = n ? static_cast<float>(sx / static_cast<double>(n)) : 0.0f;
    cy = n ? static_cast<float>(sy / static_cast<double>(n)) : 0.0f;
    for (size_t i = 0; i < n; ++i) ss += std::pow(xy[2 * i] - cx, 2) + std::pow(xy[2 * i + 1] - cy, 2);
    r = n ? static_cast<float>(std::sqrt(ss / static_cast<double>(n))) : 1.0f;
    if (!(r > 0)) r = 1.0f;
}

double easeInOut(double t) {
    return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2;
}

int morphTarget(const AppState& st, int wanted) {
    const int n = static_cast<int>(st.session.spaceCount());
    const int ref = static_cast<int>(st.session.reference());
    if (wanted >= 0 && wanted < n && wanted != ref) return wanted;
    for (int i = 0; i < n; ++i)
        if (i != ref) return i;
    return -1;
}

void advanceMorph(AppState& st, PresentationState& p) {
    const int i = morphTarget(st, p.morphSpace);
    if (i < 0 || static_cast<size_t>(i) >= st.views.size()) {
        p.morphing = false;
        return;
    }
    PlotPoints& pts = st.views[static_cast<size_t>(i)].cell(ViewKind::Translated).points;
    if (pts.version != p.writtenVersion || pts.xy.size() != p.to.size()) {  // new translated points arrived
        p.morphing = false;
        return;
    }
    const double t = std::clamp((ImGui::GetTime() - p.morphStart) / p.morphSeconds, 0.0, 1.0);
    const float e = static_cast<float>(easeInOut(t));
    for (size_t k = 0; k < pts.xy.size(); ++k) pts.xy[k] = p.from[k] + (p.to[k] - p.from[k]) * e;
    p.writtenVersion = ++pts.version;
    if (t >= 1.0) {
        pts.xy = p.to;  // exactly the translated layout at the end
        p.writtenVersion = ++pts.version;
        p.morphing = false;
        ++p.morphs;
        return;
    }
    st.jobs.queue().post([] {});  // keeps the frame loop drawing (it sleeps when nothing is queued)
}

}  // namespace

void startMorph(AppState& st, PresentationState& p) {
    const int i = morphTarget(st, p.morphSpace);
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
    // When a morph is interrupted by a new one, restart from the true end layout.
    p.to = p.morphing ? p.to : tr.points.xy;
    float fx, fy, fr, tx, ty, tr2;
    centerAndSpread(own.points.xy, fx, fy, fr);
    centerAndSpread(p.to, tx, ty, tr2);
    p.from.resize(p.to.size());
    for (size_t k = 0; k + 1 < p.from.size(); k += 2) {
        p.from[k] = tx + (own.points.xy[k] - fx) * tr2 / fr;
        p.from[k + 1] = ty + (own.points.xy[k + 1] - fy) * tr2 / fr;
    }
    p.writtenVersion = v.cell(ViewKind::Translated).points.version;
    p.morphStart = ImGui::GetTime();
    p.morphing = true;
}

void updatePresentation(AppState& st, PresentationState& p, const PlatformHooks& hooks) {
    if (st.presentation != p.applied) {
        ImGuiIO& io = ImGui::GetIO();
        if (st.presentation) {
            p.savedFontScale = io.FontGlobalScale;
            io.FontGlobalScale = kPresentationFontScale;
        } else {
            io.FontGlobalScale = p.savedFontScale;
        }
        if (hooks.setFullscreen) hooks.setFullscreen(st.presentation);
        p.applied = st.presentation;
    }
    // M starts the morph. Read from the typed characters: a press and release within one frame (xdotool,
    // quick taps) never shows up in the legacy io.KeysDown, but its character is queued.
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput)
        for (ImWchar c : io.InputQueueCharacters)
            if (c == 'm' || c == 'M') startMorph(st, p);
    if (p.morphing) advanceMorph(st, p);
}

std::string stitchingHeadline(const AppState& st, const StitchingPanelState& s, const PanelContext& ctx) {
    if (!s.result || s.result->n < 2) return {};
    const StitchingMatrix& m = *s.result;
    const size_t tgt = std::min(st.session.reference(), m.n - 1);
    const size_t src = tgt == 0 ? 1 : 0;
    const StitchMethod method = st.session.layout.stitchShown;
    const std::optional<double> v = m.value(src, tgt, method);
    const StitchCell& c = m.at(src, tgt);
    std::string out = "Stitching " + m.names[src] + ctx.arrow() + m.names[tgt] + ": " + stitchMethodName(method) + " " +
                      (v ? formatPercent(*v) : std::string(ctx.dash()));
    if (c.ok) out += "  (native " + formatPercent(c.scores.native) + ", chance " + formatPercent(c.chance) + ")";
    return out;
}

void drawPresentationOverlay(AppState& st, PresentationState& p, const StitchingPanelState& stitching,
                             const PanelContext& ctx) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 8, vp->WorkPos.y + 2), ImGuiCond_Always,
                            ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.88f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (!ImGui::Begin("##presentation", nullptr, flags)) {
        ImGui::End();
        return;
    }
    // One line, top right: the headline in the large font, then the morph controls.
    if (ctx.largeFont) ImGui::PushFont(ctx.largeFont);
    const std::string headline = stitchingHeadline(st, stitching, ctx);
    if (headline.empty())
        ImGui::TextDisabled("Zero-shot stitching: computing%s", ctx.ellipsis());
    else
        ImGui::TextColored(ImVec4(1.0f, 0.86f, 0.3f, 1.0f), "%s", headline.c_str());
    if (ctx.largeFont) ImGui::PopFont();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Zero-shot stitching accuracy of the first space into the reference (Stitching panel's\n"
            "method and head). F11 leaves presentation mode.");
    const int target = morphTarget(st, p.morphSpace);
    if (target >= 0) {
        ImGui::SameLine();
        if (ImGui::Button(p.morphing ? "Morphing..." : "Morph (M)")) startMorph(st, p);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Animate %s from its own PCA layout to its translation into the reference.",
                              st.session.space(static_cast<size_t>(target)).name.c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(190);
        if (ImGui::BeginCombo("##morphspace", st.session.space(static_cast<size_t>(target)).name.c_str())) {
            for (int i = 0; i < static_cast<int>(st.session.spaceCount()); ++i)
                if (i != static_cast<int>(st.session.reference()) &&
                    ImGui::Selectable(st.session.space(static_cast<size_t>(i)).name.c_str(), i == target))
                    p.morphSpace = i;
            ImGui::EndCombo();
        }
    }
    if (!p.morphNote.empty()) ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "%s", p.morphNote.c_str());
    ImGui::End();
}

}  // namespace lb::ui
