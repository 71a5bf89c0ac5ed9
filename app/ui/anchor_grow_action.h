// "Grow anchors from these" (Anchors panel): bootstrapping parallel anchors (core/relative/anchor_bootstrap.h)
// between the reference space and another loaded space (the target), seeded with the session's anchors, on a
// worker.
//
// A discovered pair (reference row a, target row b) enters as anchor a with b as its partner in the target
// (Session::addAnchorPairs): every analysis then uses b, not a's key match, in the target. Where the spaces' rows
// are matched by key, the truth is known: the precision shown is the share of discovered pairs whose b is a's own
// row in the target. Main thread only.
#pragma once

#include "core/jobs/job_runner.h"
#include "core/types.h"

#include <string>

namespace lb {
class Session;
}

namespace lb::ui {

struct AppState;

struct AnchorGrowState {
    int count = 100;  // K2: pairs to discover beyond the current anchors
    int target = -1;  // space index the anchors grow towards; -1 (or the reference, or out of range) = the default
    LatestJob job;
    std::string error;       // the last run's error ("" = none)
    std::string lastResult;  // "added 30 anchors; 28 of 30 (93%) are the same sample in model_b"
    double precision = -1;   // share of discovered pairs that are one sample; -1 = unknown (no run / no truth)
};

// The space the anchors grow towards: the chosen target (AnchorGrowState::target) when it is a loaded space other
// than the reference, else the first such space; -1 when there is none.
int anchorGrowPartner(const AppState& st);
// Why growing cannot run now ("" when it can): fewer than 2 spaces, fewer than 2 anchors in both spaces.
std::string anchorGrowUnavailableReason(const AppState& st);
// The session's discovered anchors (those with a partner) and how many of them are one sample where keys tell (the
// partner is the anchor's own row in a space matched by key).
struct DiscoveredAnchors {
    size_t count = 0;  // anchors with a partner
    size_t known = 0;  // partners whose truth is known (the anchor's key is in the partner's space)
    size_t same = 0;   // of those, partners that are the anchor's own row
};
DiscoveredAnchors discoveredAnchors(const Session& s);
// The Anchors panel's line for anchor `refRow`: "discovered (partner row 17)", "" without a partner; `detail`
// receives the tooltip: the space, the partner's key and whether it is the same sample.
std::string discoveredLabel(const Session& s, Index refRow, std::string* detail = nullptr);

// Starts the job (a running one is replaced); on success the discovered pairs are added as anchors with their
// partners in the target in one undoable edit, and g.precision / g.lastResult describe them.
void growAnchors(AppState& st, AnchorGrowState& g);

}  // namespace lb::ui
