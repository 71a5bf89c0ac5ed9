// Frame pacing: the loop's wait follows the running jobs' age, and a young job's progress bar leaves the
// frame unchanged (so nothing is redrawn while it runs).
#include "app/ui/frame_pacing.h"

#include "app/ui/frame_damage.h"
#include "app/ui/widgets/job_progress.h"
#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

using namespace lb;
using namespace lb::ui;
using namespace std::chrono_literals;

TEST_CASE("the frame loop waits longer while jobs are young", "[ui][pacing]") {
    CHECK(frameWaitSeconds({}, false) == Approx(kIdleWaitSeconds));
    CHECK(frameWaitSeconds({}, true) == Approx(kProgressWaitSeconds));
    // A job that just started: no frame for its progress until it is kProgressAfterMs old.
    CHECK(frameWaitSeconds({0.0}, false) == Approx(kProgressAfterMs / 1000.0));
    CHECK(frameWaitSeconds({200.0}, false) ==
          Approx(std::max(kProgressWaitSeconds, (kProgressAfterMs - 200.0) / 1000.0)));
    // The oldest job decides: once one has run long enough, progress bars move at 8 frames a second.
    CHECK(frameWaitSeconds({10.0, kProgressAfterMs + 1.0}, false) == Approx(kProgressWaitSeconds));
}

TEST_CASE("a young job's progress bar leaves the frame unchanged as the job advances", "[ui][pacing]") {
    test::ImGuiHeadless imgui;
    MainThreadQueue queue;
    JobRunner runner(queue, 1);
    std::atomic<int> step{0};
    std::atomic<bool> stop{false};
    JobHandle job = runner.submit("busy", [&](JobContext& ctx) {
        ctx.setStage("working", 100);
        while (!stop) {
            if (step.load() > 0) ctx.advance(1), step = 0;
            std::this_thread::sleep_for(1ms);
        }
        return Status::ok();
    });
    while (job.elapsedMs() <= 0.0) std::this_thread::sleep_for(1ms);
    FrameDamage damage;
    // One frame with the job's bar: the damaged rectangles.
    auto frame = [&] {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(10, 10));
        ImGui::SetNextWindowSize(ImVec2(400, 100));
        ImGui::Begin("job");
        drawJobProgress(job, job.fraction(), ImVec2(200, 0), "computing " + job.stage());
        ImGui::End();
        ImGui::Render();
        return damage.update(*ImGui::GetDrawData(), {}, false);
    };
    auto advance = [&] {
        step = 1;
        while (step.load() != 0) std::this_thread::sleep_for(1ms);
    };
    frame();
    frame();
    advance();
    // Young: nothing to redraw although the fraction moved (checked when the machine let the job stay young).
    const bool changed = !frame().empty();
    if (job.elapsedMs() < kProgressAfterMs) CHECK_FALSE(changed);
    while (job.elapsedMs() < kProgressAfterMs) std::this_thread::sleep_for(5ms);
    CHECK_FALSE(frame().empty());  // now the bar shows its fraction and label
    advance();
    CHECK_FALSE(frame().empty());  // and moves with it
    stop = true;
    runner.waitIdle(std::chrono::seconds(5));
}
