// Which parts of the window a frame must redraw. Under Mesa's llvmpipe a frame's CPU cost grows with every
// pixel it covers (every window's background, tables and views), and it is paid on the cores the jobs run on.
// Most frames change one window, or nothing: a panel's result arrives, a progress bar moves, the mouse hovers
// a view. So each ImGui window's draw list is compared with the previous frame's and only the screen
// rectangles of the windows that changed are redrawn (app/gfx/damage_renderer.h); a frame where nothing
// changed is not drawn at all. ImGui only (no GL).
#pragma once

#include "app/ui/plot_canvas.h"

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lb::ui {

// A rectangle of the window in ImGui display coordinates: x0 <= x < x1, y0 <= y < y1.
struct ScreenRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return !(x1 > x0 && y1 > y0); }
    float area() const { return empty() ? 0.0f : (x1 - x0) * (y1 - y0); }
};

class FrameDamage {
public:
    // The version of a texture's pixels (a plot view is redrawn into the same texture id); 0 = never changes.
    using TextureVersion = std::function<uint64_t(ImTextureID)>;
    // Where a texture's pixels changed since a version (PlotCanvas::changedSince); nullopt = anywhere.
    using TextureChange = std::function<std::optional<TextureRegion>(ImTextureID, uint64_t since)>;
    static constexpr size_t kMaxRects = 4;  // at most this many passes: more rectangles are merged

    // The rectangles to redraw for frame `d`, compared with the frame passed before: for each draw list (one
    // per ImGui window, matched by window name) whose indices or commands changed, its old and new extent;
    // where only vertices or texture contents changed, the triangles that use those vertices (old and new
    // positions) and those that show those textures (only the part of their quad that `changed` reports, when
    // it knows); the old extent of a window that disappeared. The whole
    // display when `force`, on the first frame, when the display size changed, or when a command runs a user
    // callback (the export panel reads the framebuffer in one). Empty: the frame matches the screen.
    // Rectangles are merged where their bounding box adds little area (see merged() in the .cpp), so they may
    // overlap.
    std::vector<ScreenRect> update(const ImDrawData& d, const TextureVersion& version, bool force,
                                   const TextureChange& changed = {});

private:
    struct ListState {
        uint64_t hash = 0;           // everything the list draws
        uint64_t structureHash = 0;  // its triangles and commands, without the vertices and texture versions
        ScreenRect extent;
        std::vector<ImDrawVert> vertices;       // to find which changed when only vertices did
        std::vector<uint64_t> textureVersions;  // per command: to find the redrawn textures
    };
    std::map<std::string, ListState> m_lists;
    ImVec2 m_display{-1.0f, -1.0f};
};

}  // namespace lb::ui
