// Headless tests of the scatter-view widget and the legend: a real ImGui context with simulated mouse
// input and a NullPlotCanvas. Assertions are on events and viewport state, never pixels.
#include "app/ui/widgets/scatter_view.h"
#include "app/ui/widgets/legend.h"

#include <catch2/catch.hpp>

#include <imgui.h>
#include <algorithm>
#include <chrono>
#include <vector>

#include <cmath>
#include <functional>
#include <memory>

using namespace lb::ui;

namespace {

// One ImGui context for a test, with a 1000 x 800 display and 10 frames per second (so two clicks of a
// test sequence are a double click only when the test means it: ImGui's double-click time is 0.3 s).
class Harness {
   public:
    Harness() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1000, 800);
        io.DeltaTime = 0.1f;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        points.xy = {0, 0, 1, 0, 0, 1, 1, 1, 0.5f, 0.5f};
        points.colorIndex = {0, 1, 2, 1, 3};
        points.version = 1;
        frame();  // fit the view, settle window layout
    }
    ~Harness() { ImGui::DestroyContext(); }

    // Runs one frame with the given mouse state; returns the widget's events.
    ScatterEvents frame(ImVec2 mouse = ImVec2(-1, -1), bool leftDown = false, float wheel = 0.0f,
                        bool rightDown = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse;
        io.MouseDown[0] = leftDown;
        io.MouseDown[1] = rightDown;
        io.MouseWheel = wheel;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1000, 800));
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        ScatterEvents ev = drawScatterView("view", state, points, overlay, canvas, ImVec2(420, 420), style);
        ImGui::End();
        ImGui::Render();
        return ev;
    }
    ImVec2 screenOf(float x, float y) const {
        return dataToScreen(state.viewport, state.canvasSize, state.canvasOrigin, x, y);
    }
    // Press at `from`, move in `steps` frames to `to`, release there; returns the release frame's events.
    ScatterEvents drag(ImVec2 from, ImVec2 to, int steps, bool right = false) {
        frame(from, false, 0, false);
        frame(from, !right, 0, right);
        for (int s = 1; s <= steps; ++s) {
            const float t = float(s) / steps;
            const ImVec2 p(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
            frame(p, !right, 0, right);
        }
        return frame(to, false, 0, false);
    }

    PlotPoints points;
    PlotOverlay overlay;
    NullPlotCanvas canvas;
    ScatterViewState state;
    ScatterViewStyle style;
};

}  // namespace

TEST_CASE("scatter view fits the points and asks the canvas for its size", "[ui][scatter]") {
    Harness h;
    CHECK(h.canvas.renderCalls == 1);
    CHECK(h.state.canvasSize.x > 300);
    // Fitted: the unit square is centred and fills 90% of the smaller side.
    CHECK(h.state.viewport.centerX == Approx(0.5f));
    CHECK(h.state.viewport.centerY == Approx(0.5f));
    CHECK(h.state.viewport.scale == Approx(0.9f * std::min(h.state.canvasSize.x, h.state.canvasSize.y)));
    // Data y grows upwards on screen.
    CHECK(h.screenOf(0, 1).y < h.screenOf(0, 0).y);
}

TEST_CASE("hover and click report the point under the mouse", "[ui][scatter]") {
    Harness h;
    const ImVec2 p = h.screenOf(0.5f, 0.5f);
    ScatterEvents ev = h.frame(ImVec2(p.x + 3, p.y - 2));
    CHECK(ev.canvasHovered);
    CHECK(ev.hovered == 4);
    CHECK(ev.clicked == -1);
    // Far from every point (but inside the canvas): nothing hovered.
    ev = h.frame(h.screenOf(0.25f, 0.75f));
    CHECK(ev.canvasHovered);
    CHECK(ev.hovered == -1);
    // Outside the canvas: not hovered at all.
    ev = h.frame(ImVec2(990, 790));
    CHECK_FALSE(ev.canvasHovered);

    h.frame(h.screenOf(1, 1));
    ev = h.frame(h.screenOf(1, 1), true);
    CHECK(ev.clicked == -1);  // fires on release, so a drag can still become a pan
    ev = h.frame(h.screenOf(1, 1), false);
    CHECK(ev.clicked == 3);
    CHECK_FALSE(ev.selectionChanged);

    SECTION("hidden classes are not picked") {
        h.overlay.hiddenClasses = {false, false, false, true};  // point 4 has class 3
        ev = h.frame(ImVec2(p.x + 3, p.y - 2));
        CHECK(ev.hovered == -1);
    }
}

