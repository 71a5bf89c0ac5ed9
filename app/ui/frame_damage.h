// Which parts of the window a frame must redraw: each ImGui window's draw list is compared with the previous
// frame's, following redraw_rules.h ([1] what counts as a change of a window, [2] frames drawn whole, [6]
// textures redrawn in place), and only the screen rectangles of what changed are redrawn
// (app/gfx/damage_renderer.h); a frame where nothing changed is not drawn at all. ImGui only (no GL).
#pragma once

#include "app/ui/plot_canvas.h"
#include "app/ui/redraw_rules.h"

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
    // The version of a texture's pixels (PlotCanvas::textureVersion); kUnversionedTexture = never changes.
    using TextureVersion = std::function<uint64_t(ImTextureID)>;
    // Where a texture's pixels changed since a version (PlotCanvas::changedSince); nullopt = anywhere.
    using TextureChange = std::function<std::optional<TextureRegion>(ImTextureID, uint64_t since)>;
    static constexpr size_t kMaxRects = 4;  // at most this many passes: more rectangles are merged

    // The rectangles to redraw for frame `d`, compared with the frame passed before: for each draw list (one
    // per ImGui window, matched by window name) with a WindowChange::Layout, its old and new extent; with a
    // WindowChange::Contents, the triangles that use the changed vertices (old and new positions) and those
    // that show a redrawn texture (only the part of their quad that `changed` reports, when it knows); the old
    // extent of a window that disappeared. The whole display when `force` (the frame loop's WholeFrameCauses)
    // or for the causes seen here (a new display size, a command that runs a user callback). Empty: the frame
    // matches the screen. Rectangles are merged where their bounding box adds little area (see merged() in the
    // .cpp), so they may overlap.
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
