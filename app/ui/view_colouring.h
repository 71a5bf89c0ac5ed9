// What the views' points and markers show beyond their positions: the colouring (class, or each sample's
// neighbourhood agreement with the reference: core/analysis/sample_agreement.h, computed as a job) and the glow
// that marks the anchors the last anchor edit added. Main thread only; called by view_compute.cpp every frame.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>

namespace lb::ui {

struct AppState;

// Seconds the glow of new anchors takes to fade (full at the edit, gone after this).
constexpr double kFreshAnchorSeconds = 2.0;

// While colouring by agreement: submits the agreement job when the spaces, reference, anchors or settings changed
// since the last one (kNN k and protocol: the similarity settings').
void updateAgreement(AppState& st);
// Sets every ready view's colour indices for the current colouring (class colours while an agreement result is
// missing for the view), bumping points.version only on change.
void applyViewColours(AppState& st);

// Notices anchor changes (the marks restart) and returns the glow's strength now: 1 at the change, 0 after
// kFreshAnchorSeconds (stepped in eighths, so the views redraw a few times while it fades, not every frame).
float updateFreshAnchors(AppState& st, std::chrono::steady_clock::time_point now);
// Whether the glow is still fading, and the seconds until its strength next changes (when it is).
bool freshAnchorsFading(const AppState& st, std::chrono::steady_clock::time_point now);
double secondsToNextGlowStep(const AppState& st, std::chrono::steady_clock::time_point now);

// {"colour_by", "k", "ms", "generation", "running", "new_anchors", "new_anchors_fading",
//  "views": [{space, kind, evaluated, mean, min, max, why, coloured}]}.
nlohmann::json agreementReport(const AppState& st);

}  // namespace lb::ui