TEST_CASE("wheel zooms around the cursor", "[ui][scatter]") {
    Harness h;
    // ImGui floors the mouse position, so take a whole pixel near the data point (0.8, 0.2).
    const ImVec2 p = h.screenOf(0.8f, 0.2f), mouse(std::floor(p.x), std::floor(p.y));
    const PlotViewport before = h.state.viewport;
    const ImVec2 anchor = screenToData(before, h.state.canvasSize, h.state.canvasOrigin, mouse);
    ScatterEvents ev = h.frame(mouse, false, 2.0f);
    CHECK(ev.viewportChanged);
    CHECK(h.state.viewport.scale == Approx(before.scale * 1.2f * 1.2f));
    const ImVec2 under = screenToData(h.state.viewport, h.state.canvasSize, h.state.canvasOrigin, mouse);
    CHECK(under.x == Approx(anchor.x).margin(1e-5));
    CHECK(under.y == Approx(anchor.y).margin(1e-5));
    // The centre moved towards the cursor.
    CHECK(h.state.viewport.centerX > before.centerX);
    CHECK(h.state.viewport.centerY < before.centerY);
    h.frame(mouse, false, -2.0f);
    CHECK(h.state.viewport.scale == Approx(before.scale));
}

TEST_CASE("shift + drag selects the points inside the box", "[ui][scatter]") {
    Harness h;
    ImGui::GetIO().KeyShift = true;
    const ScatterEvents ev = h.drag(h.screenOf(-0.04f, 0.7f), h.screenOf(0.7f, -0.04f), 5);
    ImGui::GetIO().KeyShift = false;
    CHECK(ev.selectionChanged);
    CHECK(ev.selection == std::vector<int64_t>{0, 4});
    CHECK(ev.clicked == -1);
    CHECK(h.state.drag == ScatterViewState::Drag::None);
}

TEST_CASE("alt + drag draws a lasso", "[ui][scatter]") {
    Harness h;
    ImGuiIO& io = ImGui::GetIO();
    io.KeyAlt = true;
    // Triangle (-0.04,-0.04) -> (1.2,-0.04) -> (-0.04,1.2): contains (0,0) and (0.5,0.5)? 0.5+0.5 < 1.16, yes;
    // (1,0) and (0,1) are inside too (1 + 0 < 1.16); (1,1) is not.
    h.frame(h.screenOf(-0.04f, -0.04f));
    h.frame(h.screenOf(-0.04f, -0.04f), true);
    for (int s = 1; s <= 6; ++s) h.frame(h.screenOf(-0.04f + 1.24f * s / 6, -0.04f), true);
    for (int s = 1; s <= 6; ++s) h.frame(h.screenOf(1.2f - 1.24f * s / 6, -0.04f + 1.24f * s / 6), true);
    CHECK(h.state.lasso.size() >= 2 * 8);
    const ScatterEvents ev = h.frame(h.screenOf(-0.04f, 1.2f), false);
    io.KeyAlt = false;
    CHECK(ev.selectionChanged);
    CHECK(ev.selection == std::vector<int64_t>{0, 1, 2, 4});
}

