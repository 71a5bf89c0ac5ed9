// latentbridge: the desktop app. GLFW window + OpenGL 3.3 core + Dear ImGui 1.86.
//
// Owns the process-level objects in the order they must die: AppState first (it references the runner and
// the canvas), then the JobRunner (joins workers), then the canvas (GL objects), then the ImGui backends,
// then the window: GL objects must be deleted while the window's context still exists.
#include "app/gfx/damage_renderer.h"
#include "app/gfx/gl.h"
#include "app/gfx/gl_plot_canvas.h"
#include "app/gfx/screenshot.h"
#include "app/ui/app.h"
#include "app/ui/app_state.h"
#include "app/ui/frame_damage.h"
#include "app/ui/frame_pacing.h"
#include "app/ui/gui_options.h"
#include "app/ui/panels/analysis_panels.h"
#include "app/ui/redraw_rules.h"
#include "app/ui/view_colouring.h"
#include "core/jobs/allocator_reuse.h"
#include "core/jobs/job_runner.h"
#include "core/jobs/omp_wait_policy.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

// Files dropped on the window arrive in a GLFW callback; they are opened at the start of the next frame.
std::vector<std::string> g_dropped;

void onDrop(GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) g_dropped.emplace_back(paths[i]);
}

// The window system asked for a repaint (exposed, resized): the next frame is presented even if unchanged.
bool g_repaint = true;

void onRefresh(GLFWwindow*) {
    g_repaint = true;
}

// How long each running job has run, for the frame pacing.
std::vector<double> runningJobsMs(const lb::ui::AppState& st) {
    std::vector<double> ms;
    for (const lb::JobHandle& j : st.jobs.activeJobs())
        if (j.elapsedMs() > 0.0) ms.push_back(j.elapsedMs());
    return ms;
}

// Key presses for the app's shortcuts (see AppState::pendingKeys). Installed before the ImGui backend,
// which chains to it after updating its own state.
lb::ui::AppState* g_state = nullptr;

// The close button asks like File > Quit: the window stays open while unsaved changes wait for an answer.
void onClose(GLFWwindow* window) {
    if (!g_state) return;
    lb::ui::requestQuit(*g_state);
    glfwSetWindowShouldClose(window, g_state->guard.quitNow ? GLFW_TRUE : GLFW_FALSE);
    glfwPostEmptyEvent();
}

void onKey(GLFWwindow*, int key, int, int action, int mods) {
    if (action != GLFW_PRESS || !g_state) return;
    g_state->pendingKeys.push_back({key, (mods & GLFW_MOD_CONTROL) != 0, (mods & GLFW_MOD_SHIFT) != 0});
}

// What the analysis panels borrow from the platform: full screen on the primary monitor (restoring the
// window's position and size afterwards), framebuffer PNGs for the export panel, and their fonts.
lb::ui::PlatformHooks platformHooks(GLFWwindow* window) {
    lb::ui::PlatformHooks h;
    auto saved = std::make_shared<std::array<int, 4>>();  // windowed x, y, width, height
    h.setFullscreen = [window, saved](bool on) {
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (on && mode && !glfwGetWindowMonitor(window)) {
            auto& s = *saved;
            glfwGetWindowPos(window, &s[0], &s[1]);
            glfwGetWindowSize(window, &s[2], &s[3]);
            glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
        } else if (!on && glfwGetWindowMonitor(window)) {
            const auto& s = *saved;
            glfwSetWindowMonitor(window, nullptr, s[0], s[1], s[2], s[3], GLFW_DONT_CARE);
        }
    };
    h.savePng = [](const std::string& path, int x, int y, int w, int hgt) {
        return lb::gfx::saveFramebufferPng(path, x, y, w, hgt);
    };
    h.loadFonts = true;
    return h;
}

std::string executablePath(const char* argv0) {
    std::error_code ec;
    const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string(argv0) : p.string();
}

// LB_FRAME_LOG=1: one line per drawn frame on stderr, for finding where a frame's time goes: when it started,
// the CPU time of the app's own work (jobs' results, layout, view images), of drawing (glFinish waits for the
// rasterizer), and the damaged pixels.
void logFrame(std::chrono::steady_clock::time_point start, std::chrono::steady_clock::time_point frameStart,
              std::chrono::steady_clock::time_point uiDone, const std::vector<lb::ui::ScreenRect>& damaged) {
    glFinish();
    const auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    double pixels = 0;
    for (const lb::ui::ScreenRect& r : damaged) pixels += r.area();
    std::fprintf(stderr, "frame at %.1f ms: app %.1f ms, drawing %.1f ms, %.0f pixels in %zu rectangles\n",
                 ms(start, frameStart), ms(frameStart, uiDone), ms(uiDone, std::chrono::steady_clock::now()), pixels,
                 damaged.size());
}

