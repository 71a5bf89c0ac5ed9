#include "app/ui/app_state.h"

#include "core/io/load_space.h"
#include "core/session/session_file.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace lb::ui {

namespace fs = std::filesystem;

const char* viewKindName(ViewKind k) {
    switch (k) {
        case ViewKind::Absolute: return "absolute (PCA)";
        case ViewKind::Relative: return "relative (PCA)";
        case ViewKind::Translated: return "translated";
    }
    return "";
}

// ------------------------------------------------------------------------------------------- messages
void AppState::addMessage(Message::Level level, std::string text) {
    // Coalesce repeats (a file dropped twice, a failing job retried) into one line with a count.
    for (Message& m : messages)
        if (m.level == level && m.text == text) {
            ++m.count;
            return;
        }
    messages.push_back(Message{level, std::move(text), 1, nextMessageId++});
    if (messages.size() > 50) messages.erase(messages.begin());
}

size_t AppState::errorCount() const {
    return static_cast<size_t>(std::count_if(messages.begin(), messages.end(),
                                             [](const Message& m) { return m.level == Message::Level::Error; }));
}

void AppState::addPanel(std::string id, std::string name, std::function<void(AppState&, bool&)> draw, bool open,
                        std::function<void(AppState&)> update) {
    extraPanels.push_back(ExtraPanel{std::move(id), std::move(name), open, std::move(draw), std::move(update)});
}

ExtraPanel* AppState::panel(const std::string& id) {
    for (ExtraPanel& p : extraPanels)
        if (p.id == id) return &p;
    return nullptr;
}

// ------------------------------------------------------------------------------------------- views
void syncViewsWithSession(AppState& st) {
    const size_t n = st.session.spaceCount();
    while (st.views.size() > n) {
        for (ViewCell& c : st.views.back().cells) st.canvas.release(c.viewId);
        st.views.pop_back();
    }
    while (st.views.size() < n) {
        st.views.emplace_back();
        for (ViewCell& c : st.views.back().cells) c.viewId = st.nextViewId++;
    }
}

void replaceSession(AppState& st, Session session, std::string path) {
    st.absoluteJob.invalidate();
    st.relativeJob.invalidate();
    for (SpaceViews& v : st.views)
        for (ViewCell& c : v.cells) st.canvas.release(c.viewId);
    st.views.clear();
    st.session = std::move(session);
    st.sessionPath = std::move(path);
    st.referencePca.reset();
    st.anchoredLayoutCache.reset();
    st.absoluteInputs = st.relativeInputs = UINT64_MAX;
    st.hoveredRef = -1;
    st.hoveredSpace = -1;
    st.selectionRef.clear();
    st.tooltip = TooltipCache{};
    applyLayout(st);
    ++st.linkVersion;
    syncViewsWithSession(st);
}

void captureLayout(AppState& st) {
    SessionLayout& l = st.session.layout;
    l.panelsRecorded = true;
    l.openPanels.clear();
    for (const ExtraPanel& p : st.extraPanels)
        if (p.open && p.saved) l.openPanels.push_back(p.id);
    l.hiddenClasses.clear();
    for (size_t c = 0; c < st.hiddenClasses.size(); ++c)
        if (st.hiddenClasses[c]) l.hiddenClasses.push_back(static_cast<int>(c));
}

void applyLayout(AppState& st) {
    const SessionLayout& l = st.session.layout;
    if (l.panelsRecorded)
        for (ExtraPanel& p : st.extraPanels)
            if (p.saved) p.open = std::find(l.openPanels.begin(), l.openPanels.end(), p.id) != l.openPanels.end();
    st.hiddenClasses.clear();
    for (int c : l.hiddenClasses) {
        if (static_cast<size_t>(c) >= st.hiddenClasses.size())
            st.hiddenClasses.resize(static_cast<size_t>(c) + 1, false);
        st.hiddenClasses[static_cast<size_t>(c)] = true;
    }
}

