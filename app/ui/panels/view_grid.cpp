#include "app/ui/panels/view_grid.h"

#include "app/raster/class_palette.h"
#include "app/ui/app_state.h"
#include "app/ui/view_colouring.h"
#include "app/ui/widgets/elided_text.h"
#include "app/ui/widgets/hint_line.h"
#include "app/ui/widgets/legend.h"
#include "core/analysis/settings_json.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_set>

namespace lb::ui {

namespace {

// Below this a cell (title, toolbar, plot) gets too small to read, and the grid scrolls instead. 170 px lets the
// demo's 3 rows fit a 1280 x 800 window with the analysis panels open.
constexpr float kMinCellHeight = 170.0f;

std::vector<std::string> classNamesOf(const LatentSpace& s) {
    std::vector<std::string> names = s.labelNames;
    const int c = s.numClasses();
    for (int k = static_cast<int>(names.size()); k < c; ++k) names.push_back("class " + std::to_string(k));
    return names;
}

// What follows the space's name in a cell's title.
std::string cellTitleSuffix(const AppState& st, size_t i, ViewKind kind) {
    if (kind == ViewKind::Translated) {
        if (i == st.session.reference()) return " - reference (PCA)";
        return " - translated";  // into the reference: the title's tooltip says so (cellTooltip)
    }
    return std::string(" - ") + viewKindName(kind);
}

// The view's agreement with the reference, for its title's tooltip (empty when not colouring by it).
std::string agreementLine(const AppState& st, size_t i, ViewKind kind) {
    if (st.colourBy != ColourBy::Agreement || i >= st.agreement.size()) return {};
    const SampleAgreement& a = st.agreement[i][static_cast<size_t>(kind)];
    if (a.evaluated < 1) return a.why.empty() ? std::string() : "agreement: " + a.why;
    char buf[160];
    std::snprintf(buf, sizeof buf, "agreement with the reference (kNN Jaccard@%lld): mean %.3f, min %.3f, max %.3f",
                  static_cast<long long>(a.k), a.mean, static_cast<double>(a.min), static_cast<double>(a.max));
    return buf;
}

// What hovering a cell's title explains (empty: nothing).
std::string cellTooltip(const AppState& st, size_t i, ViewKind kind) {
    const std::string agreement = agreementLine(st, i, kind);
    if (kind != ViewKind::Translated || i == st.session.reference()) return agreement;
    const std::string& ref = st.session.space(st.session.reference()).name;
    return st.session.space(i).name + " translated into " + ref +
           " with the anchors (session translation method),\n"
           "drawn in " +
           ref + "'s PCA basis: a well aligned sample lands on its " + ref + " point." +
           (agreement.empty() ? "" : "\n" + agreement);
}

// What an empty cell says instead of a plot.
std::string emptyText(const AppState& st, size_t i, ViewKind kind) {
    const SessionSpace& e = st.session.entry(i);
    if (kind != ViewKind::Absolute && !e.matchError.empty())
        return "Cannot pair rows with the reference:\n" + e.matchError;
    if (kind == ViewKind::Absolute) return "Computing PCA...";
    if (st.session.anchors().empty())
        return "Pick anchors to see relative and translated views:\nclick points, or use \"Select\" in the Anchors "
               "panel.";
    if (kind == ViewKind::Translated && st.session.commonAnchors().size() < 2)
        return "Translation needs at least 2 anchors shared by all spaces.";
    if (!st.referencePca) return "Waiting for the reference's PCA...";
    return "Updating...";
}

void drawEmptyCell(const std::string& text, ImVec2 size) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(90, 90, 100, 255));
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, size.x - 20);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(p0.x + std::max(10.0f, (size.x - ts.x) * 0.5f), p0.y + (size.y - ts.y) * 0.5f),
                IM_COL32(170, 170, 180, 255), text.c_str(), nullptr, size.x - 20);
}

