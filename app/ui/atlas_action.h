// "Add atlas" (Spaces panel): the loaded spaces taken as charts of one atlas (core/relative/chart_merge.h) on the
// session's anchors, merged on a worker, written as an .npy space with its .json sidecar in the app's state folder
// (atlases/ beside the recovery files: document_guard.h), and opened like any file, so it becomes a row of the grid
// and a session that includes it can be saved and reopened. Main thread only.
#pragma once

#include <string>

namespace lb::ui {

struct AppState;

// Why the atlas cannot be made now ("" when it can): fewer than 2 spaces, no anchors, a space without keys.
std::string atlasUnavailableReason(const AppState& st);
// Starts the job (a running one is replaced); errors and the result's path go to the messages.
void addAtlas(AppState& st);
// Where addAtlas writes the atlas of the session's current spaces and anchors.
std::string atlasPath(const AppState& st);

}  // namespace lb::ui
