// Shared by the analysis panels (similarity, stitching, curves, export, presentation): what they read from
// the session (matched rows of two spaces, where the anchors are among them), the key of the inputs a
// result was computed for, text that needs glyphs beyond ASCII, and the accuracy colour ramp.
// Main thread only (pairRows and documentKey read the Session); the helpers below them are pure.
#pragma once

#include "core/jobs/job_runner.h"
#include "core/session/session.h"

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lb::ui {

struct AppState;

// What every analysis panel gets besides AppState: fonts loaded at start (may be null in tests).
struct PanelContext {
    ImFont* uiFont = nullptr;      // DejaVu Sans with dashes/arrows/ellipsis; null = ImGui's default (ASCII)
    ImFont* largeFont = nullptr;   // the same at presentation size; null = FontGlobalScale only
    bool unicode() const { return uiFont != nullptr; }
    const char* dash() const { return unicode() ? "\xe2\x80\x94" : "-"; }        // "—" for "does not apply"
    const char* ellipsis() const { return unicode() ? "\xe2\x80\xa6" : "..."; }  // "…"
    const char* arrow() const { return unicode() ? " \xe2\x86\x92 " : " -> "; }  // " → "
    const char* plusMinus() const { return unicode() ? "\xc2\xb1" : "+-"; }        // "±"
};

// Samples shared by spaces a and b (through the reference's rows): M row pairs, in reference order, and the
// positions in [0, M) of the session's anchors present in both (anchor order). O(N_ref + K).
struct PairRows {
    std::vector<Index> rowsA, rowsB;  // M
    std::vector<Index> anchors;       // positions into rowsA/rowsB
};
PairRows pairRows(const Session& s, size_t a, size_t b);

// Default pair when the user has not chosen one (or the choice is out of range after a space was removed):
// A = the first space that is not the reference, B = the reference. Returns false when fewer than 2 spaces.
bool resolvePair(const Session& s, int& a, int& b);

// FNV-style mixing for input keys.
uint64_t mixKey(uint64_t h, uint64_t v);
uint64_t mixKey(uint64_t h, double v);
// Key of what every analysis result depends on in the document: spaces, reference, anchors, and the
// relative + translation settings.
uint64_t documentKey(const AppState& st);

// True while the views' own jobs (PCA, relative + translated views) run: the panel should not submit now.
// The analysis panels wait for them: on 2 cores a similarity or stitching job started in the same frame as an
// anchor edit doubled the time until the views showed the edit; the panels take a second anyway, the views
// ~0.1 s. A panel job still running meanwhile has outdated inputs, so `job` is invalidated to free its core.
bool deferToViews(const AppState& st, LatestJob& job);

// True while a panel's update waits for a views' job that is still young (job_progress.h): the panel shows its
// last result unchanged, as it does while its own job is young, instead of dimming it for ~30 ms.
bool waitingForYoungViews(const AppState& st);

// Milliseconds since the views' job was last requested: after an anchor edit, how long its effects took to
// reach a panel (the latency a user sees, queueing and the frames in between included).
double msSinceViewsRequest(const AppState& st);

// Colour of a value t in [0, 1] on a perceptually ordered dark-blue -> teal -> yellow ramp (heatmaps and
// their legend), and a readable text colour (black or white) on top of it.
ImU32 rampColor(float t);
ImU32 textColorOn(float t);

// "0.873" or the dash; percentages for talks: "87.3%".
std::string formatValue(double v, int decimals = 3);
std::string formatPercent(double v);

}  // namespace lb::ui
