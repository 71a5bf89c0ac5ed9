#include "app/ui/panels/analysis_common.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/job_progress.h"
#include "core/analysis/settings_json.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace lb::ui {

uint64_t analysisInputsKey(const AppState& st, const nlohmann::json& inputs) {
    return fingerprintOf({{"spaces", st.session.spacesVersion()},
                          {"anchors", st.session.anchorsVersion()},
                          {"reference", st.session.reference()},
                          {"inputs", inputs}});
}

ImU32 rampColor(float t) {
    // Five stops of a viridis-like ramp: ordered in lightness, readable by most colour-blind viewers.
    static constexpr float stops[5][3] = {{0.27f, 0.00f, 0.33f},
                                          {0.23f, 0.32f, 0.55f},
                                          {0.13f, 0.57f, 0.55f},
                                          {0.37f, 0.79f, 0.38f},
                                          {0.99f, 0.91f, 0.14f}};
    t = std::clamp(std::isfinite(t) ? t : 0.0f, 0.0f, 1.0f) * 4.0f;
    const int i = std::min(3, static_cast<int>(t));
    const float f = t - static_cast<float>(i);
    float c[3];
    for (int k = 0; k < 3; ++k) c[k] = stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f;
    return IM_COL32(static_cast<int>(c[0] * 255), static_cast<int>(c[1] * 255), static_cast<int>(c[2] * 255), 255);
}

ImU32 textColorOn(float t) {
    return t > 0.55f ? IM_COL32(10, 10, 10, 255) : IM_COL32(245, 245, 245, 255);
}

std::string formatPercent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
    return buf;
}

bool waitingForYoungViews(const AppState& st) {
    for (const LatestJob* views : {&st.relativeJob, &st.absoluteJob})
        if (views->running() && showsProgress(views->handle())) return false;
    return st.relativeJob.running() || st.absoluteJob.running();
}

void EditClock::inputsChanged(const AppState& st) {
    const auto now = std::chrono::steady_clock::now();
    editAt_ = st.relativeRequestedAt > seenAt_ ? st.relativeRequestedAt : now;
    seenAt_ = now;
}

double EditClock::msSinceEdit() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - editAt_).count();
}

bool deferToViews(const AppState& st, LatestJob& job) {
    if ((!st.relativeJob.running() || st.relativeViewsCurrent || st.viewFitsCurrent) && !st.absoluteJob.running())
        return false;
    if (job.running()) job.invalidate();
    return true;
}

void drawWarningList(const char* id, const std::vector<std::string>& warnings) {
    if (warnings.empty() || !ImGui::TreeNode(id, "%zu warning%s", warnings.size(), warnings.size() == 1 ? "" : "s"))
        return;
    for (const std::string& w : warnings) ImGui::BulletText("%s", w.c_str());
    ImGui::TreePop();
}

}  // namespace lb::ui
