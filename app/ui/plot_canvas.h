// The seam between the UI (lb_ui, no GL) and the renderer (lb_gfx): a scatter view hands its points and
// overlay to a PlotCanvas and gets back a texture to show with ImGui::Image. The GL implementation lives
// in app/gfx/; tests use NullPlotCanvas and run every panel without a GL context.
#pragma once

#include "app/raster/plot_data.h"
#include "app/ui/redraw_rules.h"

#include <imgui.h>

#include <cstdint>
#include <optional>

namespace lb::ui {

// A rectangle of a texture in texture coordinates ([0, 1]², u0 <= u < u1, v0 <= v < v1; v = 0 is the first
// row uploaded).
struct TextureRegion {
    float u0 = 0, v0 = 0, u1 = 1, v1 = 1;
    bool empty() const { return !(u1 > u0 && v1 > v0); }
};

class PlotCanvas {
   public:
    virtual ~PlotCanvas() = default;
    // Returns a texture of width x height pixels showing the view. Implementations redraw only when the
    // points, overlay, viewport or size changed since the last call with the same viewId. Main thread only.
    virtual ImTextureID render(int viewId, const PlotPoints& points, const PlotOverlay& overlay,
                               const PlotViewport& viewport, int width, int height) = 0;
    // Forgets a view's cached texture (view closed).
    virtual void release(int viewId) = 0;
    // The version of the pixels of a texture render() returned: it changes whenever the view is redrawn into
    // the same texture (redraw_rules.h [6]). kUnversionedTexture for a texture the canvas does not know.
    virtual uint64_t textureVersion(ImTextureID) const { return kUnversionedTexture; }
    // Where the pixels of such a texture changed since its version `since` (empty: nowhere), when the canvas
    // knows; nullopt = anywhere (redraw_rules.h [6]).
    virtual std::optional<TextureRegion> changedSince(ImTextureID, uint64_t since) const { return std::nullopt; }
    // A texture showing a small grayscale image (width × height bytes, row 0 = top: a thumbnail); the same
    // bytes give the same texture, kept while it is used. nullptr when the canvas has none to give (headless):
    // the caller draws the image another way.
    virtual ImTextureID imageTexture(const uint8_t* gray, int width, int height) { return nullptr; }
    // Image textures held, and uploaded since creation (for the test report: an unchanged page of thumbnails
    // uploads nothing).
    struct ImageTextureStats {
        size_t textures = 0;
        uint64_t uploads = 0;
    };
    virtual ImageTextureStats imageTextureStats() const { return {}; }
};

// For headless tests: draws nothing and returns texture 0.
class NullPlotCanvas final : public PlotCanvas {
   public:
    ImTextureID render(int, const PlotPoints&, const PlotOverlay&, const PlotViewport&, int, int) override {
        ++renderCalls;
        return nullptr;
    }
    void release(int) override {}
    int renderCalls = 0;
};

}  // namespace lb::ui
