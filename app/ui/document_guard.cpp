#include "app/ui/document_guard.h"

#include "app/ui/app_state.h"
#include "core/analysis/settings_json.h"
#include "core/io/atomic_file.h"
#include "core/session/session_file.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace lb::ui {

namespace fs = std::filesystem;

namespace {

constexpr auto kQuietBeforeAutosave = std::chrono::milliseconds(1500);

std::string recoveryFile(const char* ext) {
    return (fs::path(recoveryDirectory()) / ("recovery-" + std::to_string(::getpid()) + ext)).string();
}

void removeRecovery(DocumentGuard& g) {
    std::error_code ec;
    fs::remove(recoveryFile(".json"), ec);
    fs::remove(recoveryFile(".meta"), ec);
    g.autosavedKey = 0;
}

void autosave(AppState& st) {
    std::error_code ec;
    fs::create_directories(recoveryDirectory(), ec);
    captureLayout(st);
    // The session first, then the note saying which session it recovers: a pair is offered only when both exist.
    if (Status s = writeSessionFile(recoveryFile(".json"), st.session); !s) {
        st.warning("cannot autosave for recovery: " + s.error().describe());
        st.guard.enabled = false;  // said once; saving by hand still works
        return;
    }
    const nlohmann::json meta = {{"session_path", st.sessionPath}, {"pid", ::getpid()}, {"time", std::time(nullptr)}};
    if (Status s = io::writeFileAtomic(recoveryFile(".meta"), meta.dump() + "\n"); !s) {
        st.warning("cannot autosave for recovery: " + s.error().describe());
        st.guard.enabled = false;
        return;
    }
    st.guard.autosavedKey = documentKey(st);
}

bool processAlive(long pid) {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

}  // namespace

std::string recoveryDirectory() {
    if (const char* dir = std::getenv("LB_RECOVERY_DIR"); dir && *dir) return dir;
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state)
        return (fs::path(state) / "latentbridge").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : "/tmp") / ".local" / "state" / "latentbridge").string();
}

uint64_t documentKey(const AppState& st) {
    const Session& s = st.session;
    nlohmann::json paths = nlohmann::json::array();
    for (size_t i = 0; i < s.spaceCount(); ++i) paths.push_back(s.entry(i).path);
    const SessionLayout& l = s.layout;
    return fingerprintOf({{"spaces", paths},
                          {"reference", s.reference()},
                          {"anchors", s.anchors()},
                          {"partners", s.partnersFingerprint()},
                          {"settings", settingsToJson(s.settings)},
                          {"pairs", {l.similarityA, l.similarityB, l.curveSource, l.curveTarget}},
                          {"shown", stitchMethodName(l.stitchShown)},
                          {"live", l.stitchLive}});
}

bool hasUnsavedChanges(const AppState& st) {
    return !st.session.empty() && documentKey(st) != st.guard.savedKey;
}

void markDocumentSaved(AppState& st) {
    st.guard.savedKey = st.guard.seenKey = documentKey(st);
    if (st.guard.enabled) removeRecovery(st.guard);
}

void updateDocumentGuard(AppState& st) {
    DocumentGuard& g = st.guard;
    if (!g.enabled) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - g.checkedAt < std::chrono::milliseconds(250)) return;
    g.checkedAt = now;
    const uint64_t key = documentKey(st);
    if (key != g.seenKey) {
        g.seenKey = key;
        g.changedAt = now;
        return;
    }
    if (key == g.savedKey || st.session.empty()) {
        if (g.autosavedKey != 0) removeRecovery(g);  // back to what is on disk: nothing to recover
        return;
    }
    if (key != g.autosavedKey && now - g.changedAt >= kQuietBeforeAutosave) autosave(st);
}

void findRecoveryFile(AppState& st) {
    DocumentGuard& g = st.guard;
    if (!g.enabled) return;
    std::error_code ec;
    fs::file_time_type newest{};
    for (const fs::directory_entry& e : fs::directory_iterator(recoveryDirectory(), ec)) {
        const fs::path p = e.path();
        if (p.extension() != ".meta" || p.filename().string().rfind("recovery-", 0) != 0) continue;
        const fs::path session = fs::path(p).replace_extension(".json");
        if (!fs::is_regular_file(session, ec)) continue;
        const nlohmann::json meta = nlohmann::json::parse(std::ifstream(p), nullptr, false);
        if (!meta.is_object() || processAlive(meta.value("pid", 0L))) continue;  // another app's live work
        const fs::file_time_type t = fs::last_write_time(session, ec);
        if (!g.offeredFile.empty() && t <= newest) continue;
        newest = t;
        g.offeredFile = session.string();
        g.offeredSession = meta.value("session_path", std::string());
        char when[32] = "";
        const std::time_t saved = static_cast<std::time_t>(meta.value("time", 0L));
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", std::localtime(&saved));
        g.offeredTime = when;
    }
}

void requestQuit(AppState& st) {
    st.guard.quitRequested = true;
    if (!hasUnsavedChanges(st)) st.guard.quitNow = true;
}

void finishDocumentGuard(AppState& st) {
    if (st.guard.enabled) removeRecovery(st.guard);
}

void drawDocumentPrompts(AppState& st) {
    DocumentGuard& g = st.guard;
    // Opened once the app's other windows exist: Dear ImGui 1.86 asserts when a window first appears while a modal
    // it has not drawn yet is open.
    if (!g.offeredFile.empty() && st.frame > 3 && !ImGui::IsPopupOpen("Restore unsaved work?"))
        ImGui::OpenPopup("Restore unsaved work?");
    if (ImGui::BeginPopupModal("Restore unsaved work?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("latentbridge did not quit cleanly. Unsaved work from %s was kept%s%s.", g.offeredTime.c_str(),
                    g.offeredSession.empty() ? "" : " for ", g.offeredSession.c_str());
        // Files still opening would replace the restored session when they arrive: restore after them.
        ImGui::BeginDisabled(st.loadsInFlight > 0);
        const bool restore = ImGui::Button("Restore");
        ImGui::EndDisabled();
        recordItem(st, "recovery.restore");
        ImGui::SameLine();
        const bool discard = ImGui::Button("Discard");
        recordItem(st, "recovery.discard");
        if (restore || discard) {
            const std::string file = g.offeredFile;
            if (restore)
                openSessionFile(st, file, false, g.offeredSession);
            else {
                std::error_code ec;
                fs::remove(file, ec);
                fs::remove(fs::path(file).replace_extension(".meta"), ec);
            }
            g.offeredFile.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (g.quitRequested && !g.quitNow && !ImGui::IsPopupOpen("Quit")) ImGui::OpenPopup("Quit");
    if (ImGui::BeginPopupModal("Quit", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("Save the changes to %s before quitting?",
                    st.sessionPath.empty() ? "this session" : st.sessionPath.c_str());
        if (ImGui::Button(st.sessionPath.empty() ? "Save as..." : "Save")) {
            if (st.sessionPath.empty())
                st.showSavePopup = true, g.quitRequested = false;
            else if (saveSession(st, st.sessionPath))
                g.quitNow = true;
            ImGui::CloseCurrentPopup();
        }
        recordItem(st, "quit.save");
        ImGui::SameLine();
        if (ImGui::Button("Quit without saving")) {
            g.quitNow = true;
            ImGui::CloseCurrentPopup();
        }
        recordItem(st, "quit.discard");
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) {
            g.quitRequested = false;
            ImGui::CloseCurrentPopup();
        }
        recordItem(st, "quit.cancel");
        ImGui::EndPopup();
    }
}

}  // namespace lb::ui
