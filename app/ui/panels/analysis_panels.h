// Registers the analysis panels with the app shell (AppState::addPanel + reportHooks): Similarity,
// Stitching, Curves, Stitching gallery, Export, and the presentation-mode controller (headline, morph, full screen).
// Call once after creating AppState; the panels' states live in one object owned by the registered
// closures. Main thread only.
#pragma once

#include "app/ui/panels/presentation_mode.h"

namespace lb::ui {

struct AppState;

// `hooks` lends the platform's full-screen switch, framebuffer PNG reader and font loading (gui_main.cpp);
// headless tests pass {}.
void registerAnalysisPanels(AppState& st, PlatformHooks hooks = {});

}  // namespace lb::ui
