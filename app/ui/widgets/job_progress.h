// A running job's progress bar that stands still while the job is young. Most live updates (an anchor click's
// panels) finish within kProgressAfterMs; a bar that moved meanwhile would make every frame differ, and under
// llvmpipe each redrawn frame costs tens of ms of the CPU the job needs (frame_pacing.h). So for its first
// kProgressAfterMs the bar is empty and reads "updating"; then it shows `fraction` and `label`.
// Main thread only (ImGui).
#pragma once

#include "core/jobs/job_runner.h"

#include <imgui.h>

#include <string>

namespace lb::ui {

// Whether `job` has run long enough for its progress to be shown (text that changes with its stages included).
bool showsProgress(const JobHandle& job);

// fraction in [0, 1]; a negative fraction = unknown (a bar that sweeps, once the job is old enough).
void drawJobProgress(const JobHandle& job, float fraction, const ImVec2& size, const std::string& label = {});

}  // namespace lb::ui
