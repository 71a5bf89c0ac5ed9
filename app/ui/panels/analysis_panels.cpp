#include "app/ui/panels/analysis_panels.h"

#include "app/ui/app_state.h"
#include "app/ui/panels/curves_panel.h"
#include "app/ui/panels/export_panel.h"
#include "app/ui/panels/retrieval_panel.h"
#include "app/ui/panels/similarity_panel.h"
#include "app/ui/panels/stitching_gallery_panel.h"
#include "app/ui/panels/stitching_panel.h"
#include "core/analysis/pair_rows.h"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>

namespace lb::ui {

namespace {

struct WindowInfo {
    bool open = false, collapsed = false;
    ImVec2 pos, size;
};

struct AnalysisPanels {
    PlatformHooks hooks;
    PanelContext ctx;
    SimilarityPanelState similarity;
    StitchingPanelState stitching;
    CurvesPanelState curves;
    StitchingGalleryPanelState gallery;
    RetrievalPanelState retrieval;
    ExportPanelState exporter;
    PresentationState presentation;
    WindowInfo windows[6];  // indexed by Slot (for the test report and the right dock)

    ~AnalysisPanels() {
        // Leave full screen when the app closes in presentation mode (the window is still alive here).
        if (presentation.applied && hooks.setFullscreen) hooks.setFullscreen(false);
    }
};

// The analysis windows, in the order of AnalysisPanels::windows and of their first-use placement.
enum Slot { kSlotSimilarity = 0, kSlotStitching, kSlotCurves, kSlotExport, kSlotGallery, kSlotRetrieval };

// Glyphs beyond ASCII used by the panels: dashes, ellipsis, arrows, the gallery's check and cross marks. Static
// storage: the atlas keeps the pointer.
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x2193, 0x2713, 0x2717, 0};

void loadFonts(PanelContext& ctx) {
    const char* path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return;  // ASCII fallbacks ("-", "...", "->")
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) atlas->AddFontDefault();  // keep ImGui's default as the app's main font
    ctx.uiFont = atlas->AddFontFromFileTTF(path, 15.0f, nullptr, kGlyphRanges);
    // Rasterized near the sizes presentation mode draws at 1080 p (presentationFontSizes), so text is scaled
    // little on a projector.
    ctx.presentationFont = atlas->AddFontFromFileTTF(path, 32.0f, nullptr, kGlyphRanges);
    ctx.headlineFont = atlas->AddFontFromFileTTF(path, 64.0f, nullptr, kGlyphRanges);
}

// Width of the right-hand column that holds the similarity and stitching panels: wide enough for a 3 × 3
// stitching matrix with numbers, narrow enough to leave the view grid most of the window.
float dockWidth(const ImGuiViewport* vp) {
    return std::clamp(vp->WorkSize.x * 0.34f, 400.0f, 640.0f);
}

// First-use placement. Similarity and stitching are stacked in the right-hand dock column (the view grid
// shrinks to leave it free); curves and export float over the grid's middle when the user opens them.
struct Placement {
    ImVec2 pos, size;
};
Placement firstPlacement(int slot, ImVec2 floatingSize) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float top = vp->WorkPos.y + 22, bottom = vp->WorkPos.y + vp->WorkSize.y - 30;  // menu bar, status bar
    const float w = dockWidth(vp), x = vp->WorkPos.x + vp->WorkSize.x - w;
    const float split = top + std::min(400.0f, (bottom - top) * 0.45f);
    switch (slot) {
        case 0: return {ImVec2(x, top), ImVec2(w, split - top)};
        case 1: return {ImVec2(x, split), ImVec2(w, bottom - split)};
        case 2: return {ImVec2(vp->WorkPos.x + 360, top + 330), floatingSize};
        case 4: return {ImVec2(vp->WorkPos.x + 300, top + 40), floatingSize};
        default: return {ImVec2(vp->WorkPos.x + 360, top + 60), floatingSize};
    }
}

