#include "app/ui/panels/stitching_gallery_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/job_progress.h"
#include "app/ui/widgets/stitching_gallery_view.h"
#include "core/analysis/settings_json.h"

#include <imgui.h>

#include <algorithm>

namespace lb::ui {

namespace {

// The pair shown: the chosen one, else the default (resolvePair). False with fewer than 2 spaces.
bool galleryPair(const AppState& st, const StitchingGalleryPanelState& p, int& source, int& target) {
    source = p.source, target = p.target;
    if (!resolvePair(st.session, source, target)) return false;
    if (source == target) {  // a chosen space made both the same: keep the target, take another source
        int a = -1, b = -1;
        resolvePair(st.session, a, b);
        source = target == b ? a : b;
    }
    return true;
}

// Ridge and head files are fast enough to follow every edit; logistic waits for Compute (the gallery follows edits
// even when the Stitching panel's "live" is off: its few samples cost little next to the matrix).
bool galleryFollowsEdits(const Session& s) {
    return s.settings.stitching.head != HeadKind::Logistic;
}

// The translated method shown: the chosen one, else the Stitching panel's when it shows one, else the first.
size_t shownTranslation(const AppState& st, const StitchingGalleryPanelState& p, const StitchingGallery& g) {
    if (p.translated >= 0 && static_cast<size_t>(p.translated) < g.methods.size())
        return static_cast<size_t>(p.translated);
    const StitchMethod shown = st.session.layout.stitchShown;
    for (size_t i = 0; i < g.methods.size(); ++i)
        if (translationMethodName(g.methods[i]) == std::string(stitchMethodName(shown))) return i;
    return 0;
}

void spaceCombo(AppState& st, const char* label, const char* id, int shown, int& stored) {
    ImGui::SetNextItemWidth(150);
    if (ImGui::BeginCombo(label, st.session.space(static_cast<size_t>(shown)).name.c_str())) {
        for (int i = 0; i < static_cast<int>(st.session.spaceCount()); ++i)
            if (ImGui::Selectable(st.session.space(static_cast<size_t>(i)).name.c_str(), i == shown)) stored = i;
        ImGui::EndCombo();
    }
    recordItem(st, id);
}

}  // namespace

uint64_t stitchingGalleryInputsKey(const AppState& st, const StitchingGalleryPanelState& p) {
    const SessionSettings& s = st.session.settings;
    int source = -1, target = -1;
    galleryPair(st, p, source, target);
    return analysisInputsKey(st, {{"stitching", toJson(s.stitching)},
                                  {"relative", toJson(s.relative)},
                                  {"translation", toJson(s.translation)},
                                  {"source", source},
                                  {"target", target},
                                  {"seed", p.seed},
                                  {"samples", p.samples}});
}

void updateStitchingGalleryPanel(AppState& st, StitchingGalleryPanelState& p) {
    int source = -1, target = -1;
    if (!galleryPair(st, p, source, target)) return;
    const uint64_t key = stitchingGalleryInputsKey(st, p);
    if (key == p.jobKey && !p.requested) return;
    if (!galleryFollowsEdits(st.session) && !p.requested) return;
    if (deferToViews(st, p.job)) return;  // next frame, once the views are updated
    p.requested = false;
    p.jobKey = key;
    StitchingGallerySettings g;
    g.source = static_cast<size_t>(source);
    g.target = static_cast<size_t>(target);
    g.samples = p.samples;
    g.seed = p.seed;
    StitchingMatrixInput in = stitchingMatrixInput(st.session);
    p.job.submitResult<StitchingGallery>(
        st.jobs, "stitching gallery",
        [in = std::move(in), g](JobContext& ctx) { return computeStitchingGallery(in, g, ctx); },
        [&p, key](Result<StitchingGallery> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) p.error = r.error().describe(), p.result.reset();
                return;
            }
            p.error.clear();
            p.result = std::make_shared<const StitchingGallery>(std::move(r).value());
            p.resultKey = key;
        },
        JobPriority::Normal, JobThreads::One);
}

