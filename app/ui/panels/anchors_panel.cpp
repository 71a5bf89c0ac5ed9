#include "app/ui/panels/anchors_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/job_progress.h"
#include "app/ui/widgets/thumbnail.h"
#include "core/relative/anchor_selection.h"
#include "core/session/sample_search.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace lb::ui {

namespace {

constexpr AnchorStrategy kStrategies[] = {AnchorStrategy::Random, AnchorStrategy::PerClass,
                                          AnchorStrategy::FarthestPoint, AnchorStrategy::KMeans,
                                          AnchorStrategy::Prototypes};
const ImVec4 kDiscoveredText(1.0f, 0.72f, 0.3f, 1.0f);  // discovered pairs' lines

constexpr const char* kStrategyLabels[] = {"random", "per-class (balanced)", "farthest-point", "k-means",
                                           "class prototypes"};

std::string keyOf(const LatentSpace& s, Index row) {
    return s.hasKeys() ? s.keys[static_cast<size_t>(row)] : std::to_string(row);
}

std::string labelOf(const LatentSpace& s, Index row) {
    if (!s.hasLabels()) return "";
    const int32_t l = s.labels[static_cast<size_t>(row)];
    if (l >= 0 && static_cast<size_t>(l) < s.labelNames.size()) return s.labelNames[static_cast<size_t>(l)];
    return std::to_string(l);
}

void drawSelectionControls(AppState& st, AnchorsPanelState& p) {
    const bool busy = p.selectJob.running();
    ImGui::BeginDisabled(busy);
    ImGui::SetNextItemWidth(170);
    ImGui::Combo("strategy", &p.strategy, kStrategyLabels, IM_ARRAYSIZE(kStrategyLabels));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "How anchors are chosen in the reference space (the same samples are used in every space):\n"
            "random: uniform; per-class: the same number from each class;\n"
            "farthest-point: spread out; k-means: one sample nearest each cluster centre.");
    ImGui::SetNextItemWidth(100);
    ImGui::InputInt("count", &p.count, 10, 100);
    p.count = std::max(1, p.count);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70);
    ImGui::InputInt("seed", &p.seed, 0, 0);
    if (ImGui::Button("Select")) runAnchorSelection(st, p);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Replace the anchors with %d chosen by the strategy (undo with Ctrl+Z)", p.count);
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        drawJobProgress(p.selectJob.handle(), p.selectJob.handle().fraction(), ImVec2(120, 0));
        ImGui::SameLine();
        if (ImGui::SmallButton("Cancel")) p.selectJob.invalidate();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(st.selectionRef.empty());
    if (ImGui::Button("Add selection")) st.session.addAnchors(st.selectionRef);
    recordItem(st, "anchors.add_selection");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Add the %zu points selected with shift+drag (box) or alt+drag (lasso) as anchors",
                          st.selectionRef.size());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(st.session.anchors().empty());
    if (ImGui::Button("Clear")) st.session.setAnchors({}, "clear anchors");
    recordItem(st, "anchors.clear");
    ImGui::EndDisabled();
    if (!p.selectError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
        ImGui::TextWrapped("%s", p.selectError.c_str());
        ImGui::PopStyleColor();
    }
}

// The space the anchors grow towards: every loaded space but the reference (default: the first of them).
void drawGrowTarget(AppState& st, AnchorGrowState& g) {
    const Session& s = st.session;
    const int current = anchorGrowPartner(st);
    if (current < 0) return;
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("##grow_target", ("towards " + s.space(static_cast<size_t>(current)).name).c_str())) {
        for (size_t i = 0; i < s.spaceCount(); ++i) {
            if (i == s.reference()) continue;
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(s.space(i).name.c_str(), static_cast<int>(i) == current))
                g.target = static_cast<int>(i);
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    recordItem(st, "anchors.grow_target");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The space whose samples the new anchors are paired with (the reference is %s)",
                          s.space(s.reference()).name.c_str());
}

void drawGrow(AppState& st, AnchorsPanelState& p) {
    AnchorGrowState& g = p.grow;
    const std::string why = anchorGrowUnavailableReason(st);
    const bool busy = g.job.running();
    ImGui::BeginDisabled(busy || !why.empty());
    if (ImGui::Button("Grow anchors from these")) growAnchors(st, g);
    recordItem(st, "anchors.grow");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        if (!why.empty())
            ImGui::SetTooltip("Cannot grow anchors: %s", why.c_str());
        else
            ImGui::SetTooltip(
                "Bootstrapping parallel anchors (docs/methods.md): from these anchors as a seed, find %d more\n"
                "samples of the reference whose relative representation best matches one of %s's samples,\n"
                "with no further correspondence used. Each is added with the sample it was paired with\n"
                "(drawn with an amber, hollow ring), in one edit (undo with Ctrl+Z).",
                g.count, st.session.entry(static_cast<size_t>(anchorGrowPartner(st))).space->name.c_str());
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("##grow_count", &g.count, 10, 100);
    g.count = std::max(1, g.count);
    ImGui::EndDisabled();
    ImGui::BeginDisabled(busy);  // a target that cannot grow can still be left for another
    drawGrowTarget(st, g);
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        drawJobProgress(g.job.handle(), g.job.handle().fraction(), ImVec2(120, 0));
        ImGui::SameLine();
        if (ImGui::SmallButton("Cancel##grow")) g.job.invalidate();
    }
    if (!g.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
        ImGui::TextWrapped("%s", g.error.c_str());
        ImGui::PopStyleColor();
    } else if (!g.lastResult.empty()) {
        ImGui::TextDisabled("%s", g.lastResult.c_str());
    }
}

