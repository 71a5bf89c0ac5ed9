// A running job's progress bar, following redraw_rules.h [7]: while the job is young the bar stands still and
// reads "updating"; then it shows `fraction` and `label`. Main thread only (ImGui).
#pragma once

#include "core/jobs/job_runner.h"

#include <imgui.h>

#include <string>

namespace lb::ui {

// Whether `job` has run long enough for its progress to be shown (text that changes with its stages included).
bool showsProgress(const JobHandle& job);
// Whether a panel shows its job as running: progress, Cancel, its last result dimmed as outdated.
bool showsRunning(const LatestJob& job);

// fraction in [0, 1]; a negative fraction = unknown (a bar that sweeps, once the job is old enough).
void drawJobProgress(const JobHandle& job, float fraction, const ImVec2& size, const std::string& label = {});

}  // namespace lb::ui