void drawStitchingGalleryPanel(AppState& st, StitchingGalleryPanelState& p, const PanelContext& ctx) {
    int source = -1, target = -1;
    if (!galleryPair(st, p, source, target)) {
        ImGui::TextWrapped(
            "Load two or more spaces of the same samples (with class labels) to see stitching sample by sample.");
        return;
    }
    spaceCombo(st, "source", "gallery.source", source, p.source);
    ImGui::SameLine();
    ImGui::TextUnformatted(ctx.arrow());
    ImGui::SameLine();
    spaceCombo(st, "target head", "gallery.target", target, p.target);
    if (p.source == p.target && p.source >= 0) p.source = source;  // keep the pair apart
    ImGui::SameLine();
    if (ImGui::Button("Shuffle")) ++p.seed, ++p.shuffles;
    recordItem(st, "gallery.shuffle");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show other test samples (the accuracies do not change).");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    if (ImGui::InputInt("samples", &p.samples, 6, 12)) p.samples = std::clamp(p.samples, 1, 240);
    recordItem(st, "gallery.samples");
    const bool running = p.job.running();
    if (!galleryFollowsEdits(st.session)) {
        ImGui::SameLine();
        if (ImGui::Button("Compute")) p.requested = true;
    }
    if (p.result && !p.result->methods.empty()) {
        const size_t shown = shownTranslation(st, p, *p.result);
        ImGui::SetNextItemWidth(120);
        if (ImGui::BeginCombo("translation", translationMethodName(p.result->methods[shown]))) {
            for (size_t i = 0; i < p.result->methods.size(); ++i)
                if (ImGui::Selectable(translationMethodName(p.result->methods[i]), i == shown))
                    p.translated = static_cast<int>(i);
            ImGui::EndCombo();
        }
        recordItem(st, "gallery.translation");
        ImGui::SameLine();
    }
    ImGui::TextDisabled("head: %s (Stitching panel settings)", headKindName(st.session.settings.stitching.head));
    if (running && showsProgress(p.job.handle())) {
        const JobHandle& h = p.job.handle();
        drawJobProgress(h, h.fraction(), ImVec2(-1, 0), "computing" + std::string(ctx.ellipsis()) + " " + h.stage());
    }
    if (!p.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", p.error.c_str());
    if (!p.result) {
        if (!running && p.error.empty())
            ImGui::TextDisabled(galleryFollowsEdits(st.session) ? "Waiting for the views." : "Press Compute.");
        return;
    }
    const StitchingGallery& g = *p.result;
    ImGui::Separator();
    ImGui::Text("%s%shead of %s: %zu of %lld test samples, K = %lld anchors", g.sourceName.c_str(), ctx.arrow(),
                g.targetName.c_str(), g.samples.size(), static_cast<long long>(g.nTest), static_cast<long long>(g.k));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Each card: a test sample of %s, its true class, and the class %s's head predicts\n"
            "from it through each method (green right, red wrong). On every test row: native %s,\n"
            "relative %s, absolute %s, chance %s.",
            g.sourceName.c_str(), g.targetName.c_str(), formatPercent(g.scores.native).c_str(),
            g.scores.relative ? formatPercent(*g.scores.relative).c_str() : "n/a",
            g.scores.absolute ? formatPercent(*g.scores.absolute).c_str() : "n/a", formatPercent(g.chance).c_str());
    recordItem(st, "gallery.caption");
    const bool stale = running || p.resultKey != stitchingGalleryInputsKey(st, p);
    StitchingGalleryStyle style;
    style.translated = shownTranslation(st, p, g);
    style.unicode = ctx.unicode();
    style.dimmed = stale;
    ImGui::BeginChild("cards", ImVec2(0, 0), false);
    if (stale) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.6f);
    drawStitchingGallery(g, st.session.space(static_cast<size_t>(source)),
                         st.session.space(static_cast<size_t>(target)), st.canvas, style);
    recordItem(st, "gallery.cards");
    if (stale) ImGui::PopStyleVar();
    drawWarningList("gallery warnings", g.warnings);
    ImGui::EndChild();
}

nlohmann::json stitchingGalleryReport(const AppState& st, const StitchingGalleryPanelState& p) {
    if (!p.result) return nullptr;
    int source = -1, target = -1;
    const bool pair = galleryPair(st, p, source, target);
    const LatentSpace* space = pair && st.session.space(static_cast<size_t>(source)).name == p.result->sourceName
                                   ? &st.session.space(static_cast<size_t>(source))
                                   : nullptr;
    nlohmann::json j = toJson(*p.result, space);
    j["computing"] = p.job.running();
    j["current"] = pair && p.resultKey == stitchingGalleryInputsKey(st, p);
    j["shuffles"] = p.shuffles;
    if (!p.result->methods.empty())
        j["translated"] = translationMethodName(p.result->methods[shownTranslation(st, p, *p.result)]);
    return j;
}

}  // namespace lb::ui