void drawSearch(AppState& st, AnchorsPanelState& p) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "find key, class or text", p.searchText, sizeof p.searchText);
    recordItem(st, "anchors.search");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Samples whose key, class name or text contains this (any case), in any space.\n"
            "They are selected: highlighted in every view.");
    if (p.searchText != p.searchedFor) searchSamples(st, p, p.searchText);
    if (p.searchedFor.empty()) return;
    ImGui::TextDisabled("%zu found", p.searchHits.size());
    ImGui::SameLine();
    ImGui::BeginDisabled(p.searchHits.empty());
    if (ImGui::SmallButton("Add as anchors")) addSearchHitsAsAnchors(st, p);
    recordItem(st, "anchors.search_add");
    ImGui::EndDisabled();
}

void drawUndoRedo(AppState& st) {
    const AnchorHistory& h = st.session.history();
    ImGui::BeginDisabled(!h.canUndo());
    if (ImGui::Button("Undo")) undoAnchors(st);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(h.canUndo() ? "Undo: %s (Ctrl+Z)" : "Nothing to undo%s", h.undoLabel().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!h.canRedo());
    if (ImGui::Button("Redo")) redoAnchors(st);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(h.canRedo() ? "Redo: %s (Ctrl+Shift+Z)" : "Nothing to redo%s", h.redoLabel().c_str());
    ImGui::EndDisabled();
}

void drawImportExport(AppState& st, AnchorsPanelState& p) {
    if (!ImGui::TreeNode("Import / export anchor file")) return;
    ImGui::TextDisabled("One key (or row index) per line, as the CLI reads and writes.");
    ImGui::SetNextItemWidth(200);
    ImGui::InputText("##import", p.importPath, sizeof(p.importPath));
    ImGui::SameLine();
    if (ImGui::Button("Import")) importAnchors(st, p.importPath);
    ImGui::SetNextItemWidth(200);
    ImGui::InputText("##export", p.exportPath, sizeof(p.exportPath));
    ImGui::SameLine();
    ImGui::BeginDisabled(st.session.anchors().empty());
    if (ImGui::Button("Export")) exportAnchors(st, p.exportPath);
    ImGui::EndDisabled();
    ImGui::TreePop();
}

void drawAnchorTable(AppState& st, AnchorsPanelState& p) {
    const Session& s = st.session;
    const LatentSpace& ref = s.space(s.reference());
    const std::vector<Index>& anchors = s.anchors();
    if (anchors.empty()) {
        ImGui::TextWrapped(
            "No anchors yet. Click points in any view, or use Select above. Anchors are samples "
            "every space encodes; relative and translated views are built from them.");
        return;
    }
    const bool thumbs = !ref.images.empty();
    const DiscoveredAnchors discovered = discoveredAnchors(s);
    if (discovered.count > 0) {
        char text[160];
        if (discovered.known > 0)
            std::snprintf(text, sizeof text,
                          "%zu discovered pairs (amber hollow markers): %zu of %zu (%.0f%%) are one sample",
                          discovered.count, discovered.same, discovered.known,
                          100.0 * static_cast<double>(discovered.same) / static_cast<double>(discovered.known));
        else
            std::snprintf(text, sizeof text, "%zu discovered pairs (amber hollow markers)", discovered.count);
        ImGui::PushStyleColor(ImGuiCol_Text, kDiscoveredText);
        ImGui::TextWrapped("%s", text);
        ImGui::PopStyleColor();
    }
    const bool pairs = discovered.count > 0;
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("anchors", 4 + (thumbs ? 1 : 0) + (pairs ? 1 : 0), flags,
                           ImVec2(0, ImGui::GetContentRegionAvail().y)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_DefaultSort, 0, 0);
    ImGui::TableSetupColumn("key", 0, 0, 1);
    ImGui::TableSetupColumn("label", 0, 0, 2);
    if (thumbs) ImGui::TableSetupColumn("image", ImGuiTableColumnFlags_NoSort, 0, 3);
    if (pairs) ImGui::TableSetupColumn("pair", ImGuiTableColumnFlags_NoSort, 0, 5);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort, 0, 4);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs(); spec && spec->SpecsCount > 0) {
        p.sortColumn = static_cast<int>(spec->Specs[0].ColumnUserID);
        p.sortDescending = spec->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    }
    std::vector<size_t> order(anchors.size());
    std::iota(order.begin(), order.end(), size_t(0));
    if (p.sortColumn == 1 || p.sortColumn == 2) {
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            const Index ra = anchors[a], rb = anchors[b];
            if (p.sortColumn == 2 && ref.hasLabels())
                return ref.labels[static_cast<size_t>(ra)] < ref.labels[static_cast<size_t>(rb)];
            return ref.hasKeys() ? ref.keys[static_cast<size_t>(ra)] < ref.keys[static_cast<size_t>(rb)] : ra < rb;
        });
    }
    if (p.sortDescending) std::reverse(order.begin(), order.end());
    Index remove = -1;
    const float rowH = thumbs ? 28.0f : ImGui::GetTextLineHeight();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order.size()), rowH + ImGui::GetStyle().CellPadding.y * 2);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const size_t pos = order[static_cast<size_t>(r)];
            const Index row = anchors[pos];
            ImGui::TableNextRow(0, rowH);
            ImGui::PushID(static_cast<int>(row));
            ImGui::TableNextColumn();
            ImGui::Text("%zu", pos + 1);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(keyOf(ref, row).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(labelOf(ref, row).c_str());
            if (thumbs) {
                ImGui::TableNextColumn();
                drawThumbnail(ref.images, row, 1.0f, st.canvas);
            }
            if (pairs) {
                ImGui::TableNextColumn();
                std::string detail;
                const std::string label = discoveredLabel(s, row, &detail);
                if (!label.empty()) {
                    ImGui::TextColored(kDiscoveredText, "%s", label.c_str());
                    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", detail.c_str());
                }
            }
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("x")) remove = row;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this anchor");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (remove >= 0) st.session.removeAnchors({remove}, "remove anchor " + keyOf(ref, remove));
}

}  // namespace

