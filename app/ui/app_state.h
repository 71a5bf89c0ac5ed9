// Everything the desktop app knows between two frames: the Session (the document), the background job
// runner, the derived views (PCA coordinates, relative and translated views), linked hover/selection,
// messages shown to the user, and the per-panel states.
//
// [SECTION] messages   [SECTION] views   [SECTION] panel states   [SECTION] AppState   [SECTION] actions
//
// Threading: main thread only. Workers never see AppState; they get copies (shared_ptr<const LatentSpace>,
// row vectors) and post results through the MainThreadQueue (drained by App::frame()).
//
// Extending: a feature panel is one file app/ui/panels/<feature>_panel.{h,cpp} with its own state struct;
// register it with AppState::addPanel() (it then appears in the "Panels" menu and draws every frame as its
// own window), contribute to the --test-report JSON with reportHooks, and read/modify the document through
// `session` (its setters bump versions the views watch).
#pragma once

#include "app/ui/document_guard.h"
#include "app/ui/panels/anchors_panel.h"
#include "app/ui/panels/file_browser.h"
#include "app/ui/plot_canvas.h"
#include "app/ui/widgets/scatter_view.h"
#include "core/analysis/sample_agreement.h"
#include "core/analysis/view_layouts.h"
#include "core/jobs/job_runner.h"
#include "core/linalg/pca.h"
#include "core/session/session.h"

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

// ------------------------------------------------------------------------------------------- messages
struct Message {
    enum class Level { Info, Warning, Error };
    Level level = Level::Info;
    std::string text;  // one line naming the file and the problem
    int count = 1;     // identical messages are coalesced
    uint64_t id = 0;
};

// ------------------------------------------------------------------------------------------- views
enum class ViewKind { Absolute = 0, Relative = 1, Translated = 2 };
constexpr int kViewKinds = 3;
const char* viewKindName(ViewKind k);  // "absolute (PCA)", "relative (PCA)", "translated → <ref>"

// One cell of the grid: CPU-side points for the renderer plus the widget state.
struct ViewCell {
    PlotPoints points;  // N rows of this space (xy empty until computed)
    PlotOverlay overlay;
    ScatterViewState scatter;
    std::string note;    // shown under the title ("own basis: width differs", an error, ...)
    bool ready = false;  // points computed for the current inputs
    int viewId = 0;      // PlotCanvas cache key
    // What points.colorIndex shows (view_colouring.h): the colouring key and the points.version it was set for.
    uint64_t colourKey = 0;
    uint64_t colouredVersion = UINT64_MAX;
};

// What the views' points are coloured by (the legend bar's "Colour by"): their class, or each sample's
// neighbourhood agreement with the reference in the representation the view shows (core/analysis/sample_agreement.h).
enum class ColourBy { Class = 0, Agreement };

// Derived data of one space (one grid row).
struct SpaceViews {
    ViewCell cells[kViewKinds];  // indexed by ViewKind (cell())
    ViewCell& cell(ViewKind k) { return cells[static_cast<int>(k)]; }
    const ViewCell& cell(ViewKind k) const { return cells[static_cast<int>(k)]; }
    // N, 1/‖x‖ for the tooltip's cosine neighbours (filled by the absolute job; shared with the tooltip's job)
    std::shared_ptr<const Eigen::VectorXf> invNorms;
};

// ------------------------------------------------------------------------------------------- panel states
struct ExtraPanel {
    std::string id;    // stable name: session layouts, LB_OPEN_PANELS, tests ("similarity")
    std::string name;  // shown in the Panels menu and as window title
    bool open = false;
    std::function<void(struct AppState&, bool& open)> draw;  // called each frame while open
    // Called at the start of each frame while open, before anything is drawn: where a panel submits its jobs,
    // so a job the views' result unblocked starts before that frame's view redraws, not after.
    std::function<void(struct AppState&)> update;
    bool saved = true;  // whether a session records if it is open
};

// The hover tooltip's neighbours. Found on a worker (an O(N·D) pass per space would stall frames on large
// spaces); the tooltip says "finding..." until they arrive, and a new hovered sample supersedes the search.
struct TooltipCache {
    Index refRow = -1;  // sample the neighbours were (or are being) computed for
    uint64_t spacesVersion = UINT64_MAX;
    LatestJob search;
    bool pending = false;                        // `search` runs for refRow; neighbours/overlap are still empty
    std::vector<std::vector<Index>> neighbours;  // per space: k nearest rows (self excluded), -1 = unmatched
    std::vector<int> overlap;                    // per space: neighbours shared with the reference's, as ref rows
};

// From an edit to its result applied (queueing included) and to the frame showing it presented (test report,
// status bar).
struct ScreenLatency {
    double appliedMs = -1;
    double screenMs = -1;
    bool unshown = false;  // applied, not yet presented
    void resultApplied(double msSinceEdit) {
        appliedMs = msSinceEdit;
        unshown = true;
    }
    void framePresented(double msSinceEdit) {
        if (unshown) screenMs = msSinceEdit;
        unshown = false;
    }
    // On screen once presented; until then, when it was applied.
    double shownMs() const { return unshown || screenMs < 0 ? appliedMs : screenMs; }
};