// Remembers a clickable point of the first absolute view for end-to-end tests (--test-report): a visible
// non-anchor point with no other point near it. Keyed on the session's anchors, not on the view's overlay: the
// overlay follows an anchor click only in the next frame, so a probe searched in the click's own frame would still
// offer the point just made an anchor; and hovering bumps the overlay, which would re-run the search every frame.
void updateProbe(AppState& st, const ViewCell& cell) {
    if (!st.probe.wanted) return;
    const ImVec2 o = cell.scatter.canvasOrigin, sz = cell.scatter.canvasSize;
    const PlotViewport& v = cell.scatter.viewport;
    const Session& s = st.session;
    const uint64_t inputs = fingerprintOf({cell.points.version, s.anchorsVersion(), s.partnersFingerprint(), v.centerX,
                                           v.centerY, v.scale, o.x, o.y, sz.x, sz.y});
    if (inputs == st.probe.inputs) return;
    st.probe = AppState::Probe{};
    st.probe.wanted = true;
    st.probe.inputs = inputs;
    if (sz.x < 40 || sz.y < 40) return;
    std::unordered_set<int64_t> anchors;
    for (Index a : s.anchors())
        if (const Index r = s.anchorRowIn(0, a); r >= 0) anchors.insert(r);
    for (size_t r = 0; r < cell.points.size(); ++r) {
        if (anchors.count(static_cast<int64_t>(r))) continue;
        const ImVec2 p = dataToScreen(v, sz, o, cell.points.xy[2 * r], cell.points.xy[2 * r + 1]);
        if (!(p.x > o.x + 20 && p.x < o.x + sz.x - 20 && p.y > o.y + 20 && p.y < o.y + sz.y - 20)) continue;
        // Alone within 4 px, so a click there (at whole pixels) picks this point and no neighbour.
        const float r4 = 4.0f / v.scale, x = cell.points.xy[2 * r], y = cell.points.xy[2 * r + 1];
        if (cell.scatter.index->countInRect(DataRect{x - r4, y - r4, x + r4, y + r4}, 2) == 1) {
            st.probe.x = p.x;
            st.probe.y = p.y;
            st.probe.refRow = st.session.refRowOf(0, static_cast<Index>(r));
            return;
        }
    }
}

struct GridEvents {
    bool anyHovered = false;
    int hoveredSpace = -1;
    int64_t hoveredRow = -1;
};

void drawCell(AppState& st, size_t i, ViewKind kind, ImVec2 size, GridEvents& ge) {
    ViewCell& cell = st.views[i].cell(kind);
    ImGui::PushID(static_cast<int>(kind));
    // Title and note are shortened to the cell's width: a longer line would widen the column (see elided_text.h).
    const std::string& name = st.session.space(i).name;
    const std::string suffix = cellTitleSuffix(st, i, kind);
    const std::string title = name + suffix;
    const std::string note = cell.note.empty() ? std::string() : "(" + cell.note + ")";
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float noteWidth =
        note.empty() ? 0.0f : std::min(ImGui::CalcTextSize(note.c_str()).x + spacing, size.x * 0.5f);
    const std::string shown = fitNamedTitle(name, suffix, size.x - noteWidth);
    ImGui::TextUnformatted(shown.c_str());
    if (ImGui::IsItemHovered()) {
        std::string tip = cellTooltip(st, i, kind);
        if (shown != title) tip = title + (tip.empty() ? "" : "\n" + tip);
        if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
    }
    if (!note.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", elideToWidth(note, noteWidth - spacing).c_str());
    }
    const ImVec2 plotSize(size.x, size.y - ImGui::GetTextLineHeightWithSpacing());
    if (!cell.ready) {
        drawEmptyCell(emptyText(st, i, kind), plotSize);
        ImGui::PopID();
        return;
    }
    ScatterViewStyle style;
    style.viewId = cell.viewId;
    const ScatterEvents ev =
        drawScatterView("view", cell.scatter, cell.points, cell.overlay, st.canvas, plotSize, style);
    if (ev.animating) requestGlideFrame(st, ev.nextFrameSeconds);
    if (ev.canvasHovered) {
        ge.anyHovered = true;
        if (ev.hovered >= 0) {
            ge.hoveredSpace = static_cast<int>(i);
            ge.hoveredRow = ev.hovered;
        }
    }
    if (ev.clicked >= 0) {
        // A click on an anchor's marker toggles that anchor (a discovered partner stands for its anchor).
        const Index anchor = st.session.anchorAtRow(i, ev.clicked);
        const Index ref = anchor >= 0 ? anchor : st.session.refRowOf(i, ev.clicked);
        if (ref >= 0)
            toggleAnchor(st, ref);
        else
            st.warning("this sample of " + st.session.space(i).name +
                       " is not in the reference space, so it cannot be an anchor");
    }
    if (ev.selectionChanged) {
        std::vector<Index> refs;
        for (int64_t r : ev.selection) {
            const Index ref = st.session.refRowOf(i, r);
            if (ref >= 0) refs.push_back(ref);
        }
        setSelection(st, std::move(refs));
    }
    if (i == 0 && kind == ViewKind::Absolute) updateProbe(st, cell);
    ImGui::PopID();
}

