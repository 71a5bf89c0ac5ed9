// The errors/messages area at the top of the main area: one dismissable entry per message (errors red,
// warnings yellow), coalesced with a repeat count, wrapped at the area's right edge so that a long path and the
// problem after it stay readable in a narrow window. Main thread only.
#pragma once

#include <vector>

namespace lb::ui {
struct Message;
// Draws `messages` newest first (the area is as tall as the newest 5, older ones scroll); the dismiss buttons
// erase from `messages`.
void drawMessages(std::vector<Message>& messages);
}  // namespace lb::ui