TEST_CASE("right drag pans, double-click on empty space fits again", "[ui][scatter]") {
    Harness h;
    const PlotViewport before = h.state.viewport;
    const ImVec2 from = h.screenOf(0.25f, 0.75f), to(from.x + 40, from.y + 20);
    const ScatterEvents ev = h.drag(from, to, 4, true);
    CHECK_FALSE(ev.selectionChanged);
    CHECK(ev.clicked == -1);
    CHECK(h.state.viewport.scale == before.scale);
    CHECK(h.state.viewport.centerX == Approx(before.centerX - 40 / before.scale));
    CHECK(h.state.viewport.centerY == Approx(before.centerY + 20 / before.scale));

    // A single click on empty space clears the selection; the second click of a double click fits.
    const ImVec2 empty = h.screenOf(0.25f, 0.75f);
    h.frame(empty);
    h.frame(empty, true);
    ScatterEvents click = h.frame(empty, false);
    CHECK(click.selectionChanged);
    CHECK(click.selection.empty());
    h.frame(empty, true);
    h.frame(empty, false);
    h.frame(empty, false);
    for (int i = 0; i < 10 && h.state.fitStartTime >= 0; ++i) h.frame(empty, false);  // the fit glides there
    CHECK(h.state.fitStartTime < 0);
    CHECK(h.state.viewport.centerX == Approx(before.centerX));
    CHECK(h.state.viewport.centerY == Approx(before.centerY));
}

TEST_CASE("axis numbers stay inside the view wherever a tick falls", "[ui][scatter]") {
    // Pan in small steps so that ticks pass close to every edge: a number centred on a tick near the right edge
    // (or beside one near the top) would reach outside the view and lose digits to its clip rectangle.
    Harness h;
    const ImU32 axisText = IM_COL32(210, 210, 220, 200);
    const float startX = h.state.viewport.centerX, startY = h.state.viewport.centerY;
    int numbersSeen = 0;
    for (int step = 0; step < 40; ++step) {
        h.state.viewport.centerX = startX + 0.013f * float(step);
        h.state.viewport.centerY = startY + 0.011f * float(step);
        h.frame();
        const ImVec2 lo = h.state.canvasOrigin;
        const ImVec2 hi(lo.x + h.state.canvasSize.x, lo.y + h.state.canvasSize.y);
        const ImDrawData* data = ImGui::GetDrawData();
        for (int l = 0; l < data->CmdListsCount; ++l)
            for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
                if (v.col == axisText) {
                    ++numbersSeen;
                    INFO("pan step " << step << ": glyph vertex at (" << v.pos.x << ", " << v.pos.y << ")");
                    REQUIRE(v.pos.x >= lo.x);
                    REQUIRE(v.pos.x <= hi.x);
                    REQUIRE(v.pos.y >= lo.y);
                    REQUIRE(v.pos.y <= hi.y);
                }
    }
    CHECK(numbersSeen > 0);
}

TEST_CASE("axis numbers never overlap one another", "[ui][scatter]") {
    // A y number near the bottom, kept inside the view, lands in the row of x numbers: "-40" over "-20" in the
    // bottom-left corner. Pan so that y ticks pass the bottom edge; every glyph (a quad of 4 vertices) must be
    // clear of the others.
    Harness h;
    const ImU32 axisText = IM_COL32(210, 210, 220, 200);
    const float startY = h.state.viewport.centerY;
    int cornersSeen = 0;
    for (int step = 0; step < 40; ++step) {
        h.state.viewport.centerY = startY + 0.011f * float(step);
        h.frame();
        std::vector<ImVec4> glyphs;  // x0, y0, x1, y1
        const ImDrawData* data = ImGui::GetDrawData();
        for (int l = 0; l < data->CmdListsCount; ++l) {
            const ImVector<ImDrawVert>& vtx = data->CmdLists[l]->VtxBuffer;
            for (int i = 0; i + 3 < vtx.Size; ++i) {
                if (vtx[i].col != axisText) continue;
                ImVec4 g(vtx[i].pos.x, vtx[i].pos.y, vtx[i].pos.x, vtx[i].pos.y);
                for (int j = 1; j < 4; ++j) {
                    g.x = std::min(g.x, vtx[i + j].pos.x), g.y = std::min(g.y, vtx[i + j].pos.y);
                    g.z = std::max(g.z, vtx[i + j].pos.x), g.w = std::max(g.w, vtx[i + j].pos.y);
                }
                glyphs.push_back(g);
                i += 3;
            }
        }
        const float bottom = h.state.canvasOrigin.y + h.state.canvasSize.y;
        for (const ImVec4& g : glyphs) cornersSeen += g.w > bottom - 30 && g.x < h.state.canvasOrigin.x + 30;
        for (size_t a = 0; a < glyphs.size(); ++a)
            for (size_t b = a + 1; b < glyphs.size(); ++b) {
                const float w = std::min(glyphs[a].z, glyphs[b].z) - std::max(glyphs[a].x, glyphs[b].x);
                const float hgt = std::min(glyphs[a].w, glyphs[b].w) - std::max(glyphs[a].y, glyphs[b].y);
                INFO("pan step " << step << ": glyphs at (" << glyphs[a].x << ", " << glyphs[a].y << ") and ("
                                 << glyphs[b].x << ", " << glyphs[b].y << ")");
                CHECK_FALSE((w > 1.0f && hgt > 1.0f));
            }
    }
    CHECK(cornersSeen > 0);  // the bottom-left corner had numbers to collide
}

