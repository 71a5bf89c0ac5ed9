// When the frame loop wakes. Every frame costs CPU on the cores the jobs run on (frame_damage.h: what a frame
// redraws), so while jobs run the loop wakes for their progress bars only once they have run long enough for a
// progress bar to mean something. No ImGui or GL: a policy for gui_main.cpp's loop.
#pragma once

#include <vector>

namespace lb::ui {

// How long the loop may wait for input before its next frame, in seconds. Input and a finished job (the job
// queue's wakeup) end the wait at once, so this only paces frames nobody asked for:
//  - idle (no running job, nothing pending): kIdleWaitSeconds, for ImGui's timed effects (tooltip delays);
//  - jobs running: 1/8 s for their progress bars, but not before the oldest has run kProgressAfterMs. A job
//    younger than that (an anchor click's panel updates, whose goal is 100 ms) usually finishes first and
//    wakes the loop itself; redrawing its bar meanwhile would only slow it down.
// runningMs: how long each running job has run (ms); pending: queued jobs or loads not yet running.
constexpr double kIdleWaitSeconds = 0.25;
constexpr double kProgressAfterMs = 300.0;
constexpr double kProgressWaitSeconds = 1.0 / 8.0;
double frameWaitSeconds(const std::vector<double>& runningMs, bool pending);

}  // namespace lb::ui
