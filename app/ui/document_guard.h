// The document's safety net: knowing whether it has unsaved changes, autosaving them to a recovery file (so a
// crash or a kill loses at most the last few seconds of edits), offering that file back at the next start, and
// asking before quitting with unsaved changes (File > Quit, Ctrl+Q, or the window's close button).
//
// Recovery files live in $LB_RECOVERY_DIR, else $XDG_STATE_HOME/latentbridge, else ~/.local/state/latentbridge:
// recovery-<pid>.json (a session file, data paths absolute) and recovery-<pid>.meta (the session it recovers).
// A clean quit, a save, or going back to the saved state removes this process's pair; a pair whose process is gone
// is offered at the next start. Main thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace lb::ui {

struct AppState;

struct DocumentGuard {
    uint64_t savedKey = 0;  // the document as last saved or opened (documentKey)
    uint64_t seenKey = 0;   // as last looked at, and when it last changed
    std::chrono::steady_clock::time_point changedAt{};
    uint64_t autosavedKey = 0;  // what the recovery file holds (0: no file)
    std::chrono::steady_clock::time_point checkedAt{};
    bool enabled = false;  // the desktop app turns it on (not for --screenshot runs, nor for headless tests)
    // A recovery file from an earlier run, offered at start (empty: none), and the session it belongs to.
    std::string offeredFile, offeredSession, offeredTime;
    bool quitRequested = false;  // asked to quit; the prompt is showing if the document is dirty
    bool quitNow = false;        // the frame loop ends
};

// Fingerprint of what a save would write that the user edits: spaces, reference, anchors, settings, the pairs and
// the stitching method shown. Not the open windows or the zoom.
uint64_t documentKey(const AppState& st);
bool hasUnsavedChanges(const AppState& st);
// The document as it is now is what is on disk (after a save or an open).
void markDocumentSaved(AppState& st);
// Once per frame: autosaves (1.5 s after the last change, at most once a second) and removes the recovery file
// when there is nothing unsaved.
void updateDocumentGuard(AppState& st);
// At start: finds a recovery file of an earlier run that did not quit cleanly, to offer it.
void findRecoveryFile(AppState& st);
// The recovery offer and the quit prompt (modal popups), drawn each frame.
void drawDocumentPrompts(AppState& st);
// File > Quit, Ctrl+Q, the close button: quits at once when nothing is unsaved, else asks.
void requestQuit(AppState& st);
// A clean exit: removes this process's recovery file.
void finishDocumentGuard(AppState& st);
// Where recovery files are kept (created on demand).
std::string recoveryDirectory();

}  // namespace lb::ui
