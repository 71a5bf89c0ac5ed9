// Frame pacing: a frame is presented only when what ImGui would draw (or the canvas behind it) changed, the
// loop's wait follows the running jobs' age, and a young job's progress bar leaves the frame unchanged.
#include "app/ui/frame_pacing.h"

#include "app/ui/widgets/job_progress.h"
#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

using namespace lb;
using namespace lb::ui;
using namespace std::chrono_literals;

namespace {

// One headless frame drawing `body` in a window; its signature.
FrameSignature frameOf(const std::function<void()>& body, uint64_t extra = 0) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(10, 10));
    ImGui::SetNextWindowSize(ImVec2(400, 300));
    ImGui::Begin("pacing");
    body();
    ImGui::End();
    ImGui::Render();
    return frameSignature(*ImGui::GetDrawData(), extra);
}

}  // namespace

TEST_CASE("a frame's signature changes with what it draws, and only then", "[ui][pacing]") {
    test::ImGuiHeadless imgui;
    auto text = [](const char* s) { return [s] { ImGui::TextUnformatted(s); }; };
    frameOf(text("warm-up"));  // the first frame lays the window out
    const FrameSignature a = frameOf(text("accuracy 0.812"));
    CHECK(frameOf(text("accuracy 0.812")).hash == a.hash);
    CHECK(frameOf(text("accuracy 0.813")).hash != a.hash);
    CHECK(frameOf(text("accuracy 0.812"), 1).hash != a.hash);  // the canvas content changed underneath
    CHECK_FALSE(a.callbacks);
    const FrameSignature withCallback = frameOf([] {
        ImGui::TextUnformatted("accuracy 0.812");
        ImGui::GetWindowDrawList()->AddCallback([](const ImDrawList*, const ImDrawCmd*) {}, nullptr);
    });
    CHECK(withCallback.callbacks);
}

TEST_CASE("the presenter skips frames that match the screen", "[ui][pacing]") {
    FramePresenter p;
    const FrameSignature a{1, false}, b{2, false}, capture{2, true};
    CHECK(p.shouldPresent(a, false));  // nothing on screen yet
    CHECK_FALSE(p.shouldPresent(a, false));
    CHECK(p.shouldPresent(a, true));  // forced: the window system asked for a repaint
    CHECK(p.shouldPresent(b, false));
    CHECK(p.shouldPresent(capture, false));  // a callback (a framebuffer capture) must run
    CHECK_FALSE(p.shouldPresent(b, false));
    CHECK(p.presented() == 4);
    CHECK(p.skipped() == 2);
}

TEST_CASE("the frame loop waits longer while jobs are young", "[ui][pacing]") {
    CHECK(frameWaitSeconds({}, false) == Approx(kIdleWaitSeconds));
    CHECK(frameWaitSeconds({}, true) == Approx(kProgressWaitSeconds));
    // A job that just started: no frame for its progress until it is kProgressAfterMs old.
    CHECK(frameWaitSeconds({0.0}, false) == Approx(kProgressAfterMs / 1000.0));
    CHECK(frameWaitSeconds({200.0}, false) == Approx(std::max(kProgressWaitSeconds, (kProgressAfterMs - 200.0) / 1000.0)));
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
    auto bar = [&] { drawJobProgress(job, job.fraction(), ImVec2(200, 0), "computing " + job.stage()); };
    frameOf(bar);
    const FrameSignature young = frameOf(bar);
    step = 1;
    while (step.load() != 0) std::this_thread::sleep_for(1ms);
    // Young: the same pixels although the fraction moved (checked when the machine let the job stay young).
    const uint64_t advanced = frameOf(bar).hash;
    if (job.elapsedMs() < kProgressAfterMs) CHECK(advanced == young.hash);
    while (job.elapsedMs() < kProgressAfterMs) std::this_thread::sleep_for(5ms);
    const FrameSignature old = frameOf(bar);
    CHECK(old.hash != young.hash);  // now the bar shows its fraction and label
    step = 1;
    while (step.load() != 0) std::this_thread::sleep_for(1ms);
    CHECK(frameOf(bar).hash != old.hash);  // and moves with it
    stop = true;
    runner.waitIdle(std::chrono::seconds(5));
}
