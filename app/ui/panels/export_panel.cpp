#include "app/ui/panels/export_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/panels/curves_panel.h"
#include "app/ui/panels/similarity_panel.h"
#include "app/ui/panels/stitching_panel.h"
#include "core/io/atomic_file.h"
#include "core/relative/anchor_selection.h"
#include "core/session/session_file.h"

#include <imgui.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace lb::ui {

namespace fs = std::filesystem;

namespace {

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string outPath(const ExportPanelState& e, const std::string& suffix) {
    return (fs::path(e.directory) / (std::string(e.base) + suffix)).string();
}

// Draw callback: runs inside the render pass after everything else, with the window's framebuffer bound.
void captureCallback(const ImDrawList*, const ImDrawCmd* cmd) {
    auto* e = static_cast<ExportPanelState*>(cmd->UserCallbackData);
    for (const ExportPanelState::Capture& c : e->inFlight) {
        const ImGuiIO& io = ImGui::GetIO();
        const float sx = e->framebufferScaleX, sy = e->framebufferScaleY;
        const float w = c.w > 0 ? c.w : io.DisplaySize.x, h = c.w > 0 ? c.h : io.DisplaySize.y;
        const int px = static_cast<int>(c.x * sx), pw = static_cast<int>(w * sx), ph = static_cast<int>(h * sy);
        const int py = static_cast<int>((e->displayH - c.y - h) * sy);  // GL rows start at the bottom
        const std::string err = e->hooks->savePng(c.path, px, py, pw, ph);
        e->captureResults.emplace_back(err.empty(), err.empty() ? "Saved " + c.path : "PNG export failed: " + err);
    }
    e->inFlight.clear();
}

}  // namespace

std::string similarityCsv(const SimilarityPanelState& s) {
    std::ostringstream out;
    if (!s.result) return {};
    const SimilarityTable& r = *s.result;
    const nlohmann::json j = toJson(r);
    out << "# similarity of A=" << r.nameA << " and B=" << r.nameB << ", " << r.matched << " shared samples, " << r.k
        << " anchors, " << r.evaluated << " evaluated, kNN queries " << r.nQueries
        << (s.resultPreview ? " (preview)" : "") << "\n# settings: " << j["settings"].dump() << "\n";
    out << "metric,absolute,relative,translated\n";
    for (int m = 0; m < kSimilarityMetrics; ++m) {
        std::string name = similarityMetricKey(static_cast<SimilarityMetric>(m));
        if (m == static_cast<int>(SimilarityMetric::Jaccard)) name += "@" + std::to_string(r.kJaccard);
        if (m == static_cast<int>(SimilarityMetric::Mrr)) name += "@" + std::to_string(r.kMrr);
        out << name;
        for (int c = 0; c < kSimilarityColumns; ++c) out << "," << (r.v[m][c].ok ? number(r.v[m][c].value) : "");
        out << "\n";
        // A mean over sampled queries: its standard errors on the next row.
        bool sampled = false;
        for (int c = 0; c < kSimilarityColumns; ++c) sampled |= r.v[m][c].ok && r.v[m][c].stdErr > 0;
        if (!sampled) continue;
        out << name << "_stderr";
        for (int c = 0; c < kSimilarityColumns; ++c) out << "," << (r.v[m][c].ok ? number(r.v[m][c].stdErr) : "");
        out << "\n";
    }
    return out.str();
}

std::string stitchingCsv(const StitchingPanelState& s, StitchMethod method) {
    if (!s.result) return {};
    const StitchingMatrix& m = *s.result;
    std::ostringstream out;
    out << "# zero-shot stitching accuracy, " << m.headName << " head, method " << stitchMethodName(method)
        << "; rows = source encoder, columns = target head, diagonal = native\n# settings: "
        << toJson(m)["settings"].dump() << "\n";
    out << "source";
    for (const std::string& n : m.names) out << "," << csvField(n);
    out << "\n";
    for (size_t i = 0; i < m.n; ++i) {
        out << csvField(m.names[i]);
        for (size_t j = 0; j < m.n; ++j) {
            const std::optional<double> v = m.value(i, j, method);
            out << "," << (v ? number(*v) : "");
        }
        out << "\n";
    }
    return out.str();
}

nlohmann::json metricsJson(const AppState& st, const SimilarityPanelState& sim, const StitchingPanelState& stitch,
                           const CurvesPanelState& curves) {
    nlohmann::json j = {{"format", "latentbridge-metrics"}, {"version", 2}};
    j["similarity"] = similarityReport(sim);
    j["stitching"] = stitchingReport(stitch, st.session.layout.stitchShown);
    j["curves"] = curvesReport(curves);
    // The anchors the numbers were computed with, as the session file stores them, and every setting.
    if (!st.session.empty()) {
        const LatentSpace& ref = st.session.space(st.session.reference());
        nlohmann::json anchors = nlohmann::json::array();
        for (Index a : st.session.anchors())
            anchors.push_back(ref.hasKeys() ? nlohmann::json(ref.keys[static_cast<size_t>(a)]) : nlohmann::json(a));
        j["anchors"] = {{"reference", ref.name}, {ref.hasKeys() ? "keys" : "rows", anchors}};
    }
    j["settings"] = settingsToJson(st.session.settings);
    return j;
}

