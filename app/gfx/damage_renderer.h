// Draws ImGui's frames into the window's back buffer, only inside the damaged rectangles that
// ui/frame_damage.h finds: under llvmpipe (CPU time per covered pixel) a frame where one panel changed then
// costs that panel's pixels, not the window's.
//
// That needs a back buffer that still holds the previous frame after a swap: where it does is
// ui/redraw_rules.h [3] (drawsPartialFrames). Neither driver here offers GLX_EXT_buffer_age to ask. Rendering
// into an offscreen copy and blitting it would avoid the question, but under llvmpipe the full-window blit
// alone would cost every frame a large share of what a full redraw costs.
// Main thread only, with the GL 3.3 core context current.
#pragma once

#include "app/ui/frame_damage.h"

#include <imgui.h>

#include <vector>

namespace lb::gfx {

class DamageRenderer {
   public:
    // partial: ui::drawsPartialFrames(isSoftwareRasterizer(), ...); false = always draw whole frames.
    explicit DamageRenderer(bool partial) : m_partial(partial) {}

    // Clears each of `rects` (display coordinates) to `clear` and draws `d` clipped to it, in the default
    // framebuffer. Draws the whole frame instead when partial drawing is off, on the first call, and after
    // the framebuffer size changed. `d`'s clip rectangles are restored before returning.
    void render(ImDrawData& d, const std::vector<ui::ScreenRect>& rects, const ImVec4& clear);

   private:
    bool m_partial;
    int m_width = 0, m_height = 0;
};

// Whether the current context is one of Mesa's software rasterizers (GL_RENDERER names llvmpipe or softpipe):
// its back buffer keeps its pixels across swaps (redraw_rules.h [3]), and each primitive costs CPU setup time.
// Main thread, GL context current.
bool isSoftwareRasterizer();

}  // namespace lb::gfx
