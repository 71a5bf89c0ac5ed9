// Text shortened with "..." to fit a width: view titles in a narrow grid cell, which would otherwise widen the
// cell's column and push the grid's last column out of sight. Main thread only (ImGui's current font).
#pragma once

#include <string>

namespace lb::ui {

// `text` when it fits in maxWidth pixels; else its longest prefix (whole UTF-8 characters) followed by "..."
// that fits; "..." alone when not even one character does.
std::string elideToWidth(const std::string& text, float maxWidth);

}  // namespace lb::ui