// ------------------------------------------------------------------------------------------- AppState
struct AppState {
    AppState(JobRunner& jobs, PlotCanvas& canvas) : jobs(jobs), canvas(canvas) {}
    AppState(const AppState&) = delete;
    AppState& operator=(const AppState&) = delete;

    Session session;
    std::string sessionPath;  // where Ctrl+S saves ("" = ask)
    DocumentGuard guard;      // unsaved changes, recovery file, quit (document_guard.h)
    JobRunner& jobs;
    PlotCanvas& canvas;

    // messages (errors/warnings/info), newest last
    std::vector<Message> messages;
    uint64_t nextMessageId = 1;
    void addMessage(Message::Level level, std::string text);
    void error(std::string text) { addMessage(Message::Level::Error, std::move(text)); }
    void warning(std::string text) { addMessage(Message::Level::Warning, std::move(text)); }
    void info(std::string text) { addMessage(Message::Level::Info, std::move(text)); }
    size_t errorCount() const;

    // derived views, one per session space (same order)
    std::vector<SpaceViews> views;
    int nextViewId = 1;
    std::shared_ptr<const PcaModel> referencePca;  // 2-D PCA of the reference (absolute), basis of translated views
    std::vector<bool> hiddenClasses;               // legend toggles, shared by all views
    LatestJob absoluteJob;                         // PCA of every space
    LatestJob relativeJob;                         // relative + translated views for the current anchors
    uint64_t absoluteInputs = UINT64_MAX;          // spacesVersion (+ shared basis) the absolute views are for
    uint64_t relativeInputs = UINT64_MAX;          // anchorsVersion (+ settings hash) the relative views are for
    std::shared_ptr<AnchoredLayoutCache> anchoredLayoutCache;  // worker-side state of the relative views' updates
    double lastRelativeJobMs = -1;                             // worker time of the last anchor update
    ScreenLatency viewsScreen;            // the edit to every anchored view updated: applied, on screen
    ScreenLatency relativeViewsScreen;    // the edit to the relative views updated (with the translated, or before)
    bool relativeViewsCurrent = false;    // the relative views show the current anchors (the job may still run)
    bool translatedViewsCurrent = false;  // likewise the translated views
    bool viewFitsCurrent = false;         // the views' job has fitted the current anchors' translations
    double lastRelativeStageMs[3] = {-1, -1, -1};  // of which: relative columns, 2-D PCA, translation
    std::chrono::steady_clock::time_point relativeRequestedAt{};

    // colouring (view_colouring.h)
    ColourBy colourBy = ColourBy::Class;
    std::vector<SpaceAgreement> agreement;  // per space (session order), per view kind; empty until computed
    uint64_t agreementGeneration = 0;       // bumps with each result applied
    uint64_t agreementInputs = UINT64_MAX;  // the session state the last agreement job was submitted for
    LatestJob agreementJob;
    double lastAgreementMs = -1;  // worker time of the last agreement job
    LatestJob atlasJob;           // "Add atlas" (atlas_action.h)

    // The anchors the last anchor edit added (reference rows), marked in every view until they fade (~2 s).
    std::vector<Index> newAnchorsRef;
    std::chrono::steady_clock::time_point newAnchorsAt{};
    uint64_t newAnchorsSeenVersion = UINT64_MAX;  // anchorsVersion when the marks were last decided
    size_t newAnchorsSeenRedo = 0;                // redo depth then (an undo grows it)

    // linked brushing, in reference rows (sample ids)
    Index hoveredRef = -1;
    int hoveredSpace = -1;            // space whose view the mouse is over (-1 none)
    Index hoveredLocalRow = -1;       // row in that space (for spaces unmatched to the reference)
    std::vector<Index> selectionRef;  // ascending
    uint64_t linkVersion = 0;         // bumps when hover or selection change
    TooltipCache tooltip;

    // panels
    AnchorsPanelState anchorsPanel;
    FileBrowserState fileBrowser;
    std::vector<ExtraPanel> extraPanels;
    void addPanel(std::string id, std::string name, std::function<void(AppState&, bool&)> draw, bool open = false,
                  std::function<void(AppState&)> update = {});
    ExtraPanel* panel(const std::string& id);  // null when no panel has that id
    bool showSavePopup = false;
    char savePathBuf[1024] = {};
    bool presentation = false;  // presentation mode (F11); drawn by the presentation feature
    int startStoryStep = 0;     // --story-step: story step (1-based) to show once spaces are loaded (0 = none)
    // Width the analysis panels occupy at the window's right edge (0 when none is docked there); the view
    // grid leaves it free so docked panels never cover a view. Set by the panels, read by the next frame.
    float rightDockWidth = 0.0f;

