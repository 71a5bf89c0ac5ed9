#include "app/ui/panels/stitching_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/panels/matrix_heatmap.h"
#include "app/ui/widgets/flow_layout.h"
#include "app/ui/widgets/job_progress.h"
#include "core/analysis/settings_json.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace lb::ui {

// ------------------------------------------------------------------------------------------------ setup
bool drawStitchSettings(AppState& st, const PanelContext& ctx) {
    StitchSettings& s = st.session.settings.stitching;
    bool changed = false;
    int head = static_cast<int>(s.head);
    ImGui::SetNextItemWidth(150);
    changed |= ImGui::Combo("head", &head, "ridge\0logistic\0file X_head.npz\0");
    recordItem(st, "stitching.head");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Classifier trained on the TARGET space and fed the source's samples.\n"
            "ridge: one-vs-rest least squares, closed form (refits live on anchor edits).\n"
            "logistic: multinomial logistic regression (L-BFGS; slower, press Compute).\n"
            "file: the linear head exported with each model (X.npz -> X_head.npz);\n"
            "  it reads absolute vectors, so the relative method is not available with it.");
    s.head = static_cast<HeadKind>(head);
    const float rowX = ImGui::GetCursorStartPos().x;  // where a wrapped item of these rows starts
    sameLineIfFits(labelledItemWidth(90, s.head == HeadKind::Ridge ? "alpha" : "lambda"), rowX);
    ImGui::SetNextItemWidth(90);
    if (s.head == HeadKind::Ridge) {
        changed |= ImGui::InputDouble("alpha", &s.ridgeAlpha, 0, 0, "%.0e", ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ridge strength relative to the data scale (default 0.1).");
    } else if (s.head == HeadKind::Logistic) {
        changed |= ImGui::InputDouble("lambda", &s.logisticLambda, 0, 0, "%.0e", ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("L2 penalty of the logistic head (default 1e-4).");
    } else {
        ImGui::TextDisabled("(no training)");
    }
    s.ridgeAlpha = std::max(0.0, s.ridgeAlpha);
    s.logisticLambda = std::max(0.0, s.logisticLambda);
    ImGui::SetNextItemWidth(80);
    changed |= ImGui::InputDouble("test fraction", &s.testFraction, 0, 0, "%.2f", ImGuiInputTextFlags_EnterReturnsTrue);
    recordItem(st, "stitching.test_fraction");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Held-out share of the samples (never anchors); accuracy is measured there.");
    sameLineIfFits(labelledItemWidth(80, "split seed"), rowX);
    int seed = static_cast<int>(std::min<uint64_t>(s.seed, 1u << 30));
    ImGui::SetNextItemWidth(80);
    if (ImGui::InputInt("split seed", &seed)) s.seed = static_cast<uint64_t>(std::max(0, seed)), changed = true;
    s.testFraction = std::clamp(s.testFraction, 0.01, 0.9);
    sameLineIfFits(labelledItemWidth(90, "preview rows"), rowX);
    int previewRows = static_cast<int>(std::min<Index>(s.previewRows, 100000000));
    ImGui::SetNextItemWidth(90);
    if (ImGui::InputInt("preview rows", &previewRows, 1000, 10000))
        s.previewRows = std::max(0, previewRows), changed = true;
    recordItem(st, "stitching.preview_rows");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "After an edit on spaces larger than this, first show accuracies on the anchors and this many\n"
            "other rows (marked \"preview\", with their standard error), then on every row (0 = no preview).");
    ImGui::TextDisabled("The relative head reads the relative representation of the Representation settings.");
    (void)ctx;
    return changed;
}