bool exportAnchors(AppState& st, ExportPanelState& e) {
    if (st.session.empty()) return false;
    const std::string path = outPath(e, "_anchors.txt");
    const Status s = writeAnchorFile(path, st.session.space(st.session.reference()), st.session.anchors());
    if (!s) {
        st.error("anchor export: " + s.error().describe());
        return false;
    }
    st.info("Saved " + std::to_string(st.session.anchors().size()) + " anchors to " + path);
    e.lastWritten = path;
    return true;
}

bool exportMetrics(AppState& st, ExportPanelState& e, const SimilarityPanelState& sim,
                   const StitchingPanelState& stitch, const CurvesPanelState& curves) {
    if (!sim.result && !stitch.result) {
        st.warning("metrics export: nothing computed yet (open the Similarity or Stitching panel first)");
        return false;
    }
    std::vector<std::pair<std::string, std::string>> files;
    if (sim.result) files.emplace_back(outPath(e, "_similarity.csv"), similarityCsv(sim));
    if (stitch.result)
        files.emplace_back(outPath(e, "_stitching.csv"), stitchingCsv(stitch, st.session.layout.stitchShown));
    files.emplace_back(outPath(e, "_metrics.json"), metricsJson(st, sim, stitch, curves).dump(2) + "\n");
    std::string written;
    for (const auto& [path, text] : files) {
        if (const Status s = io::writeFileAtomic(path, text); !s) {
            st.error("metrics export: " + s.error().describe());
            return false;
        }
        written += (written.empty() ? "" : ", ") + path;
        e.lastWritten = path;
    }
    st.info("Saved metrics: " + written);
    return true;
}

void requestPng(AppState& st, ExportPanelState& e, bool wholeWindow) {
    if (!e.hooks || !e.hooks->savePng) {
        st.error("PNG export needs the OpenGL window (not available here)");
        return;
    }
    ExportPanelState::Capture c;
    if (wholeWindow) {
        c.path = outPath(e, "_window.png");
    } else {
        const size_t i = static_cast<size_t>(e.viewSpace);
        if (i >= st.views.size() || !st.views[i].cell(static_cast<ViewKind>(e.viewKind)).ready) {
            st.error("PNG export: that view is not drawn yet");
            return;
        }
        const ViewCell& cell = st.views[i].cell(static_cast<ViewKind>(e.viewKind));
        static const char* kinds[] = {"absolute", "relative", "translated"};
        c.path = outPath(e, "_" + st.session.space(i).name + "_" + kinds[e.viewKind] + ".png");
        c.x = cell.scatter.canvasOrigin.x;
        c.y = cell.scatter.canvasOrigin.y;
        c.w = cell.scatter.canvasSize.x;
        c.h = cell.scatter.canvasSize.y;
        if (c.w < 2 || c.h < 2) {
            st.error("PNG export: that view is not on screen");
            return;
        }
    }
    e.requested.push_back(std::move(c));
}

bool updateExport(AppState& st, ExportPanelState& e) {
    for (auto& [ok, msg] : e.captureResults) {
        if (ok)
            st.info(msg), e.lastWritten = msg.substr(6);
        else
            st.error(msg);
    }
    e.captureResults.clear();
    if (e.requested.empty() || !e.hooks || !e.hooks->savePng) return false;
    e.inFlight = std::move(e.requested);
    e.requested.clear();
    const ImGuiIO& io = ImGui::GetIO();
    e.framebufferScaleX = io.DisplayFramebufferScale.x;
    e.framebufferScaleY = io.DisplayFramebufferScale.y;
    e.displayH = io.DisplaySize.y;
    ImGui::GetForegroundDrawList()->AddCallback(captureCallback, &e);
    ImGui::GetForegroundDrawList()->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    return true;
}

void drawExportPanel(AppState& st, ExportPanelState& e, const SimilarityPanelState& sim,
                     const StitchingPanelState& stitch, const CurvesPanelState& curves) {
    ImGui::SetNextItemWidth(260);
    ImGui::InputText("folder", e.directory, sizeof e.directory);
    ImGui::SetNextItemWidth(260);
    ImGui::InputText("file prefix", e.base, sizeof e.base);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Files: <prefix>_window.png, <prefix>_<space>_<view>.png, <prefix>_anchors.txt, "
        "<prefix>_similarity.csv, <prefix>_stitching.csv, <prefix>_metrics.json (written atomically)");
    ImGui::PopStyleColor();
    ImGui::Separator();
    if (ImGui::Button("Window PNG")) requestPng(st, e, true);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The whole window as it is drawn (this panel hides for the capture).");
    if (!st.session.empty()) {
        const int n = static_cast<int>(st.session.spaceCount());
        e.viewSpace = std::clamp(e.viewSpace, 0, n - 1);
        ImGui::SameLine();
        if (ImGui::Button("View PNG")) requestPng(st, e, false);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(150);
        if (ImGui::BeginCombo("##space", st.session.space(static_cast<size_t>(e.viewSpace)).name.c_str())) {
            for (int i = 0; i < n; ++i)
                if (ImGui::Selectable(st.session.space(static_cast<size_t>(i)).name.c_str(), i == e.viewSpace))
                    e.viewSpace = i;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(110);
        ImGui::Combo("##kind", &e.viewKind, "absolute\0relative\0translated\0");
    }
    if (ImGui::Button("Anchors")) exportAnchors(st, e);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("One anchor per line: the reference's keys (or row indices).");
    ImGui::SameLine();
    if (ImGui::Button("Metrics (CSV + JSON)")) exportMetrics(st, e, sim, stitch, curves);
    if (!e.lastWritten.empty()) ImGui::TextDisabled("last: %s", e.lastWritten.c_str());
}

}  // namespace lb::ui
