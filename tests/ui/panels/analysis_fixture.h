// Shared by the analysis panel tests: an ImGui context without a GL backend, a NullPlotCanvas, a JobRunner and
// the rotated two-space session of tests/core/analysis/analysis_fixture.h.
#pragma once

#include "app/ui/app.h"
#include "app/ui/app_state.h"
#include "tests/core/analysis/analysis_fixture.h"
#include "tests/support/test_helpers.h"
#include "tests/ui/imgui_headless.h"

#include <imgui.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace lb::test {

struct PanelFixture {
    ImGuiHeadless imgui;
    MainThreadQueue queue;
    JobRunner jobs{queue, 2};
    ui::NullPlotCanvas canvas;
    ui::AppState st{jobs, canvas};
    std::function<void()> extra;  // drawn inside the frame after the app (direct panel tests)

    // n rows, width d; B = A·R, or a different width when dB != d (B = first dB columns of A·R).
    explicit PanelFixture(Index n = 240, Index d = 8, Index dB = 8) { fillRotatedSession(st.session, n, d, dB); }
    ~PanelFixture() {
        jobs.cancelAll();
        jobs.waitIdle(std::chrono::seconds(10));
    }

    void frame() {
        ui::beginAppFrame(st);
        ImGui::NewFrame();
        ui::drawApp(st);
        if (extra) extra();
        ImGui::Render();
    }
    // Frames until nothing runs or waits (at most ~20 s).
    void settle() {
        for (int i = 0; i < 400; ++i) {
            st.jobs.waitIdle(std::chrono::seconds(5));
            frame();
            if (!ui::appIsBusy(st)) {
                frame();
                if (!ui::appIsBusy(st)) return;
            }
        }
        FAIL("the app did not settle");
    }
    nlohmann::json report() const {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& hook : st.reportHooks) hook(j);
        return j;
    }
    ui::ExtraPanel* panel(const std::string& id) { return st.panel(id); }
};

}  // namespace lb::test