// Runs the app's frames until the window closes (or, with --screenshot, until the data is loaded and
// `frames` more frames were drawn; at most 60 s so a broken file cannot hang a test).
int runFrames(GLFWwindow* window, lb::ui::AppState& st, const lb::ui::GuiOptions& options) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto lastReport = Clock::time_point{};
    int idleFrames = 0;
    lb::ui::FrameDamage damage;
    const bool partial = lb::ui::drawsPartialFrames(lb::gfx::isSoftwareRasterizer(), options.fullRedraw);
    lb::gfx::DamageRenderer renderer(partial);
    const lb::ui::FrameDamage::TextureVersion textureVersion = [&st](ImTextureID t) {
        return st.canvas.textureVersion(t);
    };
    const lb::ui::FrameDamage::TextureChange textureChange = [&st](ImTextureID t, uint64_t since) {
        return st.canvas.changedSince(t, since);
    };
    bool settle = false;  // one more frame right after a presented one, for ImGui layouts that need two
    const bool frameLog = std::getenv("LB_FRAME_LOG") != nullptr;
    while (!glfwWindowShouldClose(window) && !st.guard.quitNow) {
        // Frames are paced by frame_pacing.h: sleep until input, a finished job (the queue's wakeup), the pacing
        // timeout or the next animation step (requestFrameWithin); an input that changed the picture gets one
        // settling frame at once.
        if (!options.screenshotPath.empty() || st.frame < lb::ui::kStartupFrames || settle ||
            st.animationWaitSeconds <= 0.0) {
            glfwPollEvents();
            settle = false;
        } else {
            const double wait = std::min(
                lb::ui::frameWaitSeconds(runningJobsMs(st), st.jobs.queue().pending() > 0 || st.loadsInFlight > 0),
                st.animationWaitSeconds);
            const auto before = Clock::now();
            glfwWaitEventsTimeout(wait);
            settle = std::chrono::duration<double>(Clock::now() - before).count() < wait * 0.9;  // woken early
        }
        if (!g_dropped.empty()) {
            lb::ui::openPaths(st, g_dropped);
            g_dropped.clear();
        }
        const auto frameStart = Clock::now();
        lb::ui::beginAppFrame(st);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        lb::ui::drawApp(st);
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        lb::ui::WholeFrameCauses whole;
        whole.fullRedraw = options.fullRedraw;
        whole.startup = st.frame < lb::ui::kStartupFrames;
        whole.exposed = g_repaint;
        whole.readBack = !options.screenshotPath.empty();
        const std::vector<lb::ui::ScreenRect> damaged =
            damage.update(*ImGui::GetDrawData(), textureVersion, whole.any(), textureChange);
        const bool present = !damaged.empty();
        g_repaint = false;
        // Settle only after input on an idle app: while jobs run, their results bring the next frames anyway.
        settle = settle && present && st.jobs.activeJobs().empty();
        const auto uiDone = Clock::now();
        if (present) renderer.render(*ImGui::GetDrawData(), damaged, lb::ui::frameClearColor());
        if (frameLog && present) logFrame(start, frameStart, uiDone, damaged);
        if (!options.testReportPath.empty() && Clock::now() - lastReport > std::chrono::milliseconds(100)) {
            lb::ui::writeTestReport(st, options.testReportPath);
            lastReport = Clock::now();
        }
        if (!options.screenshotPath.empty()) {
            idleFrames = lb::ui::appIsBusy(st) ? 0 : idleFrames + 1;
            const bool timeUp = Clock::now() - start > std::chrono::seconds(60);
            if (idleFrames >= options.frames || timeUp) {
                if (!options.testReportPath.empty()) lb::ui::writeTestReport(st, options.testReportPath);
                const std::string err = lb::gfx::saveFramebufferPng(options.screenshotPath, 0, 0, w, h);
                if (!err.empty()) {
                    std::fprintf(stderr, "latentbridge: %s\n", err.c_str());
                    return 4;
                }
                return 0;
            }
        }
        if (present) glfwSwapBuffers(window);
        if (present) {
            const double sinceEdit =
                std::chrono::duration<double, std::milli>(Clock::now() - st.relativeRequestedAt).count();
            st.viewsScreen.framePresented(sinceEdit);
            st.relativeViewsScreen.framePresented(sinceEdit);
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    lb::preferPassiveOmpWaiting(argv);
    lb::keepFreedBuffersForReuse();
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
    glfwSetDropCallback(window, onDrop);
    glfwSetWindowRefreshCallback(window, onRefresh);
    glfwSetKeyCallback(window, onKey);
    glfwSetWindowCloseCallback(window, onClose);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is computed each frame; no imgui.ini litter in the cwd
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int rc = 0;
    {
        std::unique_ptr<lb::ui::PlotCanvas> canvas;
        std::string canvasError;
        auto gl = lb::gfx::GlPlotCanvas::create();
        if (gl) {
            (*gl)->options().cpuPoints = lb::gfx::isSoftwareRasterizer();  // see GlPlotCanvasOptions::cpuPoints
            canvas = std::move(gl).value();
        } else
            canvasError = gl.error().describe();
        if (!canvas) canvas = std::make_unique<lb::ui::NullPlotCanvas>();
        lb::MainThreadQueue queue;
        queue.setWakeup([] { glfwPostEmptyEvent(); });  // a finished job wakes the idle frame loop
        // General workers (the analysis panels' jobs) at nice +10: the frames and the views' job come first.
        lb::JobRunner jobs(queue, 2, 1, 10);
        {
            lb::ui::AppState st(jobs, *canvas);
            st.probe.wanted = !options.testReportPath.empty();
            st.presentation = options.presentation;
            st.startStoryStep = options.storyStep;
            if (options.colourByAgreement) st.colourBy = lb::ui::ColourBy::Agreement;
            g_state = &st;
            lb::ui::registerAnalysisPanels(st, platformHooks(window));
            if (!canvasError.empty()) st.error("cannot draw the views (OpenGL): " + canvasError);
            // A screenshot run neither leaves a recovery file nor offers one (it would be in the picture).
            st.guard.enabled = options.screenshotPath.empty();
            lb::ui::findRecoveryFile(st);
            if (options.files.empty())
                lb::ui::openDemo(st, executablePath(argv[0]));
            else
                lb::ui::openPaths(st, options.files);
            rc = runFrames(window, st, options);
            lb::ui::finishDocumentGuard(st);  // a clean exit: nothing to recover
            jobs.cancelAll();
            jobs.waitIdle(std::chrono::seconds(10));
            g_state = nullptr;
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return rc;
}
