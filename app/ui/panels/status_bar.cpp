#include "app/ui/panels/status_bar.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/job_progress.h"

#include <imgui.h>

#include <string>

namespace lb::ui {

void drawStatusBar(AppState& st, float height) {
    ImGui::BeginChild("status", ImVec2(0, height), true, ImGuiWindowFlags_NoScrollbar);
    const std::vector<JobHandle> jobs = st.jobs.activeJobs();
    if (jobs.empty()) {
        ImGui::TextDisabled("Ready");
    }
    for (const JobHandle& j : jobs) {
        ImGui::PushID(static_cast<int>(j.id()));
        const std::string stage = showsProgress(j) ? j.stage() : std::string();
        const std::string label = j.name() + (stage.empty() ? "" : ": " + stage);
        const float f = j.fraction();
        ImGui::SetNextItemWidth(220);
        // A stage without a total (reading a file) shows a moving bar instead of a stuck 0%.
        drawJobProgress(j, f > 0.0f ? f : -1.0f, ImVec2(160, 0));
        ImGui::SameLine();
        ImGui::TextUnformatted(label.c_str());
        ImGui::SameLine();
        if (j.cancelRequested())
            ImGui::TextDisabled("cancelling");
        else if (ImGui::SmallButton("Cancel"))
            j.cancel();
        ImGui::SameLine();
        ImGui::PopID();
    }
    ImGui::SameLine();
    if (st.lastRelativeJobMs >= 0) {
        const double shown = st.viewsScreen.shownMs();
        ImGui::Text("| last anchor update: %.0f ms (on screen after %.0f ms)", st.lastRelativeJobMs, shown);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "Time to recompute the relative and translated views after the last anchor edit:\n"
                "worker time, and time from the edit until the views showed the result.\n"
                "Worker stages: relative columns %.0f ms, 2-D PCA %.0f ms, translation %.0f ms.",
                st.lastRelativeStageMs[0], st.lastRelativeStageMs[1], st.lastRelativeStageMs[2]);
        ImGui::SameLine();
    }
    ImGui::Text("| %zu spaces, %zu anchors", st.session.spaceCount(), st.session.anchors().size());
    if (!st.selectionRef.empty()) {
        ImGui::SameLine();
        ImGui::Text("| %zu selected", st.selectionRef.size());
    }
    ImGui::EndChild();
}

}  // namespace lb::ui
