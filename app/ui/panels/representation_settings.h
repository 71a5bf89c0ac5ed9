// The document's relative and translation settings as widgets: what every view and analysis (similarity table,
// stitching) means by "relative" and "translated". Edits go straight into the session's settings; the views and
// panels see the change through the settings' fingerprint. Main thread only (ImGui).
#pragma once

namespace lb::ui {

struct AppState;

// A collapsing "Representation" section: similarity, transform and post-normalization of the relative
// representation; method, scaling and L2 of the translation (st.session.settings). Returns true when something
// changed.
bool drawRepresentationSettings(AppState& st);

}  // namespace lb::ui