// Draws one analysis window: placed on first use (see firstPlacement), hidden in presentation mode.
template <class Body>
void panelWindow(AppState& st, AnalysisPanels& a, Slot slot, const char* title, bool& open, ImVec2 size, Body body) {
    WindowInfo& info = a.windows[slot];
    info.open = open;
    if (st.presentation || !open) return;
    if (a.ctx.uiFont) ImGui::PushFont(a.ctx.uiFont);
    const Placement place = firstPlacement(slot, size);
    ImGui::SetNextWindowPos(place.pos, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(place.size, ImGuiCond_FirstUseEver);
    const bool visible = ImGui::Begin(title, &open);
    info.collapsed = ImGui::IsWindowCollapsed();
    info.pos = ImGui::GetWindowPos();
    info.size = ImGui::GetWindowSize();
    if (visible) body();
    ImGui::End();
    if (a.ctx.uiFont) ImGui::PopFont();
}

// The grid reserves the dock column while an open similarity or stitching window sits in it; dragging both
// elsewhere (or closing them) gives the grid the full width back on the next frame.
void updateRightDock(AppState& st, const AnalysisPanels& a) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = dockWidth(vp), dockLeft = vp->WorkPos.x + vp->WorkSize.x - w;
    bool docked = false;
    for (const auto& [id, slot] :
         {std::make_pair("similarity", kSlotSimilarity), std::make_pair("stitching", kSlotStitching)}) {
        const ExtraPanel* p = st.panel(id);
        if (!p || !p->open) continue;  // a closed panel's WindowInfo is stale
        const WindowInfo& info = a.windows[slot];
        docked = docked || (info.pos.x >= dockLeft - 40.0f && info.size.x > 0);
    }
    st.rightDockWidth = docked ? w : 0.0f;
}

nlohmann::json windowReport(const WindowInfo& w) {
    return {{"open", w.open}, {"collapsed", w.collapsed}, {"x", w.pos.x}, {"y", w.pos.y}, {"w", w.size.x},
            {"h", w.size.y}};
}

// LB_OPEN_PANELS="curves,export" opens those windows at start (talk setups, scripted screenshots, tests);
// "-similarity" closes one that is open by default. Names are panel ids.
void openPanelsFromEnvironment(AppState& st) {
    const char* env = std::getenv("LB_OPEN_PANELS");
    if (!env) return;
    std::stringstream ss(env);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const bool close = !item.empty() && item[0] == '-';
        if (close) item.erase(0, 1);
        if (ExtraPanel* p = st.panel(item); p && p->saved) p->open = !close;
    }
}

}  // namespace

