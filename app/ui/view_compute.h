// Keeps the grid's views in step with the session: submits background jobs when their inputs change and
// applies the results on the main thread.
//
//  - absolute views: 2-D PCA of each space (shared basis: the reference's PCA applied where widths match).
//    Input = spaces + reference + shared-basis flag. Cost O(N·D²) per space.
//  - relative + translated views: the N x K relative representation of each space on the current anchors,
//    updated INCREMENTALLY (one anchor = one column, O(N·D)) in a worker-side cache, then 2-D PCA; each
//    space translated into the reference with the anchors and drawn in the reference's PCA basis.
//    Latest wins: an anchor edit cancels the running update and drops its result.
// Main thread only (the functions); the jobs run on AppState::jobs.
#pragma once

#include <cstdint>

namespace lb::ui {

struct AppState;

// Call once per frame after draining the queue: compares inputs with what the views show and submits jobs.
void updateViews(AppState& st);

// Applies anchors / hover / selection / hidden classes to every view's overlay (bumping versions only
// on change). Cheap; call once per frame before drawing.
void refreshOverlays(AppState& st);

// Hash of the settings the relative + translated views depend on.
uint64_t relativeSettingsHash(const AppState& st);

}  // namespace lb::ui