// ------------------------------------------------------------------------------------------------ heatmap
namespace {

// Sources down, target heads across; a cell is the method's accuracy, coloured from chance to 1.
HeatmapSpec stitchingHeatmapSpec(const StitchingMatrix& m, StitchMethod method, bool stale, const PanelContext& ctx) {
    HeatmapSpec spec;
    spec.names = m.names;
    spec.columnCaption = std::string("target (head trained on it)") + (ctx.unicode() ? " \xe2\x86\x92" : " ->");
    spec.rowCaption = std::string("source") + (ctx.unicode() ? " \xe2\x86\x93" : ":");  // "source ↓"
    spec.stale = stale;
    const double chance = m.chance();
    spec.cell = [&m, method, chance](size_t s, size_t t) {
        HeatmapCell c;
        const std::optional<double> v = m.value(s, t, method);
        if (!v) return c;
        c.present = true;
        c.shade = static_cast<float>((*v - chance) / std::max(1e-9, 1.0 - chance));
        c.text = formatPercent(*v);
        if (s == t) c.subtext = "native";
        return c;
    };
    spec.tooltip = [&m, method, &ctx](size_t s, size_t t) {
        const StitchCell& c = m.at(s, t);
        const std::optional<double> v = m.value(s, t, method);
        ImGui::Text("%s%s%s", m.names[s].c_str(), ctx.arrow(), m.names[t].c_str());
        if (s == t) ImGui::TextUnformatted("native: the target's own encoder and head");
        if (v)
            ImGui::Text("%s: %s", s == t ? "native" : stitchMethodName(method), formatPercent(*v).c_str());
        else
            ImGui::TextWrapped("%s", m.whyAbsent(s, t, method).c_str());
        if (c.ok)
            ImGui::TextDisabled("native %s, chance %s, %lld test samples, K = %lld anchors",
                                formatPercent(c.scores.native).c_str(), formatPercent(c.chance).c_str(),
                                static_cast<long long>(c.nTest), static_cast<long long>(c.k));
    };
    return spec;
}

// The grid plus the legend below it (8 px gap, a bar and its labels).
float stitchingHeatmapHeight(const HeatmapGeometry& g, size_t n) {
    return g.gridHeight(n) + 8 + 2.2f * g.lineH;
}
float stitchingHeatmapHeight(const StitchingMatrix& m, float availableWidth, const PanelContext& ctx) {
    return stitchingHeatmapHeight(
        heatmapGeometry(stitchingHeatmapSpec(m, StitchMethod::Relative, false, ctx), availableWidth), m.n);
}

}  // namespace

void drawStitchingHeatmap(const StitchingMatrix& m, StitchMethod method, bool stale, const PanelContext& ctx) {
    const size_t n = m.n;
    if (n == 0) return;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const HeatmapGeometry g = drawMatrixHeatmap(stitchingHeatmapSpec(m, method, stale, ctx), ctx);
    const float lineH = g.lineH, labelW = g.labelW, cellW = g.cellW;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Legend: the colour scale from chance to 1.
    const float ly = o.y + g.gridHeight(n) + 8;
    const float lx = o.x + labelW, lw = std::max(160.0f, cellW * static_cast<float>(n) - 2);
    const int steps = 48;
    for (int i = 0; i < steps; ++i) {
        const float x0 = lx + lw * static_cast<float>(i) / steps, x1 = lx + lw * static_cast<float>(i + 1) / steps + 1;
        dl->AddRectFilled(ImVec2(x0, ly), ImVec2(x1, ly + lineH * 0.8f),
                          rampColor(static_cast<float>(i) / (steps - 1)));
    }
    // Without a computed cell (e.g. no labels) there is no chance rate to show: the scale starts at 0%.
    const bool anyCell = std::any_of(m.cells.begin(), m.cells.end(), [](const StitchCell& c) { return c.ok; });
    const std::string left = anyCell ? "chance " + formatPercent(m.chance()) : std::string("0%");
    dl->AddText(ImVec2(lx, ly + lineH), IM_COL32(200, 200, 210, 255), left.c_str());
    const ImVec2 rs = ImGui::CalcTextSize("100%");
    dl->AddText(ImVec2(lx + lw - rs.x, ly + lineH), IM_COL32(200, 200, 210, 255), "100%");
    dl->AddText(ImVec2(o.x, ly), IM_COL32(200, 200, 210, 255), "accuracy");
    ImGui::Dummy(ImVec2(labelW + cellW * static_cast<float>(n), stitchingHeatmapHeight(g, n)));
}

// ------------------------------------------------------------------------------------------------ panel
uint64_t stitchingInputsKey(const AppState& st) {
    const SessionSettings& s = st.session.settings;
    return analysisInputsKey(
        st,
        {{"stitching", toJson(s.stitching)}, {"relative", toJson(s.relative)}, {"translation", toJson(s.translation)}});
}

