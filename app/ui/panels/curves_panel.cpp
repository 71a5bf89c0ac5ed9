#include "app/ui/panels/curves_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/job_progress.h"
#include "core/analysis/settings_json.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lb::ui {

uint64_t curvesInputsKey(const AppState& st) {
    // Anchors do not matter (the curve draws its own nested anchor sets): spaces, settings and the pair do.
    const Session& s = st.session;
    int source = s.layout.curveSource, target = s.layout.curveTarget;
    resolvePair(s, source, target);
    return fingerprintOf({{"spaces", s.spacesVersion()},
                          {"reference", s.reference()},
                          {"source", source},
                          {"target", target},
                          {"curves", toJson(s.settings.curves)},
                          {"stitching", toJson(s.settings.stitching)},
                          {"relative", toJson(s.settings.relative)},
                          {"translation", toJson(s.settings.translation)}});
}

namespace {

// One line of the plot: its name, colour and value at a curve point (nullopt = absent there). Dashed: drawn over
// another line it often equals (affine equals linear once the anchors determine the fit, docs/methods.md §2), so
// both stay visible.
struct Series {
    const char* name;
    ImU32 color;
    std::optional<double> (*value)(const StitchingScores&);
    bool dashed;
};

std::optional<double> translatedValue(const StitchingScores& s, TranslationMethod m) {
    for (const auto& [method, v] : s.translated)
        if (method == m) return v;
    return std::nullopt;
}

const Series kSeries[] = {
    {"relative", IM_COL32(255, 150, 40, 255), [](const StitchingScores& s) { return s.relative; }, false},
    {"procrustes", IM_COL32(90, 180, 255, 255),
     [](const StitchingScores& s) { return translatedValue(s, TranslationMethod::Procrustes); }, false},
    {"linear", IM_COL32(110, 220, 120, 255),
     [](const StitchingScores& s) { return translatedValue(s, TranslationMethod::Linear); }, false},
    {"affine", IM_COL32(235, 110, 200, 255),
     [](const StitchingScores& s) { return translatedValue(s, TranslationMethod::Affine); }, true},
};

void dashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float dash, float gap, float thickness) {
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    if (len <= 0) return;
    const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
    for (float t = 0; t < len; t += dash + gap) {
        const float e = std::min(len, t + dash);
        dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * e, a.y + d.y * e), col, thickness);
    }
}

