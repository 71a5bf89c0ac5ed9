#include "app/ui/panels/similarity_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/flow_layout.h"
#include "app/ui/widgets/job_progress.h"
#include "core/analysis/settings_json.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace lb::ui {

namespace {

// ------------------------------------------------------------------------------------------------ jobs
// Everything the table depends on besides the document's spaces, reference and anchors.
nlohmann::json panelInputs(const Session& s, int a, int b) {
    return {{"a", a},
            {"b", b},
            {"similarity", toJson(s.settings.similarity)},
            {"relative", toJson(s.settings.relative)},
            {"translation", toJson(s.settings.translation)}};
}

// A preview is worth computing when it is cheaper than the exact answer (on small data they coincide).
bool previewDiffers(const SimilaritySettings& s) {
    return s.preview.enabled &&
           toJson(effectiveSimilaritySettings(s, true)) != toJson(effectiveSimilaritySettings(s, false));
}

void submit(AppState& st, SimilarityPanelState& p, int a, int b, uint64_t key, bool preview) {
    const int halvings = p.previewBudget.halvings();
    SimilarityInput in = similarityInput(st.session, static_cast<size_t>(a), static_cast<size_t>(b), preview,
                                         p.previewBudget.fraction());
    // The last table of the same kind lends its anchor-free parts (the same evaluated rows when only the
    // anchors' effect changed: a preview's subsample is not an exact table's rows).
    in.previous = preview ? p.lastPreview : p.lastExact;
    if (key != p.submittedKey) p.editClock.inputsChanged(st);
    p.submittedKey = key;
    p.submittedPreview = preview;
    p.job.submitResult<SimilarityTable>(
        st.jobs, preview ? "similarity metrics (preview)" : "similarity metrics",
        [in = std::move(in)](JobContext& ctx) { return computeSimilarityTable(in, ctx); },
        [&p, key, preview, halvings](Result<SimilarityTable> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) p.error = r.error().describe();
                return;
            }
            p.error.clear();
            p.lastMs = p.job.handle().elapsedMs();
            if (preview) {
                p.previewMs = p.lastMs;
                p.previewBudget.observe(halvings, p.lastMs);
            }
            const bool firstAnswer = p.resultKey != key;
            p.result = std::make_shared<const SimilarityTable>(std::move(r).value());
            (preview ? p.lastPreview : p.lastExact) = p.result;
            p.resultKey = key;
            p.resultPreview = preview;
            if (firstAnswer) p.afterEditMs = p.editClock.msSinceEdit();
            if (!preview) p.exactAfterEditMs = p.editClock.msSinceEdit();
        },
        JobPriority::Normal, JobThreads::One);  // runs beside the stitching matrix (see JobThreads)
}

// ------------------------------------------------------------------------------------------------ drawing
const char* metricLabel(SimilarityMetric m, const SimilarityTable* r, char* buf, size_t n) {
    switch (m) {
        case SimilarityMetric::LinearCka: return "CKA (linear)";
        case SimilarityMetric::RbfCka: return "CKA (RBF)";
        case SimilarityMetric::Jaccard:
            std::snprintf(buf, n, "Jaccard@%lld", static_cast<long long>(r ? r->kJaccard : 0));
            return buf;
        case SimilarityMetric::Mrr:
            std::snprintf(buf, n, "MRR@%lld", static_cast<long long>(r ? r->kMrr : 0));
            return buf;
        case SimilarityMetric::Top1: return "top-1 retrieval";
        case SimilarityMetric::Top5: return "top-5 retrieval";
        case SimilarityMetric::MeanCosine: return "mean cosine";
        case SimilarityMetric::RandomPairCosine: return "  random pairs";
        case SimilarityMetric::Mse: return "MSE";
    }
    return "";
}

