// latentbridge: the desktop app. GLFW window + OpenGL 3.3 core + Dear ImGui 1.86.
#include "app/gfx/gl.h"
#include "app/gfx/screenshot.h"
#include "app/ui/gui_options.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdio>

int main(int argc, char** argv) {
    lb::ui::GuiOptions options;
    std::string error;
    if (!lb::ui::parseGuiOptions(argc, argv, options, error)) {
        std::fprintf(stderr, "latentbridge: %s\n%s", error.c_str(), lb::ui::guiHelpText());
        return 1;
    }
    if (options.showHelp) {
        std::fputs(lb::ui::guiHelpText(), stdout);
        return 0;
    }
    if (options.showVersion) {
        std::printf("latentbridge %s\n", LB_VERSION);
        return 0;
    }
    if (!glfwInit()) {
        std::fprintf(stderr, "latentbridge: cannot initialize GLFW (no display?)\n");
        return 4;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    GLFWwindow* window = glfwCreateWindow(options.width, options.height, "latentbridge", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "latentbridge: cannot create an OpenGL 3.3 core window\n");
        glfwTerminate();
        return 4;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    ImGui::CreateContext();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int frame = 0;
    while (!glfwWindowShouldClose(window)) {
        glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::Begin("latentbridge");
        ImGui::Text("latentbridge %s", LB_VERSION);
        ImGui::End();
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!options.screenshotPath.empty() && ++frame >= options.frames) {
            const std::string err = lb::gfx::saveFramebufferPng(options.screenshotPath, 0, 0, w, h);
            if (!err.empty()) std::fprintf(stderr, "latentbridge: %s\n", err.c_str());
            break;
        }
        glfwSwapBuffers(window);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
