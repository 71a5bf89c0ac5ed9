#include "app/ui/panels/retrieval_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/elided_text.h"
#include "app/ui/widgets/job_progress.h"
#include "core/analysis/pair_rows.h"
#include "core/analysis/settings_json.h"
#include "core/metrics/sampling.h"
#include "core/session/sample_search.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace lb::ui {

namespace {

constexpr Index kShownMatches = 5;
constexpr size_t kFoundShown = 8;

CrossRetrievalInput retrievalInput(const Session& s, int a, int b) {
    CrossRetrievalInput in;
    in.a = s.entry(static_cast<size_t>(a)).space;
    in.b = s.entry(static_cast<size_t>(b)).space;
    PairRows rows = pairRows(s, static_cast<size_t>(a), static_cast<size_t>(b));
    in.match.rowsA = std::move(rows.rowsA);
    in.match.rowsB = std::move(rows.rowsB);
    in.anchorPositions = std::move(rows.anchors);
    in.anchorRowsA = std::move(rows.anchorRowsA);
    in.anchorRowsB = std::move(rows.anchorRowsB);
    in.relative = s.settings.relative;
    in.translation = s.settings.translation;
    return in;
}

uint64_t inputsKey(const AppState& st, int a, int b, const nlohmann::json& extra) {
    const Session& s = st.session;
    return analysisInputsKey(st, {{"retrieval", extra},
                                  {"a", a},
                                  {"b", b},
                                  {"relative", toJson(s.settings.relative)},
                                  {"translation", toJson(s.settings.translation)}});
}

// A row as people recognize it: its text, else its key, else its number.
std::string sampleText(const LatentSpace& s, Index row) {
    if (!s.texts.empty()) return s.texts[static_cast<size_t>(row)];
    if (s.hasKeys()) return s.keys[static_cast<size_t>(row)];
    return "row " + std::to_string(row);
}

// The query when none was chosen: the first shared sample that is not an anchor.
Index defaultQuery(const CrossRetrievalInput& in) {
    const std::vector<Index> free = positionsExcept(static_cast<Index>(in.match.rowsA.size()), in.anchorPositions);
    return free.empty() ? -1 : in.match.rowsA[static_cast<size_t>(free.front())];
}

void submit(AppState& st, LatestJob& job, const CrossRetrievalInput& in, std::vector<Index> queries, Index topN,
            std::shared_ptr<const CrossRetrieval>& into, uint64_t& intoKey, uint64_t key, std::string& error,
            const char* name) {
    error.clear();
    job.submitResult<CrossRetrieval>(
        st.jobs, name,
        [in, queries = std::move(queries), topN](JobContext& ctx) { return crossRetrieval(in, queries, topN, ctx); },
        [&into, &intoKey, &error, key](Result<CrossRetrieval> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) error = r.error().describe();
                return;
            }
            into = std::make_shared<const CrossRetrieval>(std::move(r).value());
            intoKey = key;
        },
        JobPriority::Normal, JobThreads::One);
}

void drawQueryPicker(AppState& st, RetrievalPanelState& p, const LatentSpace& a) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s", p.text.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##find", "find a query in A: a word of its text, its key or class", buf,
                                 sizeof buf)) {
        p.text = buf;
        std::vector<Index> rows = findRows(a, p.text);
        if (rows.size() > kFoundShown) rows.resize(kFoundShown);
        p.found = std::move(rows);
    }
    recordItem(st, "retrieval.find");
    if (!p.text.empty() && p.found.empty())
        ImGui::TextDisabled("no sample of A has \"%s\" in its key, class or text", p.text.c_str());
    for (size_t i = 0; i < p.found.size(); ++i) {
        const Index r = p.found[i];
        ImGui::PushID(static_cast<int>(r));
        if (ImGui::Selectable(elideToWidth(sampleText(a, r), ImGui::GetContentRegionAvail().x).c_str(), r == p.query))
            p.query = r;
        recordItem(st, ("retrieval.found." + std::to_string(i)).c_str());
        ImGui::PopID();
    }
}

