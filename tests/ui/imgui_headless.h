// An ImGui context without any platform or GL backend, for tests that draw the app's windows and panels:
// the font atlas is built (widgets need glyph sizes) but never uploaded. One per test case.
#pragma once

#include <imgui.h>

namespace lb::test {

struct ImGuiHeadless {
    ImGuiHeadless() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.DisplaySize = ImVec2(1600, 1000);
        io.DeltaTime = 1.0f / 60.0f;
    }
    ~ImGuiHeadless() { ImGui::DestroyContext(); }
    ImGuiHeadless(const ImGuiHeadless&) = delete;
    ImGuiHeadless& operator=(const ImGuiHeadless&) = delete;
};

}  // namespace lb::test