TEST_CASE("a narrow view keeps its toolbar within its width", "[ui][scatter]") {
    // Fit + three radio buttons need ~215 px; a narrower view shows the drag mode as a combo instead, so that a
    // grid of narrow views (9 of them in a 1280 x 800 window) keeps every column in sight.
    Harness h;
    for (float width : {420.0f, 200.0f, 150.0f, 100.0f}) {
        INFO("view " << width << " px wide");
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1000, 800));
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        ImGui::BeginGroup();
        drawScatterView("view", h.state, h.points, h.overlay, h.canvas, ImVec2(width, 200), h.style);
        ImGui::EndGroup();
        const float groupWidth = ImGui::GetItemRectSize().x;
        ImGui::End();
        ImGui::Render();
        CHECK(groupWidth <= width + 0.5f);
    }
}

TEST_CASE("new points re-fit the view and rebuild the picking index", "[ui][scatter]") {
    Harness h;
    h.points.xy = {10, 10, 20, 30};
    h.points.colorIndex = {0, 0};
    h.points.version = 2;
    const PlotViewport old = h.state.viewport;
    // The re-fit glides: eased zoom and centre over ScatterViewStyle::fitSeconds, asking for frames meanwhile.
    ScatterEvents glide = h.frame();
    CHECK(glide.animating);
    CHECK(h.state.viewport == old);  // it starts where the view was
    glide = h.frame();
    CHECK(glide.animating);
    CHECK(h.state.viewport.centerX > old.centerX);
    CHECK(h.state.viewport.centerX < 15.0f);
    for (int i = 0; i < 10 && glide.animating; ++i) glide = h.frame();
    CHECK_FALSE(glide.animating);
    CHECK(h.state.viewport.centerX == Approx(15.0f));
    CHECK(h.state.viewport.centerY == Approx(20.0f));
    const ScatterEvents ev = h.frame(h.screenOf(20, 30));
    CHECK(ev.hovered == 1);
}

TEST_CASE("a glide over a view that is slow to draw spaces its frames", "[ui][scatter]") {
    // Every glide frame redraws the whole view: back-to-back frames over 100k points would keep the main thread
    // busy while an edit's analyses need the cores. The glide waits three times a frame's cost, at most 1/15 s.
    CHECK(glideFrameSpacing(0.0) == 0.0);
    CHECK(glideFrameSpacing(0.001) == Approx(0.003));
    CHECK(glideFrameSpacing(0.010) == Approx(0.030));
    CHECK(glideFrameSpacing(1.0) == Approx(1.0 / 15.0));
    // The widget measures its canvas: one that takes 5 ms a render has its glide frames asked 15 ms apart.
    class SlowCanvas final : public PlotCanvas {
       public:
        ImTextureID render(int, const PlotPoints&, const PlotOverlay&, const PlotViewport&, int, int) override {
            const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(5);
            while (std::chrono::steady_clock::now() < until) {
            }
            return nullptr;
        }
        void release(int) override {}
    } slow;
    Harness h;
    const auto frameOn = [&h](PlotCanvas& canvas) {
        ImGui::NewFrame();
        ImGui::Begin("test");
        const ScatterEvents ev =
            drawScatterView("view", h.state, h.points, h.overlay, canvas, ImVec2(420, 420), h.style);
        ImGui::End();
        ImGui::Render();
        return ev;
    };
    h.points.xy = {10, 10, 20, 30};
    h.points.colorIndex = {0, 0};
    h.points.version = 2;
    frameOn(slow);  // the glide starts, and the view takes 5 ms to draw
    const ScatterEvents glide = frameOn(slow);
    REQUIRE(glide.animating);
    CHECK(h.state.renderSeconds >= 0.005);
    CHECK(glide.nextFrameSeconds >= 0.015);
    CHECK(glide.nextFrameSeconds <= 1.0 / 15.0);
    // Once the view draws at once again, so do the glide's frames.
    frameOn(h.canvas);
    const ScatterEvents quick = frameOn(h.canvas);
    REQUIRE(quick.animating);
    CHECK(quick.nextFrameSeconds < 0.003);
}