void drawRouteTable(const RetrievalPanelState& p, const LatentSpace& b, bool stale, const PanelContext& ctx) {
    const CrossRetrieval& r = *p.result;
    const QueryMatches& q = r.queries.front();
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchSame;
    if (!ImGui::BeginTable("routes", kRetrievalRoutes, flags)) return;
    for (int k = 0; k < kRetrievalRoutes; ++k)
        ImGui::TableSetupColumn(retrievalRouteName(static_cast<RetrievalRoute>(k)));
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    for (int k = 0; k < kRetrievalRoutes; ++k) {
        ImGui::TableSetColumnIndex(k);
        const size_t i = static_cast<size_t>(k);
        if (p.summary && p.summary->top1[i] >= 0)
            ImGui::TextDisabled("top-1 %s  top-5 %s", formatPercent(p.summary->top1[i]).c_str(),
                                formatPercent(p.summary->top5[i]).c_str());
        else
            ImGui::TextDisabled("%s", ctx.dash());
    }
    ImGui::TableNextRow();
    for (int k = 0; k < kRetrievalRoutes; ++k) {
        ImGui::TableSetColumnIndex(k);
        const RouteMatches& m = q.routes[static_cast<size_t>(k)];
        if (!m.why.empty())
            ImGui::TextDisabled("n/a");
        else if (m.trueRank >= 0)
            ImGui::Text("true match: #%lld", static_cast<long long>(m.trueRank + 1));
        else
            ImGui::TextDisabled("no true match");
        if (!m.why.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.why.c_str());
    }
    for (Index rank = 0; rank < kShownMatches; ++rank) {
        ImGui::TableNextRow();
        for (int k = 0; k < kRetrievalRoutes; ++k) {
            ImGui::TableSetColumnIndex(k);
            const RouteMatches& m = q.routes[static_cast<size_t>(k)];
            if (rank >= static_cast<Index>(m.top.size())) continue;
            const Index row = m.top[static_cast<size_t>(rank)];
            const bool right = row == q.truth;
            const std::string text = sampleText(b, row);
            const ImVec4 colour = right ? ImVec4(0.45f, 0.9f, 0.45f, 1.0f)
                                        : (stale ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                                                 : ImGui::GetStyleColorVec4(ImGuiCol_Text));
            ImGui::PushStyleColor(ImGuiCol_Text, colour);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(((right ? (ctx.unicode() ? "\xe2\x9c\x93 " : "[true] ") : "") +
                                    elideToWidth(text, ImGui::GetContentRegionAvail().x * 3.0f))
                                       .c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s\nscore %.4f", text.c_str(),
                                  static_cast<double>(m.scores[static_cast<size_t>(rank)]));
        }
    }
    ImGui::EndTable();
}

}  // namespace

void updateRetrievalPanel(AppState& st, RetrievalPanelState& p) {
    const Session& s = st.session;
    int a = p.a, b = p.b;
    if (!resolvePair(s, a, b) || s.anchors().size() < 2) return;
    const CrossRetrievalInput in = retrievalInput(s, a, b);
    const Index query = p.query >= 0 && p.query < in.a->n() ? p.query : defaultQuery(in);
    if (query < 0) return;
    const uint64_t key = inputsKey(st, a, b, {{"query", query}});
    if (key != p.jobKey) {
        p.jobKey = key;
        submit(st, p.job, in, {query}, kShownMatches, p.result, p.resultKey, key, p.error, "retrieval (one query)");
    }
    const uint64_t summaryKey = inputsKey(st, a, b, {{"queries", p.summaryQueries}});
    if (summaryKey != p.summaryKey) {
        p.summaryKey = summaryKey;
        std::vector<Index> queries;
        const std::vector<Index> free = positionsExcept(static_cast<Index>(in.match.rowsA.size()), in.anchorPositions);
        for (Index i : sampleRows(static_cast<Index>(free.size()), p.summaryQueries, 0))
            queries.push_back(in.match.rowsA[static_cast<size_t>(free[static_cast<size_t>(i)])]);
        submit(st, p.summaryJob, in, std::move(queries), 1, p.summary, p.summaryResultKey, summaryKey, p.error,
               "retrieval (top-1 / top-5)");
    }
}

