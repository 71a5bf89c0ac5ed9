#include "app/ui/app.h"

#include "app/ui/app_state.h"
#include "app/ui/panels/messages_panel.h"
#include "app/ui/panels/spaces_panel.h"
#include "app/ui/panels/status_bar.h"
#include "app/ui/panels/view_grid.h"
#include "app/ui/redraw_rules.h"
#include "app/ui/view_colouring.h"
#include "app/ui/view_compute.h"
#include "core/io/atomic_file.h"
#include "core/session/session_file.h"

#include <imgui.h>

namespace lb::ui {

namespace {

// GLFW key codes (the legacy io.KeysDown index the GLFW backend fills): letters are their ASCII codes.
constexpr int kKeyF = 'F', kKeyO = 'O', kKeyQ = 'Q', kKeyR = 'R', kKeyS = 'S', kKeyZ = 'Z', kKeyY = 'Y', kKeyF11 = 300;

constexpr float kSidePanelWidth = 340.0f;
constexpr float kStatusBarHeight = 30.0f;

// F: every view fits its points again, the user's zoom and pan forgotten.
void fitAllViews(AppState& st) {
    for (SpaceViews& v : st.views)
        for (ViewCell& c : v.cells) c.scatter.fitPending = true;
}

void handleShortcuts(AppState& st) {
    std::vector<AppState::KeyPress> keys;
    keys.swap(st.pendingKeys);
    if (ImGui::GetIO().WantTextInput) return;  // typing a path must not trigger Ctrl+Z on the anchors
    for (const AppState::KeyPress& k : keys) {
        if (k.key == kKeyF11) st.presentation = !st.presentation;
        if (k.key == kKeyF && !k.ctrl) fitAllViews(st);
        if (!k.ctrl) continue;
        if (k.key == kKeyO) st.fileBrowser.open = true;
        if (k.key == kKeyR) reloadChangedFiles(st);
        if (k.key == kKeyQ) requestQuit(st);
        if (k.key == kKeyS) {
            if (!st.sessionPath.empty() && !k.shift)
                saveSession(st, st.sessionPath);
            else
                st.showSavePopup = true;
        }
        if (k.key == kKeyZ) {
            if (k.shift)
                redoAnchors(st);
            else
                undoAnchors(st);
        }
        if (k.key == kKeyY) redoAnchors(st);
    }
}

void drawMenuBar(AppState& st) {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open files...", "Ctrl+O")) st.fileBrowser.open = true;
        if (ImGui::MenuItem("Reload changed files", "Ctrl+R", false, !changedSpaces(st).empty()))
            reloadChangedFiles(st);
        if (ImGui::MenuItem("Save session", "Ctrl+S", false, !st.session.empty())) {
            if (st.sessionPath.empty())
                st.showSavePopup = true;
            else
                saveSession(st, st.sessionPath);
        }
        if (ImGui::MenuItem("Save session as...", "Ctrl+Shift+S", false, !st.session.empty())) st.showSavePopup = true;
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) requestQuit(st);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        const AnchorHistory& h = st.session.history();
        if (ImGui::MenuItem(h.canUndo() ? ("Undo " + h.undoLabel()).c_str() : "Undo", "Ctrl+Z", false, h.canUndo()))
            undoAnchors(st);
        if (ImGui::MenuItem(h.canRedo() ? ("Redo " + h.redoLabel()).c_str() : "Redo", "Ctrl+Shift+Z", false,
                            h.canRedo()))
            redoAnchors(st);
        if (ImGui::MenuItem("Clear selection", nullptr, false, !st.selectionRef.empty())) setSelection(st, {});
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Shared PCA basis", nullptr, &st.session.settings.view.sharedBasis);
        ImGui::MenuItem("Presentation mode", "F11", &st.presentation);
        ImGui::EndMenu();
    }
    if (!st.extraPanels.empty()) {
        // Recorded while closed: once open, the last item is the menu's popup window (end-to-end tests click both).
        const bool panelsOpen = ImGui::BeginMenu("Panels");
        if (!panelsOpen) recordItem(st, "menu.panels");
        for (size_t i = 0; panelsOpen && i < st.extraPanels.size(); ++i) {
            ExtraPanel& p = st.extraPanels[i];
            ImGui::MenuItem(p.name.c_str(), nullptr, &p.open);
            recordItem(st, ("menu.panels." + p.id).c_str());
        }
        if (panelsOpen) ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

void drawSavePopup(AppState& st) {
    if (st.showSavePopup) {
        if (st.savePathBuf[0] == '\0') {
            const std::string def = st.sessionPath.empty() ? "latentbridge_session.json" : st.sessionPath;
            def.copy(st.savePathBuf, sizeof(st.savePathBuf) - 1);
        }
        ImGui::OpenPopup("Save session");
        st.showSavePopup = false;
    }
    if (!ImGui::BeginPopupModal("Save session", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("Session file (JSON: spaces, reference, anchors, settings):");
    ImGui::SetNextItemWidth(460);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter =
        ImGui::InputText("##path", st.savePathBuf, sizeof(st.savePathBuf), ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button("Save") || enter) {
        saveSession(st, st.savePathBuf);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

// The normal layout inside the host window: menu bar, side panels, messages and view grid, status bar.
void drawAppBody(AppState& st) {
    drawMenuBar(st);

    const float bodyHeight = ImGui::GetContentRegionAvail().y - kStatusBarHeight - ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("side", ImVec2(kSidePanelWidth, bodyHeight), true);
    drawSpacesPanel(st);
    ImGui::Separator();
    drawAnchorsPanel(st, st.anchorsPanel);
    ImGui::EndChild();
    ImGui::SameLine();
    // Negative width: the remaining width minus the docked analysis panels' column.
    const float dock = st.rightDockWidth;
    ImGui::BeginChild("main", ImVec2(dock > 0 ? -dock : 0.0f, bodyHeight), false);
    drawMessages(st.messages);
    drawViewGrid(st);
    ImGui::EndChild();
    drawStatusBar(st, kStatusBarHeight);
}

}  // namespace

void beginAppFrame(AppState& st) {
    st.animationWaitSeconds = INFINITY;
    st.viewsGliding = false;
    st.jobs.queue().drain();
    watchFilesOnDisk(st);
    updateDocumentGuard(st);
    updateViews(st);
    refreshOverlays(st);
    for (ExtraPanel& p : st.extraPanels)
        if (p.open && p.update) p.update(st);
}

bool appIsBusy(const AppState& st) {
    return !st.jobs.activeJobs().empty() || st.jobs.queue().pending() > 0 || st.loadsInFlight > 0 || st.viewsGliding ||
           st.animationWaitSeconds <= 0.0;  // something moved this frame and moves on
}

void drawApp(AppState& st) {
    ++st.frame;
    handleShortcuts(st);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    // Presentation mode draws the whole screen itself (presentation_mode.h): the host keeps only its popups
    // (save, quit prompts), without menu bar, side panels, messages, grid or status bar.
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
        (st.presentation ? 0 : ImGuiWindowFlags_MenuBar) | ImGuiWindowFlags_NoSavedSettings | kHostWindowNoBackground;
    ImGui::Begin("latentbridge", nullptr, flags);
    ImGui::PopStyleVar();
    if (!st.presentation) drawAppBody(st);
    drawSavePopup(st);
    drawDocumentPrompts(st);
    ImGui::End();

    // Edits made during this frame (a click, Ctrl+Z) start their jobs now, not after the idle wait, and before
    // the analysis panels look: they wait for the views' fits (deferToViews) instead of taking both workers
    // ahead of them, which slowed an anchor click's views and panels alike.
    updateViews(st);
    if (st.fileBrowser.open) drawFileBrowser(st, st.fileBrowser);
    for (ExtraPanel& p : st.extraPanels)
        if (p.open && p.draw) p.draw(st, p.open);
    updateViews(st);  // and edits made in the panels
}

// How much of a view its points cover: the larger of (data extent / visible extent) over the two axes, so
// 1 means the points span the view edge to edge, more than 1 that some are outside it, 0.02 that they form a
// dot in its middle. 0 when the view has no points or has not been drawn.
static double viewFill(const ViewCell& cell) {
    const DataRect& b = cell.scatter.index->bounds();
    const float scale = cell.scatter.viewport.scale;
    const ImVec2 size = cell.scatter.canvasSize;
    if (!cell.ready || !b.valid() || !(scale > 0) || size.x < 1 || size.y < 1) return 0;
    return std::max((b.maxX - b.minX) * scale / size.x, (b.maxY - b.minY) * scale / size.y);
}

bool writeTestReport(const AppState& st, const std::string& path) {
    nlohmann::json j;
    j["frame"] = st.frame;
    j["spaces"] = st.session.spaceCount();
    j["reference"] = st.session.reference();
    j["anchors"] = st.session.anchors().size();
    j["can_undo"] = st.session.history().canUndo();
    j["selection"] = st.selectionRef.size();
    j["hovered"] = st.hoveredRef;
    j["session_path"] = st.sessionPath;
    const std::vector<JobHandle> active = st.jobs.activeJobs();
    j["jobs_running"] = active.size();
    nlohmann::json jobs = nlohmann::json::array();  // what each running job is doing (slow loads, benchmarks)
    for (const JobHandle& h : active)
        jobs.push_back({{"name", h.name()}, {"stage", h.stage()}, {"fraction", h.fraction()}, {"ms", h.elapsedMs()}});
    j["jobs"] = jobs;
    j["loads_in_flight"] = st.loadsInFlight;
    j["last_update_ms"] = st.lastRelativeJobMs;
    j["last_latency_ms"] = st.viewsScreen.appliedMs;
    j["last_screen_ms"] = st.viewsScreen.screenMs;
    j["last_relative_screen_ms"] = st.relativeViewsScreen.screenMs;
    j["last_stage_ms"] = {st.lastRelativeStageMs[0], st.lastRelativeStageMs[1], st.lastRelativeStageMs[2]};
    nlohmann::json errors = nlohmann::json::array(), messages = nlohmann::json::array();
    for (const Message& m : st.messages) {
        if (m.level == Message::Level::Error) errors.push_back(m.text);
        messages.push_back(m.text);
    }
    j["errors"] = errors;
    j["messages"] = messages;
    nlohmann::json views = nlohmann::json::array();
    for (size_t i = 0; i < st.views.size() && i < st.session.spaceCount(); ++i)
        views.push_back(
            {{"name", st.session.space(i).name},
             {"absolute_rect",
              {st.views[i].cell(ViewKind::Absolute).scatter.canvasOrigin.x,
               st.views[i].cell(ViewKind::Absolute).scatter.canvasOrigin.y,
               st.views[i].cell(ViewKind::Absolute).scatter.canvasSize.x,
               st.views[i].cell(ViewKind::Absolute).scatter.canvasSize.y}},
             {"fill",
              {viewFill(st.views[i].cell(ViewKind::Absolute)), viewFill(st.views[i].cell(ViewKind::Relative)),
               viewFill(st.views[i].cell(ViewKind::Translated))}},
             {"absolute", st.views[i].cell(ViewKind::Absolute).ready},
             {"relative", st.views[i].cell(ViewKind::Relative).ready},
             {"translated", st.views[i].cell(ViewKind::Translated).ready}});
    j["views"] = views;
    j["agreement"] = agreementReport(st);
    j["probe"] = {{"x", st.probe.x}, {"y", st.probe.y}, {"ref_row", st.probe.refRow}};
    j["items"] = st.itemRects;
    j["unsaved"] = hasUnsavedChanges(st);
    j["recovery_offered"] = !st.guard.offeredFile.empty();
    j["settings"] = settingsToJson(st.session.settings);
    j["layout"] = {{"similarity", {st.session.layout.similarityA, st.session.layout.similarityB}},
                   {"curves", {st.session.layout.curveSource, st.session.layout.curveTarget}},
                   {"stitch_shown", stitchMethodName(st.session.layout.stitchShown)},
                   {"stitch_live", st.session.layout.stitchLive}};
    const PlotCanvas::ImageTextureStats images = st.canvas.imageTextureStats();
    j["image_textures"] = {{"held", images.textures}, {"uploads", images.uploads}};
    nlohmann::json& extra = j["extra"];
    extra = nlohmann::json::object();
    for (const auto& hook : st.reportHooks) hook(extra);
    // Atomic so a polling script never reads half a report.
    // Rewritten every 100 ms while tests and benchmarks poll it: whole for its reader, without fsyncs that would
    // stall the frames being measured.
    return io::writeFileAtomic(path, j.dump() + "\n", io::Durability::ProcessCrash).isOk();
}

}  // namespace lb::ui
