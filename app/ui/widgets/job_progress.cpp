#include "app/ui/widgets/job_progress.h"

#include "app/ui/redraw_rules.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

bool showsProgress(const JobHandle& job) {
    return showsProgressAfter(job.elapsedMs());
}

bool showsRunning(const LatestJob& job) {
    return showsRunning(job.running(), job.handle().elapsedMs());
}

void drawJobProgress(const JobHandle& job, float fraction, const ImVec2& size, const std::string& label) {
    if (!showsProgress(job)) {
        ImGui::ProgressBar(0.0f, size, "updating");
        return;
    }
    if (fraction < 0.0f) {
        const double t = ImGui::GetTime() * 0.7;
        ImGui::ProgressBar(static_cast<float>(t - std::floor(t)), size, label.empty() ? "..." : label.c_str());
        return;
    }
    ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), size, label.empty() ? nullptr : label.c_str());
}

}  // namespace lb::ui
