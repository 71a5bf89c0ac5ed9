// The app's frame: drain finished jobs, bring views up to date, draw the whole window, handle shortcuts.
// Shared by the real executable (gui_main.cpp, GL canvas) and the headless UI tests (NullPlotCanvas).
//
// Layout (Dear ImGui 1.86 has no docking: one full-window window split with child regions):
//   menu bar | left side panel (spaces, reference, anchors) | main area (messages, legend, view grid)
//   status bar at the bottom (jobs with progress + cancel, last anchor-update time)
// Main thread only.
#pragma once

#include <string>

namespace lb::ui {

struct AppState;

// Runs queued job completions and submits jobs whose inputs changed. Call before ImGui::NewFrame's UI code.
void beginAppFrame(AppState& st);
// Draws the whole UI for one frame (call between ImGui::NewFrame and ImGui::Render).
void drawApp(AppState& st);
// True while something may change without input (jobs running, results waiting): keep redrawing.
bool appIsBusy(const AppState& st);
// Writes the small JSON state report used by end-to-end tests (see docs/app.md). Returns false on failure.
bool writeTestReport(const AppState& st, const std::string& path);

}  // namespace lb::ui
