// Bottom status bar: one progress bar + cancel button per running job, the last anchor-update time
// (worker time and edit-to-screen latency) and a short summary. Main thread only.
#pragma once

namespace lb::ui {
struct AppState;
void drawStatusBar(AppState& st, float height);
}  // namespace lb::ui
