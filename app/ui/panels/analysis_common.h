// Shared by the analysis panels (similarity, stitching, curves, export, presentation): the key of the inputs a
// result was computed for, when to wait for the views' jobs, text that needs glyphs beyond ASCII, and the
// accuracy colour ramp. The analyses themselves are core functions (core/analysis/). Main thread only
// (analysisInputsKey reads the Session); the helpers below it are pure.
#pragma once

#include "core/analysis/pair_rows.h"
#include "core/jobs/job_runner.h"
#include "core/session/session.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace lb::ui {

struct AppState;

// What every analysis panel gets besides AppState: fonts loaded at start (may be null in tests).
struct PanelContext {
    ImFont* uiFont = nullptr;            // DejaVu Sans with dashes/arrows/ellipsis; null = ImGui's default (ASCII)
    ImFont* presentationFont = nullptr;  // the same, large (presentation text, scaled to the window); null = default
    ImFont* headlineFont = nullptr;      // the same, larger (the presentation's numbers); null = presentationFont
    bool unicode() const { return uiFont != nullptr; }
    const char* dash() const { return unicode() ? "\xe2\x80\x94" : "-"; }        // "—" for "does not apply"
    const char* ellipsis() const { return unicode() ? "\xe2\x80\xa6" : "..."; }  // "…"
    const char* arrow() const { return unicode() ? " \xe2\x86\x92 " : " -> "; }  // " → "
    const char* plusMinus() const { return unicode() ? "\xc2\xb1" : "+-"; }      // "±"
};

// One way of knowing that an analysis's inputs changed: a fingerprint of the document's spaces, reference and
// anchors (their versions) and of `inputs`, the JSON of everything else the analysis reads (its settings, the
// pair, ...: settings_json.h). Two frames with equal keys need no recomputation.
uint64_t analysisInputsKey(const AppState& st, const nlohmann::json& inputs);

// True while the views' own jobs run and have not yet fitted the current anchors' translations (nor shown the relative
// views: a job without translated views), or the PCA views' job runs: the panel should not submit now. On 2 cores a
// similarity or stitching job started in the same frame as an anchor edit doubled the time until the views showed
// the edit. The views' job fits the translations first (the first ~90 ms of an edit at 100k × 768); the panels then
// start, at a lower priority (gui_main.cpp's JobRunner), beside the pass that draws the views: the similarity
// table's preview finds the fits it shares with the views done, and the panels take what the pass leaves. Waiting
// for the views themselves delayed the first answers by that whole pass (docs/benchmarks.md). A panel job still
// running meanwhile has outdated inputs, so `job` is invalidated to free its core.
bool deferToViews(const AppState& st, LatestJob& job);

// True while a panel's update waits for a views' job that is still young (job_progress.h): the panel shows its
// last result unchanged, as it does while its own job is young, instead of dimming it for ~30 ms.
bool waitingForYoungViews(const AppState& st);

// The time of the edit a panel's current inputs answer, for its "after edit" latencies (the latency a user
// sees, queueing and the frames in between included). An anchor, reference or representation edit requests the
// views, so when the views were requested after the panel last saw new inputs, that request is the edit;
// otherwise the edit was the panel's own (its settings or pair) and happened now.
class EditClock {
   public:
    void inputsChanged(const AppState& st);  // when the panel submits work for new inputs
    double msSinceEdit() const;

   private:
    std::chrono::steady_clock::time_point editAt_{}, seenAt_{};
};

// Colour of a value t in [0, 1] on a perceptually ordered dark-blue -> teal -> yellow ramp (heatmaps and
// their legend), and a readable text colour (black or white) on top of it.
ImU32 rampColor(float t);
ImU32 textColorOn(float t);

// Percentages for talks: "87.3%".
std::string formatPercent(double v);

// A result's warnings under a collapsed "N warnings" node (nothing when there are none); `id` keeps two lists in one
// window apart.
void drawWarningList(const char* id, const std::vector<std::string>& warnings);

}  // namespace lb::ui