// ------------------------------------------------------------------------------------------- opening
static bool hasExtension(const std::string& path, const char* ext) {
    std::string e = fs::path(path).extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e == ext;
}

void openPaths(AppState& st, const std::vector<std::string>& paths) {
    for (const std::string& p : paths) {
        if (hasExtension(p, ".json"))
            openSessionFile(st, p);
        else
            openSpaceFile(st, p);
    }
}

static void warnAboutSpace(AppState& st, size_t i) {
    const SessionSpace& e = st.session.entry(i);
    // Informational notes (float16 widened to float32) are left to `latentbridge-cli info`: shown here for
    // every file they would push the real messages out of sight.
    for (const Warning& w : e.space->warnings)
        if (!w.informational) st.warning(w.describe());
    if (!e.matchError.empty()) {
        st.warning(e.space->name + ": " + e.matchError +
                   "; its relative and translated views stay empty (rows cannot be paired without shared keys)");
    } else if (i != st.session.reference() && !e.matchedByKey &&
               e.space->n() != st.session.space(st.session.reference()).n()) {
        st.warning(e.space->name + ": no keys, rows paired by index with the reference (" +
                   std::to_string(e.matchedRows) +
                   " shared rows); check that both files list samples in the same order");
    }
}

void openSpaceFile(AppState& st, const std::string& path) {
    ++st.loadsInFlight;
    const std::string name = fs::path(path).filename().string();
    st.jobs.submitResult<LatentSpace>(
        "load " + name,
        [path](JobContext& ctx) -> Result<LatentSpace> {
            ctx.setStage("reading " + fs::path(path).filename().string(), 0);
            Result<LatentSpace> space = loadSpace(path, interactiveLoadOptions());
            // Cancel (the status bar's button) cannot stop a read under way, but its result is dropped.
            if (ctx.cancelled()) return Status::cancelled();
            return space;
        },
        [&st, path](Result<LatentSpace> r) {
            --st.loadsInFlight;
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) st.error("cannot open " + r.error().describe());
                return;
            }
            st.session.alignLabelNames(*r);
            st.session.makeNameUnique(*r);
            const size_t i = st.session.addSpace(path, std::make_shared<const LatentSpace>(std::move(r).value()));
            syncViewsWithSession(st);
            warnAboutSpace(st, i);
        });
}

namespace {
// A session opened on a worker, with what its file warned about (unknown fields, a newer version).
struct OpenedSession {
    Session session;
    std::vector<std::string> warnings;
};
}  // namespace

void openSessionFile(AppState& st, const std::string& path, bool isDemo, std::optional<std::string> recoveredFor) {
    ++st.loadsInFlight;
    st.jobs.submitResult<OpenedSession>(
        isDemo ? "open demo" : "open session " + fs::path(path).filename().string(),
        [path](JobContext& ctx) -> Result<OpenedSession> {
            Result<SessionFile> f = readSessionFile(path);
            if (!f) return f.error();
            Result<Session> s = openSession(*f, ctx);
            if (!s) return s.error();
            return OpenedSession{std::move(s).value(), f->warnings};
        },
        [&st, path, isDemo, recoveredFor](Result<OpenedSession> r) {
            --st.loadsInFlight;
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled)
                    st.error(std::string(isDemo ? "cannot open the demo: " : "cannot open session: ") +
                             r.error().describe());
                return;
            }
            // The demo is never overwritten by Ctrl+S: saving asks for a path. A recovered session saves where its
            // original was.
            replaceSession(st, std::move(r->session), isDemo ? std::string() : recoveredFor ? *recoveredFor : path);
            markDocumentSaved(st);
            if (recoveredFor) {
                st.guard.savedKey = 0;  // restored edits are unsaved until the user saves them
                std::error_code ec;
                fs::remove(path, ec);  // this process autosaves its own recovery file from now on
                fs::remove(fs::path(path).replace_extension(".meta"), ec);
            }
            for (const std::string& w : r->warnings) st.warning(w);
            for (size_t i = 0; i < st.session.spaceCount(); ++i) warnAboutSpace(st, i);
            // The demo's path says nothing to the user (it is wherever the app is installed); a session's does.
            st.info(std::string(isDemo         ? "Opened the demo"
                                : recoveredFor ? "Restored unsaved work"
                                               : "Opened session " + path) +
                    " (" + std::to_string(st.session.spaceCount()) + " spaces, " +
                    std::to_string(st.session.anchors().size()) + " anchors)");
        });
}

