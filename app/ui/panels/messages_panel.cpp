#include "app/ui/panels/messages_panel.h"

#include "app/ui/app_state.h"

#include <imgui.h>

namespace lb::ui {

static ImVec4 levelColor(Message::Level l) {
    switch (l) {
    case Message::Level::Error: return ImVec4(1.0f, 0.45f, 0.4f, 1.0f);
    case Message::Level::Warning: return ImVec4(1.0f, 0.8f, 0.35f, 1.0f);
    case Message::Level::Info: break;
    }
    return ImVec4(0.7f, 0.85f, 1.0f, 1.0f);
}

static const char* levelName(Message::Level l) {
    switch (l) {
    case Message::Level::Error: return "error";
    case Message::Level::Warning: return "warning";
    case Message::Level::Info: break;
    }
    return "info";
}

void drawMessages(AppState& st) {
    if (st.messages.empty()) return;
    // Newest first, at most 5 lines tall; older ones scroll.
    const float line = ImGui::GetFrameHeightWithSpacing();
    const float height = std::min<float>(static_cast<float>(st.messages.size()), 5.0f) * line + 8.0f;
    ImGui::BeginChild("messages", ImVec2(0, height), true);
    int dismiss = -1;
    for (int i = static_cast<int>(st.messages.size()) - 1; i >= 0; --i) {
        const Message& m = st.messages[static_cast<size_t>(i)];
        ImGui::PushID(static_cast<int>(m.id));
        if (ImGui::SmallButton("x")) dismiss = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dismiss this message");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, levelColor(m.level));
        if (m.count > 1) ImGui::Text("%s (x%d): %s", levelName(m.level), m.count, m.text.c_str());
        else ImGui::Text("%s: %s", levelName(m.level), m.text.c_str());
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
    if (st.messages.size() > 1) {
        if (ImGui::SmallButton("Dismiss all")) st.messages.clear();
    }
    ImGui::EndChild();
    if (dismiss >= 0 && static_cast<size_t>(dismiss) < st.messages.size())
        st.messages.erase(st.messages.begin() + dismiss);
}

}  // namespace lb::ui