namespace {

// What the job after an edit computes: the shown method on a subsample of the rows when the spaces are larger
// than it (Preview), else on every row (Shown); what the next one computes: the shown method on every row after a
// preview; and what the last one adds: the other methods (Rest).
enum class Stage { Preview, Shown, Rest };

// A preview is worth computing when some space has more rows than it would evaluate.
bool previewDiffers(const Session& s) {
    const StitchSettings e = effectiveStitchSettings(s.settings.stitching, true);
    if (e.maxRows <= 0 || e.maxRows == s.settings.stitching.maxRows) return false;
    for (size_t i = 0; i < s.spaceCount(); ++i)
        if (s.space(i).n() > e.maxRows + static_cast<Index>(s.anchors().size())) return true;
    return false;
}

void submit(AppState& st, StitchingPanelState& p, uint64_t key, Stage stage) {
    const Session& s = st.session;
    StitchingMatrixInput in = stitchingMatrixInput(s);
    const int halvings = p.previewBudget.halvings();
    in.settings = effectiveStitchSettings(s.settings.stitching, stage == Stage::Preview, p.previewBudget.fraction());
    in.options =
        stage == Stage::Rest ? missingMethods(in.options, *p.result) : onlyMethod(in.options, s.layout.stitchShown);
    // The native heads depend on the spaces and the head options only (and on the split, which the worker
    // compares); head files are read afresh.
    const uint64_t preparedKey = fingerprintOf({{"spaces", s.spacesVersion()},
                                                {"stitching", toJson(s.settings.stitching)},
                                                {"relative", toJson(s.settings.relative)}});
    if (p.result && p.preparedKey == preparedKey && s.settings.stitching.head != HeadKind::Fixed)
        in.previous = p.result->prepared;
    if (p.result) in.previousMatches = p.result->matches;
    const size_t n = in.spaces.size();
    p.pairsTotal = static_cast<int>(n * (n - 1));
    p.pairsDone->store(0);
    p.restJob = stage == Stage::Rest;
    if (stage != Stage::Rest) {
        if (key != p.submittedKey) p.editClock.inputsChanged(st);
        p.submittedKey = key;
        p.submittedPreview = stage == Stage::Preview;
        p.requested = false;
    } else {
        p.restSubmittedKey = key;
    }
    auto done = p.pairsDone;
    p.job.submitResult<StitchingMatrix>(
        st.jobs,
        stage == Stage::Preview ? "stitching matrix (preview)"
        : stage == Stage::Shown ? "stitching matrix"
                                : "stitching matrix (other methods)",
        [in = std::move(in), done](JobContext& ctx) { return computeStitchingMatrix(in, ctx, done.get()); },
        [&p, key, preparedKey, stage, halvings](Result<StitchingMatrix> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) p.error = r.error().describe();
                return;
            }
            p.error.clear();
            if (stage == Stage::Rest) {
                if (!p.result || p.resultKey != key) return;  // superseded (the job slot drops most of these)
                auto merged = std::make_shared<StitchingMatrix>(*p.result);
                addMethods(*merged, *r);
                p.result = std::move(merged);
                p.completeAfterEditMs = p.editClock.msSinceEdit();
                return;
            }
            p.lastMs = p.job.handle().elapsedMs();
            if (stage == Stage::Preview) {
                p.previewMs = p.lastMs;
                p.previewBudget.observe(halvings, p.lastMs);
            }
            const bool firstAnswer = p.resultKey != key;
            p.result = std::make_shared<const StitchingMatrix>(std::move(r).value());
            p.resultKey = key;
            p.resultPreview = stage == Stage::Preview;
            p.preparedKey = preparedKey;
            if (firstAnswer) p.afterEditMs = p.editClock.msSinceEdit();
            if (!p.resultPreview) p.exactAfterEditMs = p.editClock.msSinceEdit();
            if (!p.resultPreview && p.result->complete()) p.completeAfterEditMs = p.exactAfterEditMs;
        },
        JobPriority::Normal, JobThreads::One);  // runs beside the similarity table (see JobThreads)
}

// The result for `key` has methods left to compute that were not asked for yet, and (unless `evenIfBusy`) no
// job runs that they should wait for.
bool restDue(const StitchingPanelState& p, uint64_t key, bool evenIfBusy = false) {
    if (!p.result || p.resultKey != key || p.resultPreview || p.result->complete() || p.restSubmittedKey == key)
        return false;
    return evenIfBusy || (!p.job.running() && !(p.yieldWhile && p.yieldWhile()));
}