bool saveSession(AppState& st, const std::string& path) {
    captureLayout(st);
    const Status s = writeSessionFile(path, st.session);
    if (!s) {
        st.error("cannot save session: " + s.error().describe());
        return false;
    }
    markDocumentSaved(st);
    st.sessionPath = path;
    st.info("Saved session to " + path);
    return true;
}

std::string findDemoSession(const std::string& exePath, std::vector<std::string>* tried) {
    std::vector<fs::path> candidates;
    std::error_code ec;
    fs::path dir = exePath.empty() ? fs::path() : fs::absolute(exePath, ec).parent_path();
    // Next to the executable, then up to three levels above it (build/, build/bin/, install prefix).
    for (int up = 0; up < 4 && !dir.empty(); ++up) {
        candidates.push_back(dir / "assets" / "demo" / "demo.json");
        candidates.push_back(dir / "share" / "latentbridge" / "demo" / "demo.json");
        if (dir == dir.parent_path()) break;
        dir = dir.parent_path();
    }
    candidates.push_back(fs::path(LB_SOURCE_DIR) / "assets" / "demo" / "demo.json");
    for (const fs::path& c : candidates) {
        if (tried) tried->push_back(c.lexically_normal().string());
        if (fs::is_regular_file(c, ec)) return c.lexically_normal().string();
    }
    return {};
}

void openDemo(AppState& st, const std::string& exePath) {
    std::vector<std::string> tried;
    const std::string demo = findDemoSession(exePath, &tried);
    if (demo.empty()) {
        st.info("demo data not found at " + (fs::path(LB_SOURCE_DIR) / "assets" / "demo").string() +
                " (nor next to the executable). Open your own embeddings with Ctrl+O or drop files on the window.");
        return;
    }
    openSessionFile(st, demo, true);
}

// ------------------------------------------------------------------------------------------- edits
void toggleAnchor(AppState& st, Index refRow) {
    st.session.toggleAnchor(refRow);
}
void undoAnchors(AppState& st) {
    st.session.undo();
}
void redoAnchors(AppState& st) {
    st.session.redo();
}

void removeSpace(AppState& st, size_t i) {
    if (i >= st.views.size()) return;
    for (ViewCell& c : st.views[i].cells) st.canvas.release(c.viewId);
    st.views.erase(st.views.begin() + static_cast<std::ptrdiff_t>(i));
    st.session.removeSpace(i);
    st.anchoredLayoutCache.reset();
    st.hoveredRef = -1;
    st.hoveredSpace = -1;
    ++st.linkVersion;
    syncViewsWithSession(st);
}

void setReference(AppState& st, size_t i) {
    const size_t dropped = st.session.setReference(i);
    if (dropped > 0)
        st.warning(std::to_string(dropped) + " anchors are not in the new reference " + st.session.space(i).name +
                   " and were dropped");
    st.anchoredLayoutCache.reset();
    st.selectionRef.clear();
    st.hoveredRef = -1;
    ++st.linkVersion;
}

// ------------------------------------------------------------------------------------------- files on disk
std::vector<size_t> changedSpaces(const AppState& st) {
    std::vector<size_t> out;
    const std::vector<std::string> truncated = truncatedMappedFiles();
    for (size_t i = 0; i < st.session.spaceCount(); ++i) {
        const SessionSpace& e = st.session.entry(i);
        const bool cut = std::find(truncated.begin(), truncated.end(), e.space->path) != truncated.end();
        if (cut || fileIdentity(e.path) != e.loadedFrom) out.push_back(i);
    }
    return out;
}

