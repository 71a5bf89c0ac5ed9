// Shared by scatter_demo and gui_frame_bench: a GLFW + ImGui window, synthetic clustered points, and a
// frame that draws three scatter views side by side through GlPlotCanvas. Header-only on purpose (two
// small executables, no library of their own).
#pragma once

#include "app/gfx/gl.h"
#include "app/gfx/gl_plot_canvas.h"
#include "app/ui/widgets/scatter_view.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

namespace lb::bench {

// GLFW window with a GL 3.3 core context and ImGui on top. ok() is false when there is no display.
class DemoWindow {
   public:
    DemoWindow(int width, int height, const char* title) {
        if (!glfwInit()) return;
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        m_window = glfwCreateWindow(width, height, title, nullptr, nullptr);
        if (!m_window) return;
        glfwMakeContextCurrent(m_window);
        glfwSwapInterval(0);  // measure rendering, not vsync
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        ImGui_ImplGlfw_InitForOpenGL(m_window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~DemoWindow() {
        if (m_window) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplGlfw_Shutdown();
            ImGui::DestroyContext();
            glfwDestroyWindow(m_window);
        }
        glfwTerminate();
    }
    DemoWindow(const DemoWindow&) = delete;
    DemoWindow& operator=(const DemoWindow&) = delete;
    bool ok() const { return m_window != nullptr; }
    GLFWwindow* window() const { return m_window; }
    void beginFrame() {
        glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
    }
    // Renders ImGui into the window; the caller swaps (after an optional screenshot).
    void endFrame(int& fbWidth, int& fbHeight) {
        ImGui::Render();
        glfwGetFramebufferSize(m_window, &fbWidth, &fbHeight);
        glViewport(0, 0, fbWidth, fbHeight);
        glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }

   private:
    GLFWwindow* m_window = nullptr;
};

// n points in `clusters` Gaussian clusters (class = cluster), placed differently per `seed` as if three
// models embedded the same data differently.
inline ui::PlotPoints makeClusters(size_t n, int clusters, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    std::vector<float> cx(clusters), cy(clusters), sx(clusters), sy(clusters);
    for (int c = 0; c < clusters; ++c) {
        cx[c] = 8.0f * u(rng);
        cy[c] = 6.0f * u(rng);
        sx[c] = 0.4f + 0.5f * std::fabs(u(rng));
        sy[c] = 0.4f + 0.5f * std::fabs(u(rng));
    }
    ui::PlotPoints p;
    p.xy.resize(2 * n);
    p.colorIndex.resize(n);
    std::uniform_int_distribution<int> pick(0, clusters - 1);
    for (size_t i = 0; i < n; ++i) {
        const int c = pick(rng);
        p.colorIndex[i] = static_cast<uint16_t>(c);
        p.xy[2 * i] = cx[c] + sx[c] * g(rng);
        p.xy[2 * i + 1] = cy[c] + sy[c] * g(rng);
    }
    p.version = 1;
    return p;
}

// One view: its points, overlay and widget state.
struct DemoView {
    ui::PlotPoints points;
    ui::PlotOverlay overlay;
    ui::ScatterViewState state;
    ui::ScatterEvents events;
};

// Draws the views as equal columns filling the display (one ImGui window each).
inline void drawDemoViews(DemoView* views, int count, ui::PlotCanvas& canvas) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float w = display.x / count;
    for (int i = 0; i < count; ++i) {
        const std::string title = "View " + std::string(1, static_cast<char>('A' + i));
        ImGui::SetNextWindowPos(ImVec2(w * i, 0));
        ImGui::SetNextWindowSize(ImVec2(w, display.y));
        ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
        ui::ScatterViewStyle style;
        style.viewId = i;
        views[i].events = ui::drawScatterView("scatter", views[i].state, views[i].points, views[i].overlay, canvas,
                                              ImVec2(0, 0), style);
        ImGui::End();
    }
}

}  // namespace lb::bench