    // Key presses since the last frame, queued by the platform layer (GLFW key callback) or by tests.
    // Shortcuts read this queue rather than io.KeysDown: with the legacy key API a press and release that
    // arrive within one frame (xdotool, fast typing) would otherwise never be seen as "pressed".
    struct KeyPress {
        int key = 0;  // GLFW key code (letters = ASCII upper case, F11 = 300)
        bool ctrl = false;
        bool shift = false;
    };
    std::vector<KeyPress> pendingKeys;

    // frame bookkeeping and the --test-report hook
    uint64_t frame = 0;
    double animationWaitSeconds = INFINITY;  // requestFrameWithin's shortest this frame (reset as a frame begins)
    bool viewsGliding = false;               // a view's re-fit glide moves on (reset as a frame begins)
    int loadsInFlight = 0;
    // watchFilesOnDisk's bookkeeping: when it last looked, what it has said, the truncations it has reported.
    std::chrono::steady_clock::time_point filesCheckedAt{};
    std::map<std::string, FileIdentity> changeReported;
    size_t truncationsReported = 0;
    std::vector<std::function<void(nlohmann::json&)>> reportHooks;  // add fields to the test report
    // Screen rectangles (x, y, w, h) of named widgets in the last frame (recordItem): end-to-end tests click them.
    std::map<std::string, std::array<float, 4>> itemRects;
    // Screen position of a visible non-anchor point of the first absolute view, for end-to-end tests: found only
    // when `wanted` (the app writes a test report), and again only when what it depends on changed (`inputs`), as
    // the search visits every point of a dense view.
    struct Probe {
        float x = -1, y = -1;
        Index refRow = -1;
        bool wanted = false;
        uint64_t inputs = 0;  // fingerprint of the view's points, the session's anchors, viewport and canvas
    } probe;
};

// ------------------------------------------------------------------------------------------- actions
// All main thread. Loading runs on the JobRunner; results and errors arrive through the queue.

// Opens embeddings files (each becomes a space) or, for a single .json, a session (replacing the current one).
void openPaths(AppState& st, const std::vector<std::string>& paths);
void openSpaceFile(AppState& st, const std::string& path);
// `recoveredFor`: the file is a recovery file (document_guard.h) of that session ("" = one never saved): Ctrl+S then
// saves there, and the document counts as unsaved.
void openSessionFile(AppState& st, const std::string& path, bool isDemo = false,
                     std::optional<std::string> recoveredFor = std::nullopt);
// Saves the session atomically; reports success or the error in the messages area.
bool saveSession(AppState& st, const std::string& path);
// Finds the bundled demo (assets/demo/demo.json next to or above the executable, then LB_SOURCE_DIR) and
// opens it, or shows "demo data not found at ..." inline.
void openDemo(AppState& st, const std::string& exePath);
std::string findDemoSession(const std::string& exePath, std::vector<std::string>* tried = nullptr);

// Files changed on disk while open (a training script re-saving its embeddings): watchFilesOnDisk, called every
// frame, looks about once a second and says so once per change (and with an error when a mapped file was cut
// short while in use: its rows past the new end read as zeros). changedSpaces lists the spaces whose file
// differs from what was loaded; reloadChangedFiles (File menu, Ctrl+R) loads them again in place.
void watchFilesOnDisk(AppState& st);
std::vector<size_t> changedSpaces(const AppState& st);
void reloadChangedFiles(AppState& st);

// Anchor edits go through these so every change is undoable and views update.
void toggleAnchor(AppState& st, Index refRow);
void undoAnchors(AppState& st);
void redoAnchors(AppState& st);
void removeSpace(AppState& st, size_t i);
void setReference(AppState& st, size_t i);

// Replaces the session (after opening one): resets views and linked state.
void replaceSession(AppState& st, Session session, std::string path);
// The app's side of the document (SessionLayout): which analysis windows are open and the hidden classes, copied
// into the session before it is saved (captureLayout) and applied when one is opened (applyLayout; the pairs,
// shown method and settings are read from the session by the panels themselves).
void captureLayout(AppState& st);
void applyLayout(AppState& st);
// Keeps st.views sized like the session (one SpaceViews per space).
void syncViewsWithSession(AppState& st);
// Remembers the last ImGui item's screen rectangle as itemRects[id] (main thread, inside a frame).
void recordItem(AppState& st, const char* id);
// Asks for a frame within `seconds` (0: right away): the frame loop sleeps until input or a job wakes it, so
// anything that animates calls this on each frame it moves, saying when it next changes (a view's re-fit glide
// at once, the new anchors' glow at its next step). The loop's wait is the shortest asked for this frame.
void requestFrameWithin(AppState& st, double seconds);
// requestFrameWithin for a view's re-fit glide, which also keeps the app busy (appIsBusy) until it ends.
void requestGlideFrame(AppState& st, double seconds);
// Linked brushing: sets the hovered sample / selection (reference rows).
void setHovered(AppState& st, int space, Index localRow);
void setSelection(AppState& st, std::vector<Index> refRows);

}  // namespace lb::ui
