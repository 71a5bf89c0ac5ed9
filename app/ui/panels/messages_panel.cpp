#include "app/ui/panels/messages_panel.h"

#include "app/ui/app_state.h"

#include <imgui.h>

#include <algorithm>
#include <string>

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

static std::string lineOf(const Message& m) {
    std::string line = levelName(m.level);
    if (m.count > 1) line += " (x" + std::to_string(m.count) + ")";
    return line + ": " + m.text;
}

void drawMessages(std::vector<Message>& messages) {
    if (messages.empty()) return;
    constexpr size_t kShown = 5;  // the area's height fits the newest 5; older ones scroll
    const ImGuiStyle& style = ImGui::GetStyle();
    // The wrap width the text will have inside the bordered child, after its dismiss button.
    float textWidth = ImGui::GetContentRegionAvail().x - 2.0f * style.WindowPadding.x -
                      (ImGui::CalcTextSize("x").x + 2.0f * style.FramePadding.x + style.ItemSpacing.x);
    if (messages.size() > kShown) textWidth -= style.ScrollbarSize;
    textWidth = std::max(textWidth, 1.0f);
    float height = 2.0f * style.WindowPadding.y - style.ItemSpacing.y;
    for (size_t shown = 0; shown < std::min(messages.size(), kShown); ++shown) {
        const std::string line = lineOf(messages[messages.size() - 1 - shown]);
        const float textHeight = ImGui::CalcTextSize(line.c_str(), nullptr, false, textWidth).y;
        height += std::max(textHeight, ImGui::GetFrameHeight()) + style.ItemSpacing.y;
    }
    if (messages.size() > 1 && messages.size() <= kShown)
        height += ImGui::GetFrameHeight() + style.ItemSpacing.y;  // "Dismiss all"
    ImGui::BeginChild("messages", ImVec2(0, height), true);
    int dismiss = -1;
    for (int i = static_cast<int>(messages.size()) - 1; i >= 0; --i) {
        const Message& m = messages[static_cast<size_t>(i)];
        ImGui::PushID(static_cast<int>(m.id));
        if (ImGui::SmallButton("x")) dismiss = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dismiss this message");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, levelColor(m.level));
        ImGui::PushTextWrapPos(0.0f);  // the window's right content edge
        ImGui::TextUnformatted(lineOf(m).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
    if (messages.size() > 1) {
        if (ImGui::SmallButton("Dismiss all")) messages.clear();
    }
    ImGui::EndChild();
    if (dismiss >= 0 && static_cast<size_t>(dismiss) < messages.size()) messages.erase(messages.begin() + dismiss);
}

}  // namespace lb::ui