void drawPlot(const AnchorCurve& r, const PanelContext& ctx) {
    const float lineH = ImGui::GetTextLineHeight();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 size(std::max(300.0f, avail.x), std::max(220.0f, avail.y - lineH));
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float left = o.x + ImGui::CalcTextSize("100%").x + 14, right = o.x + size.x - 12;
    const float top = o.y + 8, bottom = o.y + size.y - 2.4f * lineH;
    dl->AddRectFilled(ImVec2(left, top), ImVec2(right, bottom), IM_COL32(28, 28, 34, 255));
    const double lx0 = std::log10(static_cast<double>(r.points.front().k)) - 0.1;
    const double lx1 = std::log10(static_cast<double>(r.points.back().k)) + 0.1;
    auto X = [&](Index k) {
        return left + static_cast<float>((std::log10(static_cast<double>(k)) - lx0) / (lx1 - lx0)) * (right - left);
    };
    auto Y = [&](double v) { return bottom - static_cast<float>(std::clamp(v, 0.0, 1.0)) * (bottom - top); };
    const ImU32 grid = IM_COL32(70, 70, 80, 255), label = IM_COL32(210, 210, 215, 255);
    for (int i = 0; i <= 5; ++i) {
        const double v = i / 5.0;
        dl->AddLine(ImVec2(left, Y(v)), ImVec2(right, Y(v)), grid);
        const std::string t = std::to_string(i * 20) + "%";
        dl->AddText(ImVec2(left - ImGui::CalcTextSize(t.c_str()).x - 6, Y(v) - lineH * 0.5f), label, t.c_str());
    }
    for (const StitchingCurvePoint& p : r.points) {  // log-x ticks at the computed anchor counts
        dl->AddLine(ImVec2(X(p.k), top), ImVec2(X(p.k), bottom), grid);
        const std::string t = std::to_string(p.k);
        dl->AddText(ImVec2(X(p.k) - ImGui::CalcTextSize(t.c_str()).x * 0.5f, bottom + 3), label, t.c_str());
    }
    const char* xCaption = "number of anchors K (log scale)";
    dl->AddText(ImVec2((left + right - ImGui::CalcTextSize(xCaption).x) * 0.5f, bottom + 3 + lineH), label, xCaption);
    dashedLine(dl, ImVec2(left, Y(r.native)), ImVec2(right, Y(r.native)), IM_COL32(240, 240, 240, 230), 10, 6, 2.0f);
    dashedLine(dl, ImVec2(left, Y(r.chance)), ImVec2(right, Y(r.chance)), IM_COL32(160, 160, 160, 230), 2, 4, 2.0f);
    for (const Series& s : kSeries) {
        ImVec2 prev;
        bool havePrev = false;
        for (const StitchingCurvePoint& p : r.points) {
            const std::optional<double> v = s.value(p.scores);
            if (!v) {
                havePrev = false;
                continue;
            }
            const ImVec2 q(X(p.k), Y(*v));
            if (havePrev && s.dashed) dashedLine(dl, prev, q, s.color, 7, 5, 2.5f);
            if (havePrev && !s.dashed) dl->AddLine(prev, q, s.color, 2.5f);
            if (s.dashed)
                dl->AddCircle(q, 5.5f, s.color, 0, 2.0f);  // a ring around the other series' dot
            else
                dl->AddCircleFilled(q, 4.0f, s.color);
            prev = q;
            havePrev = true;
        }
    }
    // Legend (bottom-right inside the plot, where rising curves rarely pass; dark box keeps it readable).
    const float sw = 22, pad = 6;
    float lw = 0;
    for (const Series& s : kSeries) lw = std::max(lw, ImGui::CalcTextSize(s.name).x);
    const std::string nat = "native " + formatPercent(r.native), ch = "chance " + formatPercent(r.chance);
    lw = std::max({lw, ImGui::CalcTextSize(nat.c_str()).x, ImGui::CalcTextSize(ch.c_str()).x}) + sw + 3 * pad;
    const float lh = 6 * lineH + 2 * pad;
    const ImVec2 l0(right - lw - 8, std::max(top + 8, bottom - lh - 8));
    dl->AddRectFilled(l0, ImVec2(l0.x + lw, l0.y + lh), IM_COL32(15, 15, 20, 215), 4.0f);
    float y = l0.y + pad;
    for (const Series& s : kSeries) {
        const ImVec2 a(l0.x + pad, y + lineH * 0.5f), b(l0.x + pad + sw, y + lineH * 0.5f);
        if (s.dashed)
            dashedLine(dl, a, b, s.color, 6, 3, 2.5f);
        else
            dl->AddLine(a, b, s.color, 2.5f);
        dl->AddText(ImVec2(l0.x + 2 * pad + sw, y), label, s.name);
        y += lineH;
    }
    dashedLine(dl, ImVec2(l0.x + pad, y + lineH * 0.5f), ImVec2(l0.x + pad + sw, y + lineH * 0.5f),
               IM_COL32(240, 240, 240, 230), 6, 3, 2.0f);
    dl->AddText(ImVec2(l0.x + 2 * pad + sw, y), label, nat.c_str());
    y += lineH;
    dashedLine(dl, ImVec2(l0.x + pad, y + lineH * 0.5f), ImVec2(l0.x + pad + sw, y + lineH * 0.5f),
               IM_COL32(160, 160, 160, 230), 2, 3, 2.0f);
    dl->AddText(ImVec2(l0.x + 2 * pad + sw, y), label, ch.c_str());
    (void)ctx;
}

}  // namespace

