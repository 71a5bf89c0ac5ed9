// The linked-hover tooltip (declared in view_grid.h): who the sample is and who its neighbours are in
// every space, so a user sees at a glance whether two models agree about it.
#include "app/raster/class_palette.h"
#include "app/ui/app_state.h"
#include "app/ui/panels/view_grid.h"
#include "app/ui/widgets/thumbnail.h"
#include "core/analysis/sample_neighbours.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace lb::ui {

namespace {

constexpr int kNeighbours = 5;

void updateNeighbours(AppState& st) {
    TooltipCache& c = st.tooltip;
    if (c.refRow == st.hoveredRef && c.spacesVersion == st.session.spacesVersion()) return;
    c.refRow = st.hoveredRef;
    c.spacesVersion = st.session.spacesVersion();
    c.neighbours.clear();
    c.overlap.clear();
    c.pending = false;
    if (c.refRow < 0) {
        c.search.invalidate();
        return;
    }
    std::vector<NeighbourSearch> searches(st.session.spaceCount());
    for (size_t i = 0; i < searches.size() && i < st.views.size(); ++i)
        searches[i] = {st.session.entry(i).space, st.views[i].invNorms, st.session.rowInSpace(i, c.refRow)};
    c.pending = true;
    const Index refRow = c.refRow;
    const uint64_t version = c.spacesVersion;
    c.search.submitResult<std::vector<std::vector<Index>>>(
        st.jobs, "hover neighbours",
        [searches = std::move(searches)](JobContext& ctx) -> Result<std::vector<std::vector<Index>>> {
            std::vector<std::vector<Index>> rows = findNeighbourRows(searches, kNeighbours, ctx);
            if (ctx.cancelled()) return Status::cancelled();
            return rows;
        },
        [&st, refRow, version](Result<std::vector<std::vector<Index>>> r) {
            TooltipCache& cache = st.tooltip;
            if (!r || cache.refRow != refRow || cache.spacesVersion != version) return;
            cache.overlap = sharedWithReference(st.session, *r);
            cache.neighbours = std::move(*r);
            cache.pending = false;
        },
        JobPriority::Interactive, JobThreads::One);
}

std::string sampleName(const LatentSpace& s, Index row) {
    if (s.hasKeys()) return s.keys[static_cast<size_t>(row)];
    if (!s.texts.empty()) return s.texts[static_cast<size_t>(row)];
    return "#" + std::to_string(row);
}

std::string labelName(const LatentSpace& s, Index row) {
    const int32_t l = s.labels[static_cast<size_t>(row)];
    return l >= 0 && static_cast<size_t>(l) < s.labelNames.size() ? s.labelNames[static_cast<size_t>(l)]
                                                                  : std::to_string(l);
}

ImVec4 labelColor(const LatentSpace& s, Index row) {
    const Rgba8 c = classColor(static_cast<uint16_t>(std::max(0, s.labels[static_cast<size_t>(row)])));
    return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f);
}

void labelLine(const LatentSpace& s, Index row) {
    if (!s.hasLabels()) return;
    ImGui::TextColored(labelColor(s, row), "label: %s", labelName(s, row).c_str());
}

// One space's neighbours of the hovered sample: thumbnail (when the space has images), name and class in the
// class's colour, "*" on those that are also the reference's neighbours of it.
void neighbourRow(const AppState& st, size_t space, const std::vector<Index>& rows, const std::vector<Index>& refSet,
                  PlotCanvas& canvas) {
    const LatentSpace& s = st.session.space(space);
    ImGui::Text("%s%s:", s.name.c_str(), space == st.session.reference() ? " (R)" : "");
    for (Index r : rows) {
        if (r < 0) continue;
        const Index ref = st.session.refRowOf(space, r);
        const bool shared =
            space != st.session.reference() && ref >= 0 && std::find(refSet.begin(), refSet.end(), ref) != refSet.end();
        ImGui::BeginGroup();
        drawThumbnail(s.images, r, 1.0f, canvas);
        const std::string text = sampleName(s, r) + (shared ? " *" : "");
        if (s.hasLabels())
            ImGui::TextColored(labelColor(s, r), "%s\n%s", text.c_str(), labelName(s, r).c_str());
        else
            ImGui::TextUnformatted(text.c_str());
        ImGui::EndGroup();
        ImGui::SameLine(0, 12);
    }
    ImGui::NewLine();
}