// One line of class swatches (the legend widget stacks vertically, which would eat the grid's height here).
// Click toggles a class in every view; ctrl+click shows only that class.
void drawInlineLegend(AppState& st, const std::vector<std::string>& names) {
    if (st.hiddenClasses.size() < names.size()) st.hiddenClasses.resize(names.size(), false);
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t c = 0; c < names.size(); ++c) {
        const float sw = ImGui::GetTextLineHeight();
        const float w = sw + 4 + ImGui::CalcTextSize(names[c].c_str()).x;
        if (c > 0) {
            ImGui::SameLine();
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
        }
        ImGui::PushID(static_cast<int>(c));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const bool hidden = st.hiddenClasses[c];
        if (ImGui::InvisibleButton("cls", ImVec2(w, sw)))
            toggleLegendClass(st.hiddenClasses, names.size(), c, ImGui::GetIO().KeyCtrl);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Click: show/hide %s in every view. Ctrl+click: only this class.", names[c].c_str());
        const ImU32 col = classColorU32(static_cast<uint16_t>(c));
        if (hidden)
            dl->AddRect(p, ImVec2(p.x + sw, p.y + sw), col);
        else
            dl->AddRectFilled(p, ImVec2(p.x + sw, p.y + sw), col);
        dl->AddText(ImVec2(p.x + sw + 4, p.y), hidden ? IM_COL32(120, 120, 120, 255) : IM_COL32(220, 220, 220, 255),
                    names[c].c_str());
        ImGui::PopID();
    }
}

// "Colour by: class | agreement with reference".
void drawColourByControl(AppState& st) {
    const char* items[] = {"class", "agreement with reference"};
    int current = static_cast<int>(st.colourBy);
    ImGui::TextUnformatted("Colour by:");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(items[1]).x + ImGui::GetFrameHeight() + 12.0f);
    if (ImGui::Combo("##colour_by", &current, items, 2)) st.colourBy = static_cast<ColourBy>(current);
    recordItem(st, "colour_by");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "agreement: each sample's k nearest neighbours in the view's representation against\n"
            "the reference's (kNN Jaccard, k = the similarity settings' Jaccard k): 1 = same "
            "neighbourhood");
}

