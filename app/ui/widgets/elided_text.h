// Text shortened with "..." to fit a width: view titles in a narrow grid cell, which would otherwise widen the
// cell's column and push the grid's last column out of sight. Main thread only (ImGui's current font).
#pragma once

#include <string>

namespace lb::ui {

// `text` when it fits in maxWidth pixels; else its longest prefix (whole UTF-8 characters) followed by "..."
// that fits; "..." alone when not even one character does.
std::string elideToWidth(const std::string& text, float maxWidth);

// `name` when it fits; else shortened in the middle ("fmnist_...cnn_s1"), keeping its start and its end, which
// is where names of one family differ (seeds, suffixes, "(2)"). Falls back to elideToWidth when not even five
// characters fit. Callers show the full name in a tooltip when the result differs.
std::string elideMiddleToWidth(const std::string& name, float maxWidth);

// "<name><suffix>" fitted to maxWidth by shortening the name in the middle and keeping the suffix whole
// (" - relative (PCA)" says what a view shows). When the suffix leaves too little room, the name alone,
// shortened in the middle: in a narrow grid which space a view shows matters more than its column's kind.
std::string fitNamedTitle(const std::string& name, const std::string& suffix, float maxWidth);

}  // namespace lb::ui
