// Shared by the analysis panel tests: an ImGui context without a GL backend, a NullPlotCanvas, a JobRunner
// and a session of two labelled spaces where B is A rotated (same samples, keys in reverse order), so the
// relative representations coincide and a translation recovers A exactly.
#pragma once

#include "app/ui/app.h"
#include "app/ui/app_state.h"
#include "tests/support/test_helpers.h"
#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace lb::test {

inline std::shared_ptr<const LatentSpace> rotatedSpace(const std::string& name, const RowMatrixXf& x, bool reverse) {
    LatentSpace s;
    s.name = name;
    s.path = name + ".npz";
    const Index n = x.rows();
    RowMatrixXf rows(n, x.cols());
    for (Index i = 0; i < n; ++i) {
        const Index src = reverse ? n - 1 - i : i;
        rows.row(i) = x.row(src);
        s.keys.push_back("k" + std::to_string(src));
        s.labels.push_back(static_cast<int32_t>(src % 3));
    }
    s.labelNames = {"cat", "dog", "bird"};
    s.embeddings = Embeddings(std::move(rows));
    return std::make_shared<const LatentSpace>(std::move(s));
}

struct PanelFixture {
    ImGuiHeadless imgui;
    MainThreadQueue queue;
    JobRunner jobs{queue, 2};
    ui::NullPlotCanvas canvas;
    ui::AppState st{jobs, canvas};
    std::function<void()> extra;  // drawn inside the frame after the app (direct panel tests)

    // n rows, width d; B = A·R, or a different width when dB != d (B = first dB columns of A·R).
    explicit PanelFixture(Index n = 240, Index d = 8, Index dB = 8) {
        RowMatrixXf a = randomMatrix(n, d, 7);
        // Class-dependent offsets along separate axes so the classes are linearly separable.
        for (Index i = 0; i < n; ++i) a(i, i % 3) += 6.0f;  // one direction per class: no masking for ridge
        const RowMatrixXf b = (a * randomRotation(d, 3)).leftCols(dB);
        st.session.addSpace("a.npz", rotatedSpace("model_a", a, false));
        st.session.addSpace("b.npz", rotatedSpace("model_b", b, true));
        // Centering only: standard scaling is not rotation-equivariant, so it would not recover the rotation.
        st.session.settings.translation.scaling = Scaling::Center;
        std::vector<Index> anchors;
        for (Index i = 0; i < 40; ++i) anchors.push_back(i * 5 + 1);
        st.session.setAnchors(anchors, "test anchors");
    }
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
    ui::ExtraPanel* panel(const std::string& name) {
        for (ui::ExtraPanel& p : st.extraPanels)
            if (p.name == name) return &p;
        return nullptr;
    }
};

}  // namespace lb::test
