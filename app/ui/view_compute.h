// Keeps the grid's views in step with the session: submits background jobs when their inputs change and
// applies the results on the main thread.
//
// The coordinates come from core/analysis/view_layouts.h (absolute views: computeAbsoluteLayouts; relative and
// translated views: computeAnchoredLayouts with a cache kept across anchor edits). Latest wins: an anchor edit
// cancels the running update and drops its result.
// Main thread only (the functions); the jobs run on AppState::jobs.
#pragma once

#include <cstdint>
#include <vector>

namespace lb {
class Session;
struct LatentSpace;
}  // namespace lb

namespace lb::ui {

struct AppState;

// Call once per frame after draining the queue: compares inputs with what the views show and submits jobs.
void updateViews(AppState& st);

// Applies anchors / hover / selection / hidden classes to every view's overlay (bumping versions only
// on change). Cheap; call once per frame before drawing.
void refreshOverlays(AppState& st);

// Palette indices of a space's rows by class (kUnlabeled without labels): the views' default colours.
std::vector<uint16_t> classColourIndices(const LatentSpace& s);

// Fingerprint of the settings the relative + translated views depend on (relative, translation, view).
uint64_t viewSettingsKey(const Session& session);

}  // namespace lb::ui