void registerAnalysisPanels(AppState& st, PlatformHooks hooks) {
    auto a = std::make_shared<AnalysisPanels>();
    a->hooks = std::move(hooks);
    a->exporter.hooks = &a->hooks;
    // The matrix's other methods wait for the table's first answer (its preview), not for its exact pass.
    // A raw pointer: the function lives inside *a (a shared_ptr captured here would be a cycle, never freed).
    a->stitching.yieldWhile = [raw = a.get()] {
        return raw->similarity.job.running() && raw->similarity.submittedPreview;
    };
    if (a->hooks.loadFonts) loadFonts(a->ctx);

    // Updated before the frame is drawn, and again while drawing for edits made in this frame (a no-op when
    // nothing changed). Runs while open, even collapsed.
    st.addPanel(
        "similarity", "Similarity",
        [a](AppState& s, bool& open) {
            updateSimilarityPanel(s, a->similarity);
            panelWindow(s, *a, kSlotSimilarity, "Similarity", open, ImVec2(600, 300),
                        [&] { drawSimilarityPanel(s, a->similarity, a->ctx); });
        },
        true, [a](AppState& s) { updateSimilarityPanel(s, a->similarity); });
    st.addPanel(
        "stitching", "Stitching",
        [a](AppState& s, bool& open) {
            updateStitchingPanel(s, a->stitching);
            panelWindow(s, *a, kSlotStitching, "Stitching", open, ImVec2(600, 560),
                        [&] { drawStitchingPanel(s, a->stitching, a->ctx); });
        },
        true, [a](AppState& s) { updateStitchingPanel(s, a->stitching); });
    st.addPanel("curves", "Stitching curves", [a](AppState& s, bool& open) {
        updateCurvesPanel(s, a->curves);
        panelWindow(s, *a, kSlotCurves, "Stitching curves", open, ImVec2(620, 440),
                    [&] { drawCurvesPanel(s, a->curves, a->ctx); });
    });
    st.addPanel("gallery", "Stitching gallery", [a](AppState& s, bool& open) {
        updateStitchingGalleryPanel(s, a->gallery);
        panelWindow(s, *a, kSlotGallery, "Stitching gallery", open, ImVec2(900, 720),
                    [&] { drawStitchingGalleryPanel(s, a->gallery, a->ctx); });
    });
    st.addPanel("retrieval", "Retrieval", [a](AppState& s, bool& open) {
        panelWindow(s, *a, kSlotRetrieval, "Retrieval", open, ImVec2(900, 560),
                    [&] { drawRetrievalPanel(s, a->retrieval, a->ctx); });
    });
    st.addPanel("export", "Export", [a](AppState& s, bool& open) {
        const bool capturing = updateExport(s, a->exporter);
        if (capturing) return;  // not in its own picture
        panelWindow(s, *a, kSlotExport, "Export", open, ImVec2(520, 230),
                    [&] { drawExportPanel(s, a->exporter, a->similarity, a->stitching, a->curves); });
    });
    // The presentation controller runs every frame: it owns full screen, the story's keys, the animations and,
    // in presentation mode, the whole screen (the other windows hide themselves).
    st.addPanel(
        "presentation", "Presentation (F11)",
        [a](AppState& s, bool& open) {
            open = true;
            updateRightDock(s, *a);  // drawn after the similarity and stitching windows
            updatePresentation(s, a->presentation, a->hooks);
            if (!s.presentation) return;
            updateStitchingPanel(s, a->stitching);  // the headline needs the matrix even with its window closed
            drawPresentationScreen(s, a->presentation, a->stitching, a->ctx);
        },
        true, [a](AppState& s) { handlePresentationKeys(s, a->presentation); });
    // G in presentation mode shows the stitching gallery in the translated view's place. A raw pointer: the
    // function lives inside *a (a shared_ptr captured here would be a cycle, never freed).
    a->presentation.gallery = [raw = a.get()](AppState& s, ImVec2 size) {
        updateStitchingGalleryPanel(s, raw->gallery);
        ImGui::BeginChild("presentation gallery", size, true);
        drawStitchingGalleryPanel(s, raw->gallery, raw->ctx);
        ImGui::EndChild();
    };
    st.panel("presentation")->saved = false;  // always on: not part of a session's layout

    openPanelsFromEnvironment(st);

    st.reportHooks.push_back([a, &st](nlohmann::json& j) {
        j["similarity"] = similarityReport(a->similarity);
        int simA = st.session.layout.similarityA, simB = st.session.layout.similarityB;
        j["similarity_measures"] = resolvePair(st.session, simA, simB)
                                       ? similarityMeasuresReport(st, a->similarity.measures, simA, simB)
                                       : nlohmann::json();
        j["stitching"] = stitchingReport(a->stitching, st.session.layout.stitchShown);
        j["curves"] = curvesReport(a->curves);
        j["gallery"] = stitchingGalleryReport(st, a->gallery);
        j["retrieval"] = retrievalReport(st, a->retrieval);
        j["presentation"] = presentationReport(st, a->presentation);
        j["panels"] = {{"similarity", windowReport(a->windows[kSlotSimilarity])},
                       {"stitching", windowReport(a->windows[kSlotStitching])},
                       {"curves", windowReport(a->windows[kSlotCurves])},
                       {"export", windowReport(a->windows[kSlotExport])},
                       {"gallery", windowReport(a->windows[kSlotGallery])},
                       {"retrieval", windowReport(a->windows[kSlotRetrieval])}};
        j["export_last"] = a->exporter.lastWritten;
    });
}

}  // namespace lb::ui
