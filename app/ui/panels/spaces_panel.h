// Spaces list (left side panel): one line per space with its name and N x D, the reference selector, a
// remove button, and what could not be matched. Main thread only.
#pragma once

namespace lb::ui {
struct AppState;
void drawSpacesPanel(AppState& st);
}  // namespace lb::ui