const char* metricHelp(SimilarityMetric m) {
    switch (m) {
        case SimilarityMetric::LinearCka:
            return "Linear centered kernel alignment of the two row sets (1 = same geometry up to rotation and "
                   "scale).\n"
                   "Works across different widths.";
        case SimilarityMetric::RbfCka:
            return "CKA with Gaussian kernels (bandwidth: median distance), on a seeded row subsample.";
        case SimilarityMetric::Jaccard:
            return "Overlap of each sample's k nearest neighbours (cosine) found from A and from B, searched among "
                   "B's\n"
                   "rows. 1 = identical neighbourhoods.";
        case SimilarityMetric::Mrr:
            return "Mean reciprocal rank of a sample's own B counterpart among the neighbours of its A version\n"
                   "(1 = always first).";
        case SimilarityMetric::Top1:
            return "Share of samples whose A version finds its own B counterpart first among B's rows.";
        case SimilarityMetric::Top5:
            return "Share of samples whose A version finds its own B counterpart among the first 5.";
        case SimilarityMetric::MeanCosine:
            return "Mean cosine between each sample's A and B vectors (needs one common space).";
        case SimilarityMetric::RandomPairCosine:
            return "The baseline of the mean cosine: the mean cosine of random pairs of DIFFERENT samples.\n"
                   "A mean cosine means something only well above it (relative representations of positive\n"
                   "similarities all point one way, so even unrelated samples score high).";
        case SimilarityMetric::Mse: return "Mean squared difference of matched A and B coordinates.";
    }
    return "";
}

void drawPairCombos(AppState& st, int& a, int& b) {
    const int n = static_cast<int>(st.session.spaceCount());
    auto combo = [&](const char* label, int& sel, int& stored) {
        ImGui::SetNextItemWidth(180);
        if (!ImGui::BeginCombo(label, st.session.space(static_cast<size_t>(sel)).name.c_str())) return;
        for (int i = 0; i < n; ++i)
            if (ImGui::Selectable(st.session.space(static_cast<size_t>(i)).name.c_str(), i == sel)) sel = stored = i;
        ImGui::EndCombo();
    };
    SessionLayout& l = st.session.layout;
    const float rowX = ImGui::GetCursorPosX();
    combo("A (source)", a, l.similarityA);
    sameLineIfFits(labelledItemWidth(180, "B (target)"), rowX);
    combo("B (target)", b, l.similarityB);
    recordItem(st, "similarity.b");
    if (a == b)
        ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "A and B are the same space: every metric is trivially 1.");
}

// An Index setting through an InputInt, clamped to [lo, hi].
void countInput(const char* label, Index& value, int step, int lo, int hi, float width = 90) {
    int v = static_cast<int>(std::clamp<Index>(value, lo, hi));
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputInt(label, &v, step, step * 10)) value = std::clamp(v, lo, hi);
}

// The settings behind a collapsed one-line summary: the table needs the panel's height more than they do.
void drawSettings(AppState& st, const PanelContext& ctx) {
    SimilaritySettings& s = st.session.settings.similarity;
    const SimilaritySettings e = effectiveSimilaritySettings(s);
    char summary[200];
    std::snprintf(summary, sizeof summary, "%s rows, Jaccard@%lld, MRR@%lld, %s queries, RBF on %lld rows%s###settings",
                  s.protocol == EvaluationProtocol::Paper ? "paper: all" : "non-anchor",
                  static_cast<long long>(e.kJaccard), static_cast<long long>(e.kMrr),
                  e.maxQueries == 0 ? "all" : std::to_string(e.maxQueries).c_str(), static_cast<long long>(e.rbfRows),
                  s.preview.enabled ? ", preview first" : "");
    const bool open = ImGui::TreeNode(summary);
    recordItem(st, "similarity.settings");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Which rows the metrics use and how many are sampled (click to edit).");
    if (!open) return;
    const float rowX = ImGui::GetCursorPosX();
    int protocol = static_cast<int>(s.protocol);
    ImGui::SetNextItemWidth(110);
    if (ImGui::Combo("protocol", &protocol, "standard\0paper\0"))
        s.protocol = static_cast<EvaluationProtocol>(protocol);
    recordItem(st, "similarity.protocol");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "standard: every metric on the shared samples that are not anchors (anchors are aligned by\n"
            "construction and would inflate the agreement).\n"
            "paper: the relative-representations paper's word study: every sample is a query, anchors\n"
            "included, Jaccard and MRR both at k = 5.");
    const bool paper = s.protocol == EvaluationProtocol::Paper;
    ImGui::BeginDisabled(paper);
    sameLineIfFits(labelledItemWidth(90, "Jaccard k"), rowX);
    countInput("Jaccard k", s.kJaccard, 1, 1, 1000);
    recordItem(st, "similarity.k_jaccard");
    sameLineIfFits(labelledItemWidth(90, "MRR k"), rowX);
    countInput("MRR k", s.kMrr, 1, 1, 1000);
    countInput("queries", s.maxQueries, 100, 0, 1000000);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Jaccard, MRR and retrieval average over this many seeded random samples, each searched among\n"
            "all evaluated samples (0 = every sample). The table shows each mean %s its standard error.",
            ctx.plusMinus());
    ImGui::EndDisabled();
    sameLineIfFits(labelledItemWidth(90, "RBF rows"), rowX);
    countInput("RBF rows", s.rbfRows, 100, 2, 20000);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("RBF CKA on a seeded subsample of this many rows (its kernels are rows x rows).");
    sameLineIfFits(labelledItemWidth(90, "rows"), rowX);
    countInput("rows", s.maxRows, 10000, 0, 100000000);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Every metric on a seeded random subsample of this many evaluated rows (0 = all of them).");
    ImGui::Checkbox("preview while editing", &s.preview.enabled);
    recordItem(st, "similarity.preview");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "After an edit, first show an answer from a subsample of rows, fewer queries and kernel rows\n"
            "(marked \"preview\", "
            "with standard errors), then the answer for the settings above (\"exact\").");
    if (s.preview.enabled) {
        sameLineIfFits(labelledItemWidth(80, "preview rows"), rowX);
        countInput("preview rows", s.preview.rows, 1000, 2, 100000000, 80);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "The preview evaluates a seeded random subsample of this many rows (neighbours searched\n"
                "among them), so it arrives quickly however many samples the spaces have.");
        sameLineIfFits(labelledItemWidth(80, "preview queries"), rowX);
        countInput("preview queries", s.preview.queries, 50, 1, 1000000, 80);
    }
    ImGui::TreePop();
}

