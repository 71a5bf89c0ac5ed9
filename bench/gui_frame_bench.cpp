// Frame time of three scatter views drawn by GlPlotCanvas (run under xvfb-run on Mesa llvmpipe, or on a
// real GPU). Scenarios per mode (points / density): nothing changes (cached textures), the viewport pans
// every frame, the overlay changes every frame (hover). Each frame ends with glFinish so GPU work counts.
// Prints ms per frame, frames per second and the ratio to the cached-frame time.
//   gui_frame_bench [--points N] [--frames F]      (defaults: 1M points, 20 frames)
#include "bench/gfx_bench_common.h"

#include <chrono>
#include <cstdlib>

namespace {

using lb::bench::DemoView;

enum class Change { None, Pan, Hover };

double timeFrames(lb::bench::DemoWindow& win, DemoView* views, lb::gfx::GlPlotCanvas& canvas, Change change,
                  int frames) {
    auto frame = [&](int f) {
        win.beginFrame();
        for (int v = 0; v < 3; ++v) {
            if (change == Change::Pan) views[v].state.viewport.centerX += 0.01f * (f % 2 ? 1.0f : -1.0f);
            if (change == Change::Hover) {
                views[v].overlay.hovered = f * 7919 % int64_t(views[v].points.size());
                ++views[v].overlay.version;
            }
        }
        lb::bench::drawDemoViews(views, 3, canvas);
        int w = 0, h = 0;
        win.endFrame(w, h);
        glFinish();
        glfwSwapBuffers(win.window());
    };
    for (int f = 0; f < 2; ++f) frame(f);  // warm up: uploads and first draws are not what we measure
    const auto t0 = std::chrono::steady_clock::now();
    for (int f = 0; f < frames; ++f) frame(f + 2);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / frames;
}

void runMode(lb::bench::DemoWindow& win, size_t n, int frames, lb::gfx::PlotRenderMode mode, const char* name) {
    lb::gfx::GlPlotCanvasOptions options;
    options.mode = mode;
    auto canvas = lb::gfx::GlPlotCanvas::create(options);
    if (!canvas) {
        std::fprintf(stderr, "gui_frame_bench: %s\n%s\n", canvas.error().message.c_str(),
                     canvas.error().detail.c_str());
        std::exit(4);
    }
    DemoView views[3];
    for (int v = 0; v < 3; ++v) {
        views[v].points = lb::bench::makeClusters(n, 10, 100u + v);
        for (int k = 0; k < 12; ++k) views[v].overlay.anchors.push_back(int64_t(k) * int64_t(n / 12));
    }
    const double cached = timeFrames(win, views, **canvas, Change::None, frames);
    const double pan = timeFrames(win, views, **canvas, Change::Pan, frames);
    const double hover = timeFrames(win, views, **canvas, Change::Hover, frames);
    auto row = [&](const char* what, double ms) {
        std::printf("  %-8s 3 x %7zu  %-22s %8.2f ms/frame %8.1f fps   x%.1f cached\n", name, n, what, ms, 1000.0 / ms,
                    ms / cached);
    };
    row("cached (no change)", cached);
    row("pan every frame", pan);
    row("hover every frame", hover);
}

}  // namespace

int main(int argc, char** argv) {
    size_t n = 1000000;
    int frames = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--points")
            n = std::strtoull(argv[i + 1], nullptr, 10);
        else if (std::string(argv[i]) == "--frames")
            frames = std::atoi(argv[i + 1]);
    }
    lb::bench::DemoWindow win(1600, 1000, "gui_frame_bench");
    if (!win.ok()) {
        std::fprintf(stderr,
                     "gui_frame_bench: no OpenGL 3.3 window (run under xvfb-run -a -s \"-screen 0 1600x1000x24\")\n");
        return 4;
    }
    std::printf("gui_frame_bench: renderer %s, 3 views of ~530 x 930 px, %d frames per scenario\n",
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)), frames);
    runMode(win, n, frames, lb::gfx::PlotRenderMode::Points, "points");
    runMode(win, n, frames, lb::gfx::PlotRenderMode::Density, "density");
    runMode(win, n, frames, lb::gfx::PlotRenderMode::Auto, "auto");
    if (n > 100000) runMode(win, 100000, frames, lb::gfx::PlotRenderMode::Points, "points");
    return 0;
}