void runAnchorSelection(AppState& st, AnchorsPanelState& p) {
    if (st.session.empty()) return;
    p.selectError.clear();
    const auto ref = st.session.entry(st.session.reference()).space;
    AnchorSelectionOptions o;
    o.strategy = kStrategies[std::clamp(p.strategy, 0, static_cast<int>(IM_ARRAYSIZE(kStrategies)) - 1)];
    o.count = std::min<Index>(p.count, ref->n());
    o.seed = static_cast<uint64_t>(std::max(0, p.seed));
    st.session.settings.selection = o;
    const std::string label = "select " + std::to_string(o.count) + " (" + anchorStrategyName(o.strategy) + ")";
    p.selectJob.submitResult<std::vector<Index>>(
        st.jobs, "select anchors",
        [ref, o](JobContext& ctx) { return selectAnchors(ref->embeddings.view(), ref->labels, o, ctx); },
        [&st, &p, ref, label](Result<std::vector<Index>> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) p.selectError = r.error().describe();
                return;
            }
            if (st.session.empty() || st.session.entry(st.session.reference()).space != ref)
                return;  // reference changed
            st.session.setAnchors(*r, label);
        });
}

void searchSamples(AppState& st, AnchorsPanelState& p, const std::string& query) {
    const bool selectionWasOurs = !p.searchHits.empty() && st.selectionRef == p.searchHits;
    p.searchedFor = query;
    p.searchHits = findSamples(st.session, query);
    if (!p.searchHits.empty())
        setSelection(st, p.searchHits);
    else if (selectionWasOurs)
        setSelection(st, {});
}

bool addSearchHitsAsAnchors(AppState& st, AnchorsPanelState& p) {
    return st.session.addAnchors(p.searchHits,
                                 "add " + std::to_string(p.searchHits.size()) + " found by \"" + p.searchedFor + "\"");
}

void importAnchors(AppState& st, const std::string& path) {
    if (st.session.empty()) return;
    Result<std::vector<Index>> r = readAnchorFile(path, st.session.space(st.session.reference()));
    if (!r) {
        st.error("cannot import anchors: " + r.error().describe());
        return;
    }
    st.session.setAnchors(*r, "import " + std::to_string(r->size()) + " anchors");
    st.info("Imported " + std::to_string(r->size()) + " anchors from " + path);
}

void exportAnchors(AppState& st, const std::string& path) {
    if (st.session.empty()) return;
    const Status s = writeAnchorFile(path, st.session.space(st.session.reference()), st.session.anchors());
    if (!s)
        st.error("cannot export anchors: " + s.error().describe());
    else
        st.info("Exported " + std::to_string(st.session.anchors().size()) + " anchors to " + path);
}

void drawAnchorsPanel(AppState& st, AnchorsPanelState& p) {
    ImGui::Text("Anchors: %zu", st.session.anchors().size());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Anchors are samples shared by all spaces. Each sample's relative representation is its\n"
            "cosine similarity to every anchor; translation aligns spaces on the anchors.");
    if (st.session.empty()) {
        ImGui::TextDisabled("Load data to pick anchors.");
        return;
    }
    const size_t common = st.session.commonAnchors().size();
    if (common != st.session.anchors().size()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%zu in every space)", common);
    }
    ImGui::SameLine();
    drawUndoRedo(st);
    drawSelectionControls(st, p);
    drawGrow(st, p);
    drawSearch(st, p);
    drawImportExport(st, p);
    drawAnchorTable(st, p);
}

}  // namespace lb::ui
