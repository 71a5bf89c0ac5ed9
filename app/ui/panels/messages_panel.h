// The errors/messages area at the top of the main area: one dismissable line per message (errors red,
// warnings yellow), coalesced with a repeat count. Main thread only.
#pragma once

namespace lb::ui {
struct AppState;
void drawMessages(AppState& st);
}  // namespace lb::ui
