#include "app/ui/panels/measure_matrix_section.h"

#include "app/ui/app_state.h"
#include "app/ui/panels/matrix_heatmap.h"
#include "app/ui/widgets/job_progress.h"
#include "core/analysis/settings_json.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lb::ui {

namespace {

uint64_t matrixKey(const AppState& st, const MeasureMatrixState& mm, SimilarityColumn space,
                   const MeasureSettings& settings) {
    const Session& s = st.session;
    return analysisInputsKey(st, {{"matrix", mm.measure},
                                  {"space", similarityColumnKey(space)},
                                  {"settings", toJson(settings)},
                                  {"protocol", static_cast<int>(s.settings.similarity.protocol)},
                                  {"relative", toJson(s.settings.relative)},
                                  {"translation", toJson(s.settings.translation)}});
}

// Colour position of each value: 0 = least, 1 = most similar among the matrix's values (distances inverted).
float shade(const MeasureMatrix& m, double v, double lo, double hi) {
    const double t = hi > lo ? (v - lo) / (hi - lo) : 1.0;
    return static_cast<float>(m.higherIsMoreSimilar ? t : 1.0 - t);
}

void drawHeatmap(const MeasureMatrix& m, bool stale, const PanelContext& ctx) {
    double lo = 0, hi = 0;
    bool any = false;
    for (const std::optional<double>& v : m.values)
        if (v) lo = any ? std::min(lo, *v) : *v, hi = any ? std::max(hi, *v) : *v, any = true;
    const size_t n = m.n();
    HeatmapSpec spec;
    spec.names = m.names;
    spec.columnCaption = std::string("B") + (ctx.unicode() ? " \xe2\x86\x92" : " ->");
    spec.rowCaption = std::string("A") + (ctx.unicode() ? " \xe2\x86\x93" : ":");
    spec.stale = stale;
    spec.cell = [&](size_t i, size_t j) {
        HeatmapCell c;
        const std::optional<double>& v = m.at(i, j);
        if (!v) return c;
        char text[32];
        std::snprintf(text, sizeof text, "%.3f", *v);
        c.present = true;
        c.shade = shade(m, *v, lo, hi);
        c.text = text;
        return c;
    };
    spec.tooltip = [&](size_t i, size_t j) {
        const std::optional<double>& v = m.at(i, j);
        ImGui::Text("%s%s%s", m.names[i].c_str(), ctx.arrow(), m.names[j].c_str());
        if (v)
            ImGui::Text("%s = %.6f on %lld rows", m.measure.c_str(), *v, static_cast<long long>(m.rows[i * n + j]));
        else
            ImGui::TextWrapped("%s", m.why[i * n + j].c_str());
    };
    const HeatmapGeometry g = drawMatrixHeatmap(spec, ctx);
    ImGui::Dummy(ImVec2(g.labelW + g.cellW * static_cast<float>(n), g.gridHeight(n) + 4));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "%s; colour from the least to the most similar pair shown. N x N measures on at most %lld "
        "seeded rows (seed %llu).",
        m.higherIsMoreSimilar ? "higher = more similar" : "0 = alike", static_cast<long long>(m.settings.maxRows),
        static_cast<unsigned long long>(m.settings.seed));
    ImGui::PopStyleColor();
}

}  // namespace

void submitMeasureMatrix(AppState& st, MeasureMatrixState& mm, SimilarityColumn space,
                         const MeasureSettings& settings) {
    const uint64_t key = matrixKey(st, mm, space, settings);
    MeasureMatrixInput in = measureMatrixInput(st.session, mm.measure, space, settings);
    mm.error.clear();
    mm.job.submitResult<MeasureMatrix>(
        st.jobs, "measure matrix", [in = std::move(in)](JobContext& ctx) { return computeMeasureMatrix(in, ctx); },
        [&mm, key](Result<MeasureMatrix> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) mm.error = r.error().describe();
                return;
            }
            mm.result = std::make_shared<const MeasureMatrix>(std::move(r).value());
            mm.resultKey = key;
        },
        JobPriority::Normal, JobThreads::One);
}

void drawMeasureMatrix(AppState& st, MeasureMatrixState& mm, SimilarityColumn space, const MeasureSettings& settings,
                       const PanelContext& ctx) {
    const bool open = ImGui::TreeNode("Every pair of spaces###measure_matrix");
    recordItem(st, "similarity.measure_matrix");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "One measure over every pair of loaded spaces, in the space chosen above\n"
            "(latentbridge-cli compare --session S --measure-matrix NAME).");
    if (!open) return;
    const bool running = mm.job.running();
    ImGui::BeginDisabled(running);
    const MeasureInfo* current = findMeasure(mm.measure);
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("measure##matrix", current ? current->label : mm.measure.c_str())) {
        for (const MeasureInfo& info : measureRegistry())
            if (ImGui::Selectable(info.label, mm.measure == info.name)) mm.measure = info.name;
        ImGui::EndCombo();
    }
    recordItem(st, "similarity.measure_matrix.measure");
    ImGui::SameLine();
    if (ImGui::Button("Compute##matrix")) submitMeasureMatrix(st, mm, space, settings);
    recordItem(st, "similarity.measure_matrix.compute");
    ImGui::EndDisabled();
    if (running) {
        ImGui::SameLine();
        if (ImGui::Button("Cancel##matrix")) mm.job.invalidate();
        const JobHandle& h = mm.job.handle();
        drawJobProgress(h, h.fraction(), ImVec2(-1, 0), std::string("computing") + ctx.ellipsis() + " " + h.stage());
    }
    if (!mm.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", mm.error.c_str());
    if (mm.result) {
        const bool stale = mm.resultKey != matrixKey(st, mm, space, settings);
        ImGui::TextDisabled("%s, %s space", mm.result->measure.c_str(), similarityColumnKey(mm.result->space));
        drawHeatmap(*mm.result, stale, ctx);
        if (stale) ImGui::TextDisabled("Inputs changed since: press Compute for the current ones.");
    }
    ImGui::TreePop();
}

nlohmann::json measureMatrixReport(const AppState& st, const MeasureMatrixState& mm, SimilarityColumn space,
                                   const MeasureSettings& settings) {
    if (!mm.result) return nullptr;
    nlohmann::json j = toJson(*mm.result);
    j["computing"] = mm.job.running();
    j["stale"] = mm.resultKey != matrixKey(st, mm, space, settings);
    return j;
}

}  // namespace lb::ui
