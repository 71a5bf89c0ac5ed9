#include "app/ui/panels/similarity_measures_section.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/flow_layout.h"
#include "app/ui/widgets/job_progress.h"
#include "core/analysis/settings_json.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace lb::ui {

namespace {

// Everything the result depends on besides the document's spaces, reference and anchors.
uint64_t measuresKey(const AppState& st, const SimilarityMeasuresState& m, int a, int b) {
    const Session& s = st.session;
    const nlohmann::json inputs = {{"a", a},
                                   {"b", b},
                                   {"space", similarityColumnKey(m.space)},
                                   {"measures", m.chosen},
                                   {"settings", toJson(m.settings)},
                                   {"protocol", static_cast<int>(s.settings.similarity.protocol)},
                                   {"relative", toJson(s.settings.relative)},
                                   {"translation", toJson(s.settings.translation)}};
    return analysisInputsKey(st, inputs);
}

bool isChosen(const SimilarityMeasuresState& m, const char* name) {
    return std::find(m.chosen.begin(), m.chosen.end(), name) != m.chosen.end();
}

// The choice in registry order, so results read the same whatever order the boxes were ticked in.
void setChosen(SimilarityMeasuresState& m, const char* name, bool on) {
    std::vector<std::string> next;
    for (const MeasureInfo& info : measureRegistry())
        if (info.name == std::string(name) ? on : isChosen(m, info.name)) next.emplace_back(info.name);
    m.chosen = std::move(next);
}

void drawChoice(AppState& st, SimilarityMeasuresState& m) {
    int space = static_cast<int>(m.space);
    ImGui::SetNextItemWidth(120);
    if (ImGui::Combo("space", &space, "absolute\0relative\0translated\0"))
        m.space = static_cast<SimilarityColumn>(space);
    recordItem(st, "similarity.measures.space");
    const float rowX = ImGui::GetCursorPosX();
    const char* family = "";
    for (const MeasureInfo& info : measureRegistry()) {
        if (std::string(family) != info.family) {
            family = info.family;
            ImGui::TextDisabled("%s", family);
        } else {
            sameLineIfFits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(info.label).x + 16, rowX);
        }
        bool on = isChosen(m, info.name);
        if (ImGui::Checkbox(info.label, &on)) setChosen(m, info.name, on);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s (%s)%s", info.name, info.higherIsMoreSimilar ? "higher = more similar" : "0 = alike",
                              info.subsampled ? "\nForms N x N matrices: on the seeded row subsample." : "");
    }
    int k = static_cast<int>(m.settings.k), rows = static_cast<int>(m.settings.maxRows);
    ImGui::SetNextItemWidth(90);
    if (ImGui::InputInt("k", &k, 1, 10)) m.settings.k = std::clamp(k, 1, 1000);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Neighbourhood size of the neighbourhood measures.");
    sameLineIfFits(labelledItemWidth(90, "N x N rows"), rowX);
    ImGui::SetNextItemWidth(90);
    if (ImGui::InputInt("N x N rows", &rows, 500, 5000)) m.settings.maxRows = std::clamp(rows, 2, 20000);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "RSA, distance correlation, the neighbourhood measures and uniformity on at most this many\n"
            "seeded random rows (their matrices are rows x rows).");
}

void drawResult(const SimilarityMeasuresState& m, bool stale) {
    const PairMeasures& r = *m.result;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("measures", 3, flags)) return;
    ImGui::TableSetupColumn("measure", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(similarityColumnKey(r.space), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("rows", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableHeadersRow();
    for (const MeasureResult& v : r.results) {
        const MeasureInfo* info = findMeasure(v.name);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(info ? info->label : v.name.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: %s", v.name.c_str(), v.higherIsMoreSimilar ? "higher = more similar" : "0 = alike");
        ImGui::TableSetColumnIndex(1);
        if (stale)
            ImGui::TextDisabled("%.4f", v.value);
        else
            ImGui::Text("%.4f", v.value);
        ImGui::TableSetColumnIndex(2);
        ImGui::TextDisabled("%lld", static_cast<long long>(v.rowsUsed));
    }
    ImGui::EndTable();
    ImGui::TextDisabled("%lld evaluated rows; N x N measures on at most %lld seeded rows (seed %llu), k = %lld.",
                        static_cast<long long>(r.evaluated), static_cast<long long>(r.settings.maxRows),
                        static_cast<unsigned long long>(r.settings.seed), static_cast<long long>(r.settings.k));
}

}  // namespace

void submitSimilarityMeasures(AppState& st, SimilarityMeasuresState& m, int a, int b) {
    const uint64_t key = measuresKey(st, m, a, b);
    SimilarityInput in = similarityInput(st.session, static_cast<size_t>(a), static_cast<size_t>(b));
    m.submittedKey = key;
    m.error.clear();
    m.job.submitResult<PairMeasures>(
        st.jobs, "similarity measures",
        [in = std::move(in), space = m.space, names = m.chosen, settings = m.settings](JobContext& ctx) {
            return computePairMeasures(in, space, names, settings, ctx);
        },
        [&m, key](Result<PairMeasures> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) m.error = r.error().describe();
                return;
            }
            m.result = std::make_shared<const PairMeasures>(std::move(r).value());
            m.resultKey = key;
        },
        JobPriority::Normal, JobThreads::One);
}

void drawSimilarityMeasures(AppState& st, SimilarityMeasuresState& m, int a, int b, const PanelContext& ctx) {
    const bool open = ImGui::TreeNode("Representational similarity measures###measures");
    recordItem(st, "similarity.measures");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "CCA, alignment, RSM, neighbourhood and statistics measures of the ReSi benchmark\n"
            "(docs/methods.md), the same as latentbridge-cli compare --measures.");
    if (!open) return;
    const bool running = m.job.running();
    ImGui::BeginDisabled(running);
    drawChoice(st, m);
    ImGui::BeginDisabled(m.chosen.empty());
    if (ImGui::Button("Compute")) submitSimilarityMeasures(st, m, a, b);
    recordItem(st, "similarity.measures.compute");
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (running) {
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) m.job.invalidate();
        const JobHandle& h = m.job.handle();
        drawJobProgress(h, h.fraction(), ImVec2(-1, 0), std::string("computing") + ctx.ellipsis() + " " + h.stage());
    }
    if (!m.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", m.error.c_str());
    if (m.result) {
        const bool stale = m.resultKey != measuresKey(st, m, a, b);
        drawResult(m, stale);
        if (stale) ImGui::TextDisabled("Inputs changed since: press Compute for the current ones.");
    }
    drawMeasureMatrix(st, m.matrix, m.space, m.settings, ctx);
    ImGui::TreePop();
}

nlohmann::json similarityMeasuresReport(const AppState& st, const SimilarityMeasuresState& m, int a, int b) {
    const nlohmann::json matrix = measureMatrixReport(st, m.matrix, m.space, m.settings);
    if (!m.result && matrix.is_null()) return nullptr;
    nlohmann::json j = m.result ? toJson(*m.result) : nlohmann::json::object();
    if (m.result) {
        j["computing"] = m.job.running();
        j["stale"] = m.resultKey != measuresKey(st, m, a, b);
    }
    if (!matrix.is_null()) j["matrix"] = matrix;
    return j;
}

}  // namespace lb::ui