void drawTable(const SimilarityTable& r, bool stale, const PanelContext& ctx) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("metrics", 4, flags)) return;
    ImGui::TableSetupColumn("metric", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    // The translated column's header names the direction when its column is wide enough; its tooltip always does.
    const char* heads[] = {"absolute", "relative", "translated A->B"};
    const char* shortHeads[] = {"absolute", "relative", "translated"};
    const char* helps[] = {"The raw embeddings, as the models produced them.",
                           "Both spaces as similarities to the shared anchors (Representation settings).",
                           "A translated into B's space with the anchors (Representation settings) vs B."};
    for (const char* h : heads) ImGui::TableSetupColumn(h, ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < 4; ++c) {
        ImGui::TableSetColumnIndex(c);
        const char* head = c == 0 ? "metric" : heads[c - 1];
        if (c > 0 && ImGui::CalcTextSize(head).x > ImGui::GetContentRegionAvail().x) head = shortHeads[c - 1];
        ImGui::TableHeader(head);
        if (c > 0 && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", helps[c - 1]);
    }
    char buf[32];
    for (int mi = 0; mi < kSimilarityMetrics; ++mi) {
        const auto m = static_cast<SimilarityMetric>(mi);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        if (m == SimilarityMetric::RandomPairCosine)
            ImGui::TextDisabled("%s", metricLabel(m, &r, buf, sizeof buf));
        else
            ImGui::TextUnformatted(metricLabel(m, &r, buf, sizeof buf));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", metricHelp(m));
        for (int c = 0; c < kSimilarityColumns; ++c) {
            ImGui::TableSetColumnIndex(c + 1);
            const MetricValue& v = r.v[mi][c];
            if (!v.ok) {
                ImGui::TextDisabled("%s", ctx.dash());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.why.c_str());
                continue;
            }
            // A mean over sampled queries with its standard error: "0.174 ±0.010".
            char text[48];
            if (v.stdErr > 0)
                std::snprintf(text, sizeof text, "%.3f %s%.3f", v.value, ctx.plusMinus(), v.stdErr);
            else
                std::snprintf(text, sizeof text, m == SimilarityMetric::Mse ? "%.4g" : "%.3f", v.value);
            if (stale || m == SimilarityMetric::RandomPairCosine)
                ImGui::TextDisabled("%s", text);
            else
                ImGui::TextUnformatted(text);
            if (v.stdErr > 0 && ImGui::IsItemHovered())
                ImGui::SetTooltip(
                    "Mean over %lld random queries %s its standard error (how much this mean would vary\n"
                    "with another sample of queries). Raise \"queries\" for a tighter estimate.",
                    static_cast<long long>(r.nQueries), ctx.plusMinus());
        }
    }
    ImGui::EndTable();
}