void watchFilesOnDisk(AppState& st) {
    const auto now = std::chrono::steady_clock::now();
    if (now - st.filesCheckedAt < std::chrono::seconds(1)) return;
    st.filesCheckedAt = now;
    const std::vector<std::string> truncated = truncatedMappedFiles();
    for (size_t i = st.truncationsReported; i < truncated.size(); ++i)
        st.error(truncated[i] +
                 ": cut short on disk while in use; its rows past the new end read as zeros. "
                 "File > Reload changed files (Ctrl+R) loads it again.");
    st.truncationsReported = truncated.size();
    for (size_t i = 0; i < st.session.spaceCount(); ++i) {
        const SessionSpace& e = st.session.entry(i);
        const FileIdentity id = fileIdentity(e.path);
        if (id == e.loadedFrom) continue;
        const auto it = st.changeReported.find(e.path);
        if (it != st.changeReported.end() && it->second == id) continue;  // said once per change
        st.changeReported[e.path] = id;
        st.warning(e.path + (id == FileIdentity{} ? " was removed from disk" : " changed on disk") +
                   " since it was opened: the views and numbers show the version loaded. File > Reload changed "
                   "files (Ctrl+R) loads it again.");
    }
}

void reloadChangedFiles(AppState& st) {
    for (size_t i : changedSpaces(st)) {
        const std::string path = st.session.entry(i).path;
        const std::shared_ptr<const LatentSpace> old = st.session.entry(i).space;
        ++st.loadsInFlight;
        st.jobs.submitResult<LatentSpace>(
            "reload " + fs::path(path).filename().string(),
            [path](JobContext& ctx) -> Result<LatentSpace> {
                Result<LatentSpace> space = loadSpace(path, interactiveLoadOptions());
                if (ctx.cancelled()) return Status::cancelled();
                return space;
            },
            [&st, path, old](Result<LatentSpace> r) {
                --st.loadsInFlight;
                if (!r) {
                    if (r.error().code != ErrorCode::Cancelled) st.error("cannot reload " + r.error().describe());
                    return;
                }
                // The space may have moved or closed meanwhile: reload the one still holding the old version.
                for (size_t i = 0; i < st.session.spaceCount(); ++i) {
                    if (st.session.entry(i).space != old) continue;
                    st.session.alignLabelNames(*r);
                    const size_t dropped =
                        st.session.replaceSpace(i, std::make_shared<const LatentSpace>(std::move(r).value()));
                    st.anchoredLayoutCache.reset();
                    st.tooltip = TooltipCache{};
                    st.info("Reloaded " + path);
                    if (dropped > 0)
                        st.warning(std::to_string(dropped) + " anchors are not in the reloaded " + path +
                                   " and were dropped");
                    warnAboutSpace(st, i);
                    return;
                }
            });
    }
}

void recordItem(AppState& st, const char* id) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    st.itemRects[id] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void requestFrameWithin(AppState& st, double seconds) {
    st.animationWaitSeconds = std::min(st.animationWaitSeconds, std::max(0.0, seconds));
}

void requestGlideFrame(AppState& st, double seconds) {
    st.viewsGliding = true;
    requestFrameWithin(st, seconds);
}

void setHovered(AppState& st, int space, Index localRow) {
    Index ref = -1;
    if (space >= 0 && localRow >= 0 && static_cast<size_t>(space) < st.session.spaceCount())
        ref = st.session.refRowOf(static_cast<size_t>(space), localRow);
    if (ref == st.hoveredRef && space == st.hoveredSpace && localRow == st.hoveredLocalRow) return;
    st.hoveredRef = ref;
    st.hoveredSpace = space;
    st.hoveredLocalRow = localRow;
    ++st.linkVersion;
}

void setSelection(AppState& st, std::vector<Index> refRows) {
    std::sort(refRows.begin(), refRows.end());
    refRows.erase(std::unique(refRows.begin(), refRows.end()), refRows.end());
    if (refRows == st.selectionRef) return;
    st.selectionRef = std::move(refRows);
    ++st.linkVersion;
}

}  // namespace lb::ui