// The hovered sample's agreement with the reference in each representation (when the views are coloured by it), each
// value in its colour-map colour.
void agreementLine(const AppState& st, size_t space, Index row) {
    if (st.colourBy != ColourBy::Agreement || space >= st.agreement.size()) return;
    ImGui::Text("agreement with the reference (kNN Jaccard@%lld):",
                static_cast<long long>(st.session.settings.similarity.kJaccard));
    const char* names[] = {"absolute", "relative", "translated"};
    for (int kind = 0; kind < kViewKinds; ++kind) {
        const SampleAgreement& a = st.agreement[space][static_cast<size_t>(kind)];
        ImGui::SameLine();
        const float v = static_cast<size_t>(row) < a.values.size() ? a.values[static_cast<size_t>(row)] : NAN;
        if (std::isnan(v)) {
            ImGui::TextDisabled("%s -", names[kind]);
        } else {
            const Rgba8 c = sequentialColor(std::max(v, 0.35f));  // the darkest colours are unreadable on the tooltip
            ImGui::TextColored(ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f), "%s %.2f", names[kind],
                               static_cast<double>(v));
        }
    }
}

}  // namespace

void drawSampleTooltip(AppState& st) {
    if (st.hoveredSpace < 0 || static_cast<size_t>(st.hoveredSpace) >= st.session.spaceCount()) return;
    const size_t hs = static_cast<size_t>(st.hoveredSpace);
    const LatentSpace& s = st.session.space(hs);
    const Index row = st.hoveredLocalRow;
    if (row < 0 || row >= s.n()) return;
    updateNeighbours(st);
    ImGui::BeginTooltip();
    ImGui::Text("%s   (row %lld of %s)", sampleName(s, row).c_str(), static_cast<long long>(row), s.name.c_str());
    labelLine(s, row);
    agreementLine(st, hs, row);
    if (!s.texts.empty() && s.hasKeys()) ImGui::TextWrapped("%s", s.texts[static_cast<size_t>(row)].c_str());
    if (st.hoveredRef >= 0 && st.session.isAnchor(st.hoveredRef))
        ImGui::TextColored(ImVec4(1, 0.85f, 0.3f, 1), "anchor (click to remove)");
    else if (st.hoveredRef >= 0)
        ImGui::TextDisabled("click to make it an anchor");
    drawThumbnail(s.images, row, 2.0f, st.canvas);
    if (st.hoveredRef < 0) {
        ImGui::TextDisabled("not in the reference space: no linked neighbours");
        ImGui::EndTooltip();
        return;
    }
    ImGui::Separator();
    ImGui::Text("%d nearest neighbours (cosine) in each space; * = also a neighbour in the reference:", kNeighbours);
    const TooltipCache& c = st.tooltip;
    if (c.pending) ImGui::TextDisabled("finding them...");
    const size_t reference = st.session.reference();
    const std::vector<Index> none;
    const std::vector<Index>& refSet = reference < c.neighbours.size() ? c.neighbours[reference] : none;
    for (size_t i = 0; i < c.neighbours.size(); ++i) {
        if (c.neighbours[i].empty()) continue;
        neighbourRow(st, i, c.neighbours[i], refSet, st.canvas);
        if (i != reference && c.overlap[i] >= 0) ImGui::TextDisabled("[%d/%d shared]", c.overlap[i], kNeighbours);
    }
    ImGui::EndTooltip();
}

}  // namespace lb::ui