void updateCurvesPanel(AppState& st, CurvesPanelState& p) {
    int source = st.session.layout.curveSource, target = st.session.layout.curveTarget;
    if (!resolvePair(st.session, source, target)) return;
    const uint64_t key = curvesInputsKey(st);
    if (p.result && p.resultKey != key) p.result.reset();  // kept only until the settings change
    if (!p.requested) return;
    p.requested = false;
    AnchorCurveInput in = anchorCurveInput(st.session, static_cast<size_t>(source), static_cast<size_t>(target));
    p.error.clear();
    p.jobKey = key;
    p.job.submitResult<AnchorCurve>(
        st.jobs, "stitching curve", [in = std::move(in)](JobContext& ctx) { return computeAnchorCurve(in, ctx); },
        [&p, key](Result<AnchorCurve> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) p.error = r.error().describe();
                return;
            }
            p.result = std::make_shared<const AnchorCurve>(std::move(r).value());
            p.resultKey = key;
        });
}

void drawCurvesPanel(AppState& st, CurvesPanelState& p, const PanelContext& ctx) {
    if (st.session.spaceCount() < 2) {
        ImGui::TextWrapped("Load two or more spaces of the same samples (with class labels) to draw stitching curves.");
        return;
    }
    SessionLayout& layout = st.session.layout;
    int source = layout.curveSource, target = layout.curveTarget;
    if (!resolvePair(st.session, source, target)) return;
    const int n = static_cast<int>(st.session.spaceCount());
    const bool running = p.job.running();
    auto combo = [&](const char* label, int sel, int& stored) {
        ImGui::SetNextItemWidth(170);
        if (!ImGui::BeginCombo(label, st.session.space(static_cast<size_t>(sel)).name.c_str())) return;
        for (int i = 0; i < n; ++i)
            if (ImGui::Selectable(st.session.space(static_cast<size_t>(i)).name.c_str(), i == sel)) stored = i;
        ImGui::EndCombo();
    };
    if (!p.autoStarted && !p.result && !running) {
        p.autoStarted = true;
        p.requested = true;  // started by the next update
    }
    combo("source", source, layout.curveSource);
    ImGui::SameLine();
    combo("target", target, layout.curveTarget);
    if (p.ksText[0] == '\0' && !p.ksInvalid) {  // show the settings' counts
        std::string text;
        for (Index k : st.session.settings.curves.anchorCounts) text += (text.empty() ? "" : ",") + std::to_string(k);
        std::snprintf(p.ksText, sizeof p.ksText, "%s", text.c_str());
    }
    ImGui::SetNextItemWidth(200);
    const bool edited = ImGui::InputText("anchor counts", p.ksText, sizeof p.ksText);
    recordItem(st, "curves.anchor_counts");
    if (edited) {
        std::vector<Index> ks;
        p.ksInvalid = !parseAnchorCounts(p.ksText, ks);
        if (!p.ksInvalid) st.session.settings.curves.anchorCounts = ks;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "K values (comma-separated). Each K uses the first K of one seeded random order of the\n"
            "training samples, so larger sets contain the smaller ones; the test set is fixed.");
    ImGui::SameLine();
    if (running) {
        if (ImGui::Button("Cancel")) p.job.invalidate();
    } else if (ImGui::Button("Compute")) {
        p.requested = true;
    }
    if (p.ksInvalid)
        ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "anchor counts: comma-separated integers >= 2, e.g. 10,30,100");
    ImGui::TextDisabled("Head: %s (options in the Stitching panel)", headKindName(st.session.settings.stitching.head));
    if (running) {
        const JobHandle& h = p.job.handle();
        drawJobProgress(h, h.fraction(), ImVec2(-1, 0), "computing" + std::string(ctx.ellipsis()) + " " + h.stage());
    }
    if (!p.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", p.error.c_str());
    if (!p.result) {
        if (!running) ImGui::TextDisabled("Press Compute to measure accuracy for each anchor count.");
        return;
    }
    const AnchorCurve& r = *p.result;
    ImGui::Text("%s%s%s: zero-shot stitching accuracy vs number of anchors", r.source.c_str(), ctx.arrow(),
                r.target.c_str());
    if (!r.skipped.empty())
        ImGui::TextDisabled("(%zu anchor counts skipped: larger than the training samples)", r.skipped.size());
    if (!r.points.empty()) drawPlot(r, ctx);
}

nlohmann::json curvesReport(const CurvesPanelState& p) {
    if (!p.result) return nullptr;
    return toJson(*p.result);
}

}  // namespace lb::ui
