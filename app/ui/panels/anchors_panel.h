// Anchors panel (left side): strategy selection (random, per-class, farthest-point, k-means), search by key,
// class or text, the anchor table (key, label, thumbnail, remove), import/export of anchor files, undo/redo. Main
// thread only.
#pragma once

#include "app/ui/anchor_grow_action.h"
#include "core/jobs/job_runner.h"

#include "core/types.h"

#include <string>
#include <vector>

namespace lb::ui {

struct AppState;

struct AnchorsPanelState {
    int strategy = 0;            // index into AnchorStrategy (random, per-class, fps, kmeans)
    int count = 300;             // K to select (default 300)
    int seed = 0;                // selection seed (default 0)
    LatestJob selectJob;         // "Select" runs selectAnchors on a worker
    std::string selectError;     // inline error of the last selection
    char importPath[1024] = {};  // anchor file to import / export (one key or row per line)
    char exportPath[1024] = "anchors.txt";
    int sortColumn = 0;  // table sort: 0 = order added, 1 = key, 2 = label
    bool sortDescending = false;
    char searchText[256] = {};      // the search box: key, class name or text
    std::string searchedFor;        // the query searchHits answer
    std::vector<Index> searchHits;  // reference rows found, ascending
    AnchorGrowState grow;           // "Grow anchors from these" (bootstrapped parallel anchors)
};

void drawAnchorsPanel(AppState& st, AnchorsPanelState& panel);

// Runs the strategy on the reference space on a worker; on success replaces the anchors (one undoable edit).
void runAnchorSelection(AppState& st, AnchorsPanelState& panel);
// Finds the samples matching `query` in any space (core findSamples) and selects them, which highlights them in
// every view; an empty query clears a selection the previous search made.
void searchSamples(AppState& st, AnchorsPanelState& panel, const std::string& query);
// Adds the last search's samples to the anchors (one undoable edit). False when nothing was added.
bool addSearchHitsAsAnchors(AppState& st, AnchorsPanelState& panel);
// Imports an anchor file (keys or row indices of the reference) / exports the anchors; errors go inline.
void importAnchors(AppState& st, const std::string& path);
void exportAnchors(AppState& st, const std::string& path);

}  // namespace lb::ui