// The largest standard error sqrt(p(1 - p) / n_test) of the accuracies shown for `method`: how far a preview's
// numbers may move when every row is used.
double largestStandardError(const StitchingMatrix& m, StitchMethod method) {
    double worst = 0;
    for (size_t s = 0; s < m.n; ++s)
        for (size_t t = 0; t < m.n; ++t) {
            const std::optional<double> v = m.value(s, t, method);
            const Index nTest = m.at(s, t).nTest;
            if (v && nTest > 0) worst = std::max(worst, std::sqrt(*v * (1 - *v) / static_cast<double>(nTest)));
        }
    return worst;
}

// Ridge and head files are fast enough to follow every edit; logistic waits for the button.
bool followsEdits(const Session& s) {
    return s.layout.stitchLive && s.settings.stitching.head != HeadKind::Logistic;
}

}  // namespace

void updateStitchingPanel(AppState& st, StitchingPanelState& p) {
    if (st.session.spaceCount() < 2) return;
    const uint64_t key = stitchingInputsKey(st);
    if (key == p.submittedKey && !p.requested) {
        // The preview of these inputs arrived: every row follows, then the other methods.
        if (p.submittedPreview && !p.job.running() && p.resultKey == key && p.resultPreview)
            submit(st, p, key, Stage::Shown);
        else if (restDue(p, key))
            submit(st, p, key, Stage::Rest);
        return;
    }
    if (deferToViews(st, p.job)) return;  // next frame, once the views are updated
    if (followsEdits(st.session) || p.requested)
        submit(st, p, key, previewDiffers(st.session) ? Stage::Preview : Stage::Shown);
}