void drawRetrievalPanel(AppState& st, RetrievalPanelState& p, const PanelContext& ctx) {
    updateRetrievalPanel(st, p);
    Session& s = st.session;
    int a = p.a, b = p.b;
    if (!resolvePair(s, a, b)) {
        ImGui::TextWrapped(
            "Open two spaces of the same samples (e.g. assets/demo/bible_nt_en.npz and bible_nt_es.npz).");
        return;
    }
    for (const auto& [label, index, id] : {std::make_tuple("A (queries)", &p.a, "retrieval.a"),
                                           std::make_tuple("B (candidates)", &p.b, "retrieval.b")}) {
        const int shown = index == &p.a ? a : b;
        ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x * 0.35f));
        if (ImGui::BeginCombo(label, s.entry(static_cast<size_t>(shown)).space->name.c_str())) {
            for (size_t i = 0; i < s.spaceCount(); ++i)
                if (ImGui::Selectable(s.entry(i).space->name.c_str(), static_cast<int>(i) == shown)) {
                    *index = static_cast<int>(i);
                    p.found.clear();
                    p.query = -1;
                }
            ImGui::EndCombo();
        }
        recordItem(st, id);
        if (index == &p.a) ImGui::SameLine();
    }
    if (s.anchors().size() < 2) {
        ImGui::TextWrapped("Pick at least 2 anchors: every route but absolute goes through them.");
        return;
    }
    const LatentSpace& spaceA = *s.entry(static_cast<size_t>(a)).space;
    const LatentSpace& spaceB = *s.entry(static_cast<size_t>(b)).space;
    drawQueryPicker(st, p, spaceA);
    if (!p.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", p.error.c_str());
    if (p.job.running() || p.summaryJob.running()) {
        const JobHandle& h = p.job.running() ? p.job.handle() : p.summaryJob.handle();
        drawJobProgress(h, h.fraction(), ImVec2(-1, 0), std::string("computing") + ctx.ellipsis() + " " + h.stage());
    }
    if (!p.result || p.result->queries.empty()) return;
    const QueryMatches& q = p.result->queries.front();
    ImGui::Separator();
    ImGui::TextDisabled("query (A):");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(sampleText(spaceA, q.query).c_str());
    ImGui::PopTextWrapPos();
    if (q.truth >= 0) {
        ImGui::TextDisabled("its true match (B):");
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ImVec4(0.45f, 0.9f, 0.45f, 1.0f), "%s", sampleText(spaceB, q.truth).c_str());
        ImGui::PopTextWrapPos();
    }
    drawRouteTable(p, spaceB, p.resultKey != p.jobKey, ctx);
    ImGui::TextDisabled("Candidates: the %lld rows of B that are not anchors. Top-1 / top-5 over %lld seeded queries.",
                        static_cast<long long>(p.result->candidates),
                        static_cast<long long>(p.summary ? p.summary->queries.size() : 0));
}

nlohmann::json retrievalReport(const AppState& st, const RetrievalPanelState& p) {
    int a = p.a, b = p.b;
    if (!p.result || p.result->queries.empty() || !resolvePair(st.session, a, b)) return nullptr;
    const QueryMatches& q = p.result->queries.front();
    nlohmann::json routes = nlohmann::json::object(), summary = nlohmann::json::object();
    for (int k = 0; k < kRetrievalRoutes; ++k) {
        const RouteMatches& m = q.routes[static_cast<size_t>(k)];
        const char* name = retrievalRouteName(static_cast<RetrievalRoute>(k));
        routes[name] = {{"top", m.top}, {"true_rank", m.trueRank}, {"why", m.why}};
        if (p.summary)
            summary[name] = {{"top1", p.summary->top1[static_cast<size_t>(k)]},
                             {"top5", p.summary->top5[static_cast<size_t>(k)]}};
    }
    return {{"a", st.session.entry(static_cast<size_t>(a)).space->name},
            {"b", st.session.entry(static_cast<size_t>(b)).space->name},
            {"query", q.query},
            {"truth", q.truth},
            {"candidates", p.result->candidates},
            {"routes", routes},
            {"summary", summary},
            {"summary_queries", p.summary ? static_cast<Index>(p.summary->queries.size()) : 0},
            {"computing", p.job.running() || p.summaryJob.running()},
            {"current", p.resultKey == p.jobKey && p.summaryResultKey == p.summaryKey}};
}

}  // namespace lb::ui