void drawNotes(const SimilarityTable& r, bool preview) {
    const bool paper = r.settings.protocol == EvaluationProtocol::Paper;
    const Index protocolRows = paper ? r.matched : r.matched - r.k;
    std::string notes =
        std::to_string(r.matched) + " shared samples, " + std::to_string(r.k) + " anchors; metrics on " +
        (r.evaluated < protocolRows ? "a random " + std::to_string(r.evaluated) + " of " : "") +
        std::to_string(protocolRows) + (paper ? " (every sample: paper protocol). " : " (anchors left out). ");
    if (r.nQueries > 0 && r.nQueries < r.evaluated)
        notes += "Jaccard/MRR/retrieval on " + std::to_string(r.nQueries) + " random queries. ";
    if (r.rbfRows > 0 && r.rbfRows < r.evaluated) notes += "RBF CKA on " + std::to_string(r.rbfRows) + " random rows. ";
    if (r.linearRows > 0 && r.linearRows < r.evaluated)
        notes += "Linear CKA on " + std::to_string(r.linearRows) + " random rows. ";
    if (preview) notes += "Preview: the exact answer follows.";
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", notes.c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void updateSimilarityPanel(AppState& st, SimilarityPanelState& p) {
    int a = st.session.layout.similarityA, b = st.session.layout.similarityB;
    if (!resolvePair(st.session, a, b)) return;
    const uint64_t key = analysisInputsKey(st, panelInputs(st.session, a, b));
    if (key != p.submittedKey) {
        if (!deferToViews(st, p.job)) submit(st, p, a, b, key, previewDiffers(st.session.settings.similarity));
        return;
    }
    // The preview of these inputs arrived: the exact answer follows.
    if (p.submittedPreview && !p.job.running() && p.resultKey == key && p.resultPreview)
        submit(st, p, a, b, key, false);
}

void drawSimilarityPanel(AppState& st, SimilarityPanelState& p, const PanelContext& ctx) {
    if (st.session.spaceCount() < 2) {
        ImGui::TextWrapped("Load two spaces to compare them.");
        return;
    }
    int a = st.session.layout.similarityA, b = st.session.layout.similarityB;
    if (!resolvePair(st.session, a, b)) return;
    drawPairCombos(st, a, b);
    drawSettings(st, ctx);
    const bool running = p.job.running();
    // A young job changes nothing on screen (job_progress.h): a live update redraws the table once, with its result.
    const bool showRunning = running && showsProgress(p.job.handle());
    // Greyed: the result is for older inputs (a preview refined for the same inputs is current, not stale).
    const bool stale = p.resultKey != p.submittedKey && (showRunning || !running);
    if (showRunning) {
        const JobHandle& h = p.job.handle();
        drawJobProgress(h, h.fraction(), ImVec2(-1, 0),
                        (p.submittedPreview ? "preview" : "computing") + std::string(ctx.ellipsis()) + " " + h.stage());
    }
    if (!p.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", p.error.c_str());
    if (!p.result) {
        if (!running) ImGui::TextDisabled("No result yet.");
    } else {
        const SimilarityTable& r = *p.result;
        drawTable(r, stale, ctx);
        drawNotes(r, p.resultPreview);
        drawWarningList("similarity warnings", r.warnings);
        if (p.lastMs >= 0) ImGui::TextDisabled("%s in %.0f ms", p.resultPreview ? "preview" : "exact", p.lastMs);
    }
    drawSimilarityMeasures(st, p.measures, a, b, ctx);
}

nlohmann::json similarityReport(const SimilarityPanelState& p) {
    if (!p.result) return nullptr;
    nlohmann::json j = toJson(*p.result);
    j["computing"] = p.job.running() || p.resultPreview || p.resultKey != p.submittedKey;
    j["preview"] = p.resultPreview;
    j["preview_fraction"] = p.previewBudget.fraction();
    j["ms"] = p.lastMs;
    j["preview_ms"] = p.previewMs;
    j["after_edit_ms"] = p.afterEditMs;
    j["exact_after_edit_ms"] = p.exactAfterEditMs;
    return j;
}

}  // namespace lb::ui
