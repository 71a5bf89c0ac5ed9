// When the frame loop draws and when it sleeps. Under Mesa's llvmpipe one frame of the 1600 × 1000 window costs
// about 55 ms of CPU (fill rate: it scales with the window's pixels), on the same 2 cores as the jobs the frames
// report on. So the loop presents a frame only when it differs from the one on screen, and while jobs run it
// wakes for their progress bars only once they have run long enough for a progress bar to mean something.
// ImGui only (no GL): the loop in gui_main.cpp renders and swaps when shouldPresent says so.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace lb::ui {

// What ImGui's renderer reads from `d` (display size, every list's vertices, indices and draw commands), hashed
// with `extra`: what the hash cannot see, such as the plot canvas's content version (a view's texture is redrawn
// under the same texture id). Equal hashes = the same pixels, unless a draw command runs a user callback (the
// export panel reads the framebuffer in one): such a frame is always rendered. O(vertices + indices).
struct FrameSignature {
    uint64_t hash = 0;
    bool callbacks = false;
};
FrameSignature frameSignature(const ImDrawData& d, uint64_t extra);

// Remembers the hash of the frame on screen.
class FramePresenter {
public:
    // Whether a frame must be rendered and swapped: it differs from the last presented one, runs callbacks, or
    // `force` (the first frames, screenshots, a window the system asked to repaint). Records it if so.
    bool shouldPresent(const FrameSignature& frame, bool force);
    uint64_t presented() const { return m_presented; }  // frames rendered and swapped
    uint64_t skipped() const { return m_skipped; }      // frames that matched the screen

private:
    uint64_t m_last = 0;
    bool m_any = false;
    uint64_t m_presented = 0, m_skipped = 0;
};

// How long the loop may wait for input before its next frame, in seconds. Input and a finished job (the job
// queue's wakeup) end the wait at once, so this only paces frames nobody asked for:
//  - idle (no running job, nothing pending): kIdleWaitSeconds, for ImGui's timed effects (tooltip delays);
//  - jobs running: 1/8 s for their progress bars, but not before the oldest has run kProgressAfterMs. A job
//    younger than that (an anchor click's panel updates take ~100 ms) usually finishes first and wakes the
//    loop itself; redrawing its bar meanwhile would only slow it down.
// runningMs: how long each running job has run (ms); pending: queued jobs or loads not yet running.
constexpr double kIdleWaitSeconds = 0.25;
constexpr double kProgressAfterMs = 300.0;
constexpr double kProgressWaitSeconds = 1.0 / 8.0;
double frameWaitSeconds(const std::vector<double>& runningMs, bool pending);

}  // namespace lb::ui