void drawStitchingPanel(AppState& st, StitchingPanelState& p, const PanelContext& ctx) {
    if (st.session.spaceCount() < 2) {
        ImGui::TextWrapped(
            "Load two or more spaces of the same samples (with class labels) to measure zero-shot "
            "stitching.");
        return;
    }
    SessionLayout& layout = st.session.layout;
    int shown = static_cast<int>(layout.stitchShown);
    ImGui::TextUnformatted("Show:");
    ImGui::SameLine();
    const float methodsX = ImGui::GetCursorPosX();  // a second line of methods aligns under the first
    for (int i = 0; i < kStitchMethods; ++i) {
        const char* name = stitchMethodName(static_cast<StitchMethod>(i));
        if (i > 0) sameLineIfFits(radioButtonWidth(name), methodsX);
        if (ImGui::RadioButton(name, &shown, i)) layout.stitchShown = static_cast<StitchMethod>(i);
        recordItem(st, (std::string("stitching.method.") + name).c_str());
        if (ImGui::IsItemHovered()) {
            static const char* help[] = {
                "absolute: source vectors fed to the target's head as they are (near chance unless equal).",
                "relative: head trained on the target's relative representations, fed the source's relative ones.",
                "procrustes: source translated into the target by an orthogonal map fitted on the anchors.",
                "linear: least-squares linear map fitted on the anchors.",
                ("affine: least-squares map with a bias, on the raw anchors (equals linear once the anchors "
                 "determine the fit).")};
            ImGui::SetTooltip("%s", help[i]);
        }
    }
    const bool running = p.job.running();
    // A young job changes nothing on screen (job_progress.h): a live update that takes ~100 ms redraws the
    // panel once, with its result, instead of twice. The other methods' job is shown only to a user who waits
    // for it (the shown method is among them).
    const bool waitedFor = !(p.restJob && p.result && p.result->computed[static_cast<size_t>(shown)]);
    const bool showRunning = running && waitedFor && showsProgress(p.job.handle());
    drawStitchSettings(st, ctx);  // a change alters the inputs key: update() recomputes (or asks)
    ImGui::Checkbox("live", &layout.stitchLive);
    recordItem(st, "stitching.live");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Recompute on every anchor or settings edit (ridge and head files).");
    ImGui::SameLine();
    const uint64_t key = stitchingInputsKey(st);
    if (ImGui::Button("Compute")) p.requested = true;
    if (showRunning) {
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) p.job.invalidate(), p.submittedKey = UINT64_MAX, layout.stitchLive = false;
        const std::string label = "computing" + std::string(ctx.ellipsis()) + " pair " +
                                  std::to_string(std::min(p.pairsDone->load() + 1, p.pairsTotal)) + "/" +
                                  std::to_string(p.pairsTotal) + " (" + p.job.handle().stage() + ")";
        const float f = p.pairsTotal > 0
                            ? (static_cast<float>(p.pairsDone->load()) + p.job.handle().fraction()) / p.pairsTotal
                            : 0.0f;
        drawJobProgress(p.job.handle(), std::min(f, 1.0f), ImVec2(-1, 0), label);
    } else if (!running && key != p.resultKey && p.result && !followsEdits(st.session)) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.8f, 0.3f, 1), "inputs changed: press Compute");
    }
    if (!p.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", p.error.c_str());
    if (!p.result) {
        if (!running) ImGui::TextDisabled("No result yet (press Compute).");
        return;
    }
    ImGui::Separator();
    ImGui::Text("Zero-shot stitching accuracy, %s head, method: %s", p.result->headName.c_str(),
                stitchMethodName(layout.stitchShown));
    // Outdated: not being recomputed, or its update has waited for the views' job for a while.
    const bool outdated = !running && key != p.resultKey && !(followsEdits(st.session) && waitingForYoungViews(st));
    // The heatmap and its timing in a child window of their own: a new result then redraws only them (under a
    // software rasterizer ~1/3 of the panel's pixels), not the controls above (frame_damage.h works per window).
    const float childH = stitchingHeatmapHeight(*p.result, ImGui::GetContentRegionAvail().x, ctx) +
                         ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("heatmap", ImVec2(0, childH), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawStitchingHeatmap(*p.result, layout.stitchShown, showRunning || outdated, ctx);
    if (p.resultPreview) {
        ImGui::TextDisabled(
            "preview: anchors + %lld other rows per pair, accuracies %s%.1f%% (standard error); every "
            "row follows",
            static_cast<long long>(p.result->settings.maxRows), ctx.plusMinus(),
            100.0 * largestStandardError(*p.result, layout.stitchShown));
    } else if (p.lastMs >= 0) {
        ImGui::TextDisabled("%zu pairs in %.0f ms", p.result->n * (p.result->n - 1), p.lastMs);
    }
    ImGui::EndChild();
    drawWarningList("stitching warnings", p.result->warnings);
}

nlohmann::json stitchingReport(const StitchingPanelState& p, StitchMethod method) {
    if (!p.result) return nullptr;
    const StitchingMatrix& m = *p.result;
    nlohmann::json j = toJson(m);
    nlohmann::json matrix = nlohmann::json::array();
    for (size_t s = 0; s < m.n; ++s) {
        nlohmann::json row = nlohmann::json::array();
        for (size_t t = 0; t < m.n; ++t) {
            const std::optional<double> v = m.value(s, t, method);
            row.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
        }
        matrix.push_back(row);
    }
    // Every method row-major, null where not computed (tests compare them with the CLI's "methods").
    nlohmann::json all = nlohmann::json::object();
    for (int k = 0; k < kStitchMethods; ++k) {
        nlohmann::json mk = nlohmann::json::array();
        for (size_t s = 0; s < m.n; ++s)
            for (size_t t = 0; t < m.n; ++t) {
                const std::optional<double> v = m.value(s, t, static_cast<StitchMethod>(k));
                mk.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
            }
        all[stitchMethodName(static_cast<StitchMethod>(k))] = mk;
    }
    j["method"] = stitchMethodName(method);
    j["matrix"] = matrix;
    j["all"] = all;
    j["computing"] = p.job.running() || p.resultPreview || restDue(p, p.resultKey, true);
    j["preview"] = p.resultPreview;
    j["preview_fraction"] = p.previewBudget.fraction();
    j["ms"] = p.lastMs;
    j["preview_ms"] = p.previewMs;
    j["after_edit_ms"] = p.afterEditMs;
    j["exact_after_edit_ms"] = p.exactAfterEditMs;
    j["complete_after_edit_ms"] = p.completeAfterEditMs;
    return j;
}

}  // namespace lb::ui
