// scatter_demo: three scatter views of synthetic clustered points drawn by GlPlotCanvas, with anchors, a
// selection and a hovered point. For looking at the renderer by eye and for tests/e2e/gfx_points_test.sh.
//   scatter_demo [--points N] [--mode auto|points|cpu-points|density] [--frames N] [--screenshot out.png]
//                [--width W] [--height H]
#include "bench/gfx_bench_common.h"

#include "app/gfx/screenshot.h"

#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    size_t n = 100000;
    int frames = 3, width = 1600, height = 1000;
    std::string screenshot, mode = "auto";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--points" && hasValue)
            n = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--frames" && hasValue)
            frames = std::atoi(argv[++i]);
        else if (a == "--screenshot" && hasValue)
            screenshot = argv[++i];
        else if (a == "--mode" && hasValue)
            mode = argv[++i];
        else if (a == "--width" && hasValue)
            width = std::atoi(argv[++i]);
        else if (a == "--height" && hasValue)
            height = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr,
                         "usage: scatter_demo [--points N] [--mode auto|points|cpu-points|density] [--frames N] "
                         "[--screenshot PNG] [--width W] [--height H]\n");
            return 1;
        }
    }
    lb::bench::DemoWindow win(width, height, "scatter_demo");
    if (!win.ok()) {
        std::fprintf(stderr, "scatter_demo: cannot open an OpenGL 3.3 window (no display?)\n");
        return 4;
    }
    lb::gfx::GlPlotCanvasOptions options;
    options.mode = mode == "points" || mode == "cpu-points" ? lb::gfx::PlotRenderMode::Points
                   : mode == "density"                      ? lb::gfx::PlotRenderMode::Density
                                                            : lb::gfx::PlotRenderMode::Auto;
    options.cpuPoints = mode == "cpu-points";
    auto canvas = lb::gfx::GlPlotCanvas::create(options);
    if (!canvas) {
        std::fprintf(stderr, "scatter_demo: %s\n%s\n", canvas.error().message.c_str(), canvas.error().detail.c_str());
        return 4;
    }
    lb::bench::DemoView views[3];
    for (int v = 0; v < 3; ++v) {
        views[v].points = lb::bench::makeClusters(n, 10, 1234u);  // same data in every view
        if (v > 0) {
            // A rotated and rescaled copy, like another model's embedding of the same samples.
            const float a = 0.9f * v, s = 1.0f + 0.5f * v;
            for (size_t i = 0; i < n; ++i) {
                const float x = views[v].points.xy[2 * i], y = views[v].points.xy[2 * i + 1];
                views[v].points.xy[2 * i] = s * (std::cos(a) * x - std::sin(a) * y);
                views[v].points.xy[2 * i + 1] = s * (std::sin(a) * x + std::cos(a) * y);
            }
        }
        for (int k = 0; k < 12 && size_t(k) < n; ++k) views[v].overlay.anchors.push_back(int64_t(k) * int64_t(n / 12));
        for (size_t i = 1; i < n && views[v].overlay.selected.size() < 200; i += 97)
            if (views[v].points.colorIndex[i] == 3) views[v].overlay.selected.push_back(int64_t(i));
        views[v].overlay.hovered = n > 5 ? 5 : -1;
        views[v].overlay.version = 1;
    }
    views[2].overlay.hiddenClasses = {false, true};  // the third view hides class 1, as the legend would
    for (int f = 0; screenshot.empty() ? !glfwWindowShouldClose(win.window()) : f < frames; ++f) {
        win.beginFrame();
        lb::bench::drawDemoViews(views, 3, **canvas);
        for (auto& v : views) {
            // Linked hover: the mouse over any view highlights that row everywhere.
            if (v.events.hovered >= 0 && v.events.hovered != views[0].overlay.hovered) {
                for (auto& w : views) {
                    w.overlay.hovered = v.events.hovered;
                    ++w.overlay.version;
                }
            }
        }
        int fbw = 0, fbh = 0;
        win.endFrame(fbw, fbh);
        if (!screenshot.empty() && f + 1 == frames) {
            const std::string err = lb::gfx::saveFramebufferPng(screenshot, 0, 0, fbw, fbh);
            if (!err.empty()) {
                std::fprintf(stderr, "scatter_demo: %s\n", err.c_str());
                return 4;
            }
        }
        glfwSwapBuffers(win.window());
    }
    const lb::gfx::GlPlotCanvasStats& st = (*canvas)->stats();
    std::printf("scatter_demo: %zu points x 3 views, %llu renders, %llu base redraws (%llu density), %s\n", n,
                (unsigned long long)st.renderCalls, (unsigned long long)st.baseRedraws,
                (unsigned long long)st.densityRedraws, (*canvas)->isDensity(0) ? "density" : "points");
    return 0;
}
