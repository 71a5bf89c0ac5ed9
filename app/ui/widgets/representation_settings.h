// The document's relative and translation settings as widgets: what every view and analysis (similarity table,
// stitching) means by "relative" and "translated". Edits go straight into the session's settings; the views and
// panels see the change through the settings' fingerprint. Main thread only (ImGui).
#pragma once

#include "core/relative/relative_projection.h"
#include "core/translate/translator.h"

namespace lb::ui {

// A collapsing "Representation" section: similarity, transform and post-normalization of the relative
// representation; method, scaling and L2 of the translation. Returns true when something changed.
bool drawRepresentationSettings(RelativeOptions& relative, TranslationOptions& translation);

}  // namespace lb::ui
