// Anchors panel (left side): strategy selection (random, per-class, farthest-point, k-means), the anchor
// table (key, label, thumbnail, remove), import/export of anchor files, undo/redo. Main thread only.
#pragma once

#include "core/jobs/job_runner.h"

#include <string>

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
};

void drawAnchorsPanel(AppState& st, AnchorsPanelState& panel);

// Runs the strategy on the reference space on a worker; on success replaces the anchors (one undoable edit).
void runAnchorSelection(AppState& st, AnchorsPanelState& panel);
// Imports an anchor file (keys or row indices of the reference) / exports the anchors; errors go inline.
void importAnchors(AppState& st, const std::string& path);
void exportAnchors(AppState& st, const std::string& path);

}  // namespace lb::ui