TEST_CASE("new points picked through the index they bring, built off the main thread, while it is theirs",
          "[ui][scatter]") {
    Harness h;
    // Points of version 2 with their own index, built for them: the view adopts it instead of building one.
    h.points.xy = {10, 10, 20, 30};
    h.points.colorIndex = {0, 0};
    h.points.version = 2;
    auto prebuilt = std::make_shared<PointGridIndex>();
    prebuilt->build(h.points.xy.data(), 2);
    h.points.index = prebuilt;
    h.points.indexedVersion = 2;
    for (int i = 0; i < 12; ++i) h.frame();  // the re-fit glides there
    CHECK(h.state.index == h.points.index);
    CHECK(h.frame(h.screenOf(20, 30)).hovered == 1);
    // The points move on (a tween writes xy and bumps the version) with the old index still attached: it is not
    // theirs any more, so the view builds its own and picks the points where they are now.
    h.points.xy = {10, 10, 14, 12};
    h.points.version = 3;
    for (int i = 0; i < 12; ++i) h.frame();
    CHECK(h.state.index != h.points.index);
    CHECK(h.state.index->size() == 2);
    CHECK(h.frame(h.screenOf(14, 12)).hovered == 1);
}

TEST_CASE("legend click rule toggles and solos classes", "[ui][legend]") {
    std::vector<bool> hidden;
    CHECK(toggleLegendClass(hidden, 3, 1, false));
    CHECK(hidden == std::vector<bool>{false, true, false});
    CHECK(toggleLegendClass(hidden, 3, 2, true));
    CHECK(hidden == std::vector<bool>{true, true, false});
    CHECK(toggleLegendClass(hidden, 3, 2, true));  // already alone: show everything again
    CHECK(hidden == std::vector<bool>{false, false, false});
    CHECK_FALSE(toggleLegendClass(hidden, 3, 7, false));
}

TEST_CASE("new points keep the frame while it still shows them well, else the view glides to their fit",
          "[ui][scatter]") {
    Harness h;
    const PlotViewport first = h.state.viewport;
    // A point moved a little inside the frame: the points move, the axes stay.
    h.points.xy[8] = 0.52f;
    h.points.version = 2;
    h.frame();
    CHECK(h.state.viewport == first);
    CHECK(h.state.fitStartTime < 0);
    CHECK(h.state.fittedVersion == 2);
    // Every point drawn to half the spread: they would fill half the view, so it refits, gliding.
    h.points.xy = {0.25f, 0.25f, 0.75f, 0.25f, 0.25f, 0.75f, 0.75f, 0.75f, 0.5f, 0.5f};
    h.points.version = 3;
    h.frame();
    CHECK(h.state.fitStartTime >= 0);
    for (int i = 0; i < 10 && h.state.fitStartTime >= 0; ++i) h.frame();
    CHECK(h.state.viewport.scale == Approx(2 * first.scale).epsilon(0.01));
    // A point outside the frame: it refits too, zooming out.
    const PlotViewport second = h.state.viewport;
    h.points.xy[8] = 3.0f;
    h.points.version = 4;
    h.frame();
    CHECK(h.state.fitStartTime >= 0);
    CHECK(h.state.viewport.scale == Approx(second.scale).epsilon(0.01));  // still at the start of the glide
    for (int i = 0; i < 10 && h.state.fitStartTime >= 0; ++i) h.frame();
    CHECK(h.state.viewport.scale < second.scale * 0.5f);
    CHECK(h.state.fittedVersion == 4);
}