// The agreement colour map from 0 to 1 with the lowest and highest value over the views marked on it.
void drawAgreementBar(AppState& st) {
    const float w = 160.0f, h = ImGui::GetTextLineHeight();
    float lo = 1.0f, hi = 0.0f;
    for (const SpaceAgreement& space : st.agreement)
        for (const SampleAgreement& a : space)
            if (a.evaluated > 0) {
                lo = std::min(lo, a.min);
                hi = std::max(hi, a.max);
            }
    ImGui::TextUnformatted("0");
    ImGui::SameLine();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    recordItem(st, "agreement_bar");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    constexpr int kSteps = 32;
    for (int k = 0; k < kSteps; ++k) {
        const Rgba8 c = sequentialColor((static_cast<float>(k) + 0.5f) / kSteps);
        dl->AddRectFilled(ImVec2(p.x + w * static_cast<float>(k) / kSteps, p.y),
                          ImVec2(p.x + w * static_cast<float>(k + 1) / kSteps, p.y + h), IM_COL32(c.r, c.g, c.b, 255));
    }
    if (hi >= lo)
        for (float v : {lo, hi})
            dl->AddLine(ImVec2(p.x + w * v, p.y - 2), ImVec2(p.x + w * v, p.y + h + 2), IM_COL32_WHITE, 2.0f);
    ImGui::SameLine();
    ImGui::TextUnformatted("1");
    ImGui::SameLine();
    if (st.agreementJob.running())
        ImGui::TextDisabled("computing...");
    else if (hi >= lo)
        ImGui::TextDisabled("min %.2f, max %.2f: kNN Jaccard@%lld with %s (grey: anchors)", static_cast<double>(lo),
                            static_cast<double>(hi), static_cast<long long>(st.session.settings.similarity.kJaccard),
                            st.session.space(st.session.reference()).name.c_str());
    else
        ImGui::TextDisabled("no agreement yet (pick anchors for the relative and translated views)");
}

void drawLegendBar(AppState& st) {
    const LatentSpace& ref = st.session.space(st.session.reference());
    drawColourByControl(st);
    ImGui::SameLine(0, 24);
    if (st.colourBy == ColourBy::Agreement) {
        drawAgreementBar(st);
    } else if (ref.hasLabels()) {
        ImGui::TextUnformatted("Classes:");
        ImGui::SameLine();
        drawInlineLegend(st, classNamesOf(ref));
    } else {
        ImGui::TextDisabled("(no class labels in %s: points are grey)", ref.name.c_str());
    }
    drawHintLine({"Hover: linked highlight + neighbours", "click: toggle anchor", "shift+drag: box select",
                  "alt+drag: lasso", "wheel: zoom", "right-drag: pan", "double-click: fit"});
}

}  // namespace

void drawViewGrid(AppState& st) {
    if (st.session.empty()) {
        ImGui::Spacing();
        ImGui::TextWrapped(st.loadsInFlight > 0
                               ? "Loading data..."
                               : "Nothing to show yet. Open two or more embeddings of the same samples "
                                 "(File > Open, Ctrl+O, or drop files here) to compare them.");
        return;
    }
    drawLegendBar(st);
    ImGui::BeginChild("grid", ImVec2(0, 0), false);
    const size_t n = std::min(st.views.size(), st.session.spaceCount());
    const ImGuiStyle& style = ImGui::GetStyle();
    const float availW = ImGui::GetContentRegionAvail().x;
    const float availH = ImGui::GetContentRegionAvail().y;
    const float cellW = (availW - 2 * style.ItemSpacing.x) / 3.0f;
    const float cellH =
        std::max(kMinCellHeight, availH / static_cast<float>(std::max<size_t>(n, 1)) - style.ItemSpacing.y);
    GridEvents ge;
    for (size_t i = 0; i < n; ++i) {
        ImGui::PushID(static_cast<int>(i));
        for (int k = 0; k < kViewKinds; ++k) {
            if (k > 0) ImGui::SameLine();
            ImGui::BeginGroup();
            drawCell(st, i, static_cast<ViewKind>(k), ImVec2(cellW, cellH), ge);
            ImGui::EndGroup();
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
    if (ge.hoveredSpace >= 0)
        setHovered(st, ge.hoveredSpace, ge.hoveredRow);
    else if (st.hoveredSpace >= 0)
        setHovered(st, -1, -1);
    if (ge.hoveredSpace >= 0) drawSampleTooltip(st);
}

}  // namespace lb::ui
