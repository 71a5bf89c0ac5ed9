// The presentation's story: the stitching argument told in four steps the presenter replays with the number
// keys or arrows. Each step sets the session's anchors to a seeded set (core/relative/nested_anchor_sets.h):
//   1  K = 0    nothing ties the spaces together: absolute stitching is at chance
//   2  K = 5    a handful of shared samples already carry most of the meaning
//   3  K = 30   relative and translated stitching approach native
//   4  K = 300  the session's usual anchor count
// Entering the story keeps the user's anchors and undo history aside; leaving it (key 0, Esc, or leaving
// presentation mode) puts both back exactly, whatever the steps did. Main thread only.
#pragma once

#include "core/session/anchor_history.h"
#include "core/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb::ui {

struct AppState;

struct StoryStep {
    Index k = 0;          // anchors of the step (clipped to the rows every space shares)
    const char* caption;  // what the audience sees, one sentence
};
// The four steps above.
const std::vector<StoryStep>& storySteps();

struct PresentationStory {
    int step = -1;                   // current step (index into storySteps()), -1 = the user's own anchors
    uint64_t seed = 2024;            // seed of the steps' anchor draw (default 2024: the same story every talk)
    bool holding = false;            // the user's anchors and history are kept aside (between enter and leave)
    std::vector<Index> userAnchors;  // reference rows, in the user's order
    std::vector<AnchorPartner> userPartners;  // their discovered partners
    AnchorHistory userHistory;
    int transitions = 0;  // steps shown since the app started (test report)
};

// Shows step `step` (clamped to the steps): keeps the user's anchors aside on the first step taken, then sets
// the step's anchors (an ordinary anchor edit: the views, stitching and similarity follow).
void goToStoryStep(AppState& st, PresentationStory& story, int step);
// Puts the user's anchors and undo history back (no-op outside the story).
void leaveStory(AppState& st, PresentationStory& story);
// The step's anchors for the current session: reference rows every matched space has, drawn with story.seed.
std::vector<Index> storyAnchors(const AppState& st, const PresentationStory& story, int step);

}  // namespace lb::ui
