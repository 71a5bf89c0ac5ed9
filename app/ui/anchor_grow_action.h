// "Grow anchors from these" (Anchors panel): bootstrapping parallel anchors (core/relative/anchor_bootstrap.h)
// between the reference space and another loaded space, seeded with the session's anchors, on a worker.
//
// The session's anchors are samples of the reference, found in every other space by key; a discovered pair
// (reference row a, other-space row b) therefore enters as its reference sample a. Where the spaces' rows are
// matched, the truth is known: the precision shown is the share of discovered pairs whose b is a's own row in the
// other space (the pairing the session then uses). Main thread only.
#pragma once

#include "core/jobs/job_runner.h"
#include "core/types.h"

#include <string>

namespace lb::ui {

struct AppState;

struct AnchorGrowState {
    int count = 100;  // K2: pairs to discover beyond the current anchors
    LatestJob job;
    std::string error;       // the last run's error ("" = none)
    std::string lastResult;  // "added 30 anchors; 28 of 30 (93%) are the same sample in model_b"
    double precision = -1;   // share of discovered pairs that are one sample; -1 = unknown (no run / no truth)
};

// The space the anchors grow towards: the first loaded space other than the reference; -1 when there is none.
int anchorGrowPartner(const AppState& st);
// Why growing cannot run now ("" when it can): fewer than 2 spaces, fewer than 2 anchors in both spaces.
std::string anchorGrowUnavailableReason(const AppState& st);
// Starts the job (a running one is replaced); on success the discovered pairs' reference rows are added to the
// anchors in one undoable edit, and g.precision / g.lastResult describe them.
void growAnchors(AppState& st, AnchorGrowState& g);

}  // namespace lb::ui
