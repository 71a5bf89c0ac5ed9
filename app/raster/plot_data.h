// What a scatter view shows, as plain data: its points, the overlay drawn over them and the viewport that maps
// them to pixels. Shared by the CPU rasterizers (point_splat.h, density_image.h), the PlotCanvas seam
// (app/ui/plot_canvas.h) and the GL renderer. No ImGui or GL dependence.
#pragma once

#include "app/raster/point_grid_index.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace lb::ui {

constexpr uint16_t kUnlabeled = 0xFFFF;

// CPU side of one scatter view's points. Bump `version` whenever xy or colorIndex change so the renderer
// re-uploads only then.
struct PlotPoints {
    std::vector<float> xy;             // 2N floats: x0, y0, x1, y1, ... in data coordinates
    std::vector<uint16_t> colorIndex;  // N palette indices (class id), kUnlabeled when the space has no labels
    uint64_t version = 0;
    // The picking index over xy when it was built beside them off the main thread (O(N): a frame's worth at 1M
    // points), for the points of version `indexedVersion`; any other version (a later change of xy or colours)
    // and the scatter view builds its own.
    std::shared_ptr<const PointGridIndex> index;
    uint64_t indexedVersion = UINT64_MAX;
    size_t size() const { return colorIndex.size(); }
};

// What is drawn on top of / instead of plain points. Bump `version` on any change.
struct PlotOverlay {
    std::vector<int64_t> anchors;     // row indices drawn as anchors (ring markers)
    std::vector<int64_t> selected;    // row indices in the current box/lasso selection
    int64_t hovered = -1;             // row index under the mouse (in any linked view), -1 for none
    std::vector<int64_t> fresh;       // anchors the last anchor edit added: drawn with a glow (a subset of anchors)
    float freshGlow = 0.0f;           // the glow's strength, 1 just after the edit fading to 0
    std::vector<int64_t> discovered;  // anchors that are discovered pairs (Session::partners): their own ring colour
                                      // (a subset of anchors)
    std::vector<bool> hiddenClasses;  // hiddenClasses[c] = true hides class c (legend toggles)
    uint64_t version = 0;
};

// Maps data coordinates to pixels: px = (x - centerX) * scale + width / 2, py = height / 2 - (y - centerY) * scale.
struct PlotViewport {
    float centerX = 0.0f;
    float centerY = 0.0f;
    float scale = 1.0f;  // pixels per data unit
    bool operator==(const PlotViewport& o) const {
        return centerX == o.centerX && centerY == o.centerY && scale == o.scale;
    }
};

}  // namespace lb::ui
