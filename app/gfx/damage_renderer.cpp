#include "app/gfx/damage_renderer.h"

#include "app/gfx/gl.h"
#include "app/gfx/gl_check.h"

#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace lb::gfx {

namespace {

// f(command) for each draw command of `d`, in drawing order.
template <class F>
void forEachCommand(ImDrawData& d, F&& f) {
    for (int l = 0; l < d.CmdListsCount; ++l)
        for (ImDrawCmd& c : d.CmdLists[l]->CmdBuffer) f(c);
}

}  // namespace

void DamageRenderer::render(ImDrawData& d, const std::vector<ui::ScreenRect>& rects, const ImVec4& clear) {
    const float sx = d.FramebufferScale.x, sy = d.FramebufferScale.y;
    const int w = static_cast<int>(d.DisplaySize.x * sx), h = static_cast<int>(d.DisplaySize.y * sy);
    if (w <= 0 || h <= 0) return;
    std::vector<ui::ScreenRect> passes = rects;
    if (!m_partial || w != m_width || h != m_height) {
        m_width = w;
        m_height = h;
        passes = {{d.DisplayPos.x, d.DisplayPos.y, d.DisplayPos.x + d.DisplaySize.x, d.DisplayPos.y + d.DisplaySize.y}};
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, w, h);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    // Every pass draws the whole draw data with each command's clip rectangle cut down to the pass: overlapping
    // windows inside the rectangle are redrawn in their stacking order, and nothing outside is touched.
    std::vector<ImVec4> saved;
    forEachCommand(d, [&saved](const ImDrawCmd& c) { saved.push_back(c.ClipRect); });
    for (const ui::ScreenRect& r : passes) {
        // In framebuffer pixels, rounded outwards; GL rows start at the bottom.
        const int x0 = std::max(0, static_cast<int>(std::floor((r.x0 - d.DisplayPos.x) * sx)));
        const int x1 = std::min(w, static_cast<int>(std::ceil((r.x1 - d.DisplayPos.x) * sx)));
        const int y0 = std::max(0, static_cast<int>(std::floor((r.y0 - d.DisplayPos.y) * sy)));
        const int y1 = std::min(h, static_cast<int>(std::ceil((r.y1 - d.DisplayPos.y) * sy)));
        if (x1 <= x0 || y1 <= y0) continue;
        glEnable(GL_SCISSOR_TEST);
        glScissor(x0, h - y1, x1 - x0, y1 - y0);
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
        // The same rectangle in display coordinates (snapped to the pixels just cleared).
        const ImVec4 pass(d.DisplayPos.x + x0 / sx, d.DisplayPos.y + y0 / sy, d.DisplayPos.x + x1 / sx,
                          d.DisplayPos.y + y1 / sy);
        size_t i = 0;
        forEachCommand(d, [&](ImDrawCmd& c) {
            const ImVec4& o = saved[i++];
            c.ClipRect =
                ImVec4(std::max(o.x, pass.x), std::max(o.y, pass.y), std::min(o.z, pass.z), std::min(o.w, pass.w));
        });
        ImGui_ImplOpenGL3_RenderDrawData(&d);
    }
    size_t i = 0;
    forEachCommand(d, [&](ImDrawCmd& c) { c.ClipRect = saved[i++]; });
    LB_GL_CHECK();
}

bool isSoftwareRasterizer() {
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (!renderer) return false;
    const std::string name(renderer);
    return name.find("llvmpipe") != std::string::npos || name.find("softpipe") != std::string::npos;
}

}  // namespace lb::gfx
