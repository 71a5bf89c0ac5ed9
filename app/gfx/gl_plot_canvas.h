// The OpenGL implementation of lb::ui::PlotCanvas: every view renders into its own FBO textures, and only
// when something it depends on changed:
//   base layer  = the points (or the density image)   <- points.version, hidden classes, viewport, size
//   final layer = base + overlay markers               <- the base, overlay.version
// so hovering (overlay change) only blits the cached base and draws a few markers, and an unchanged
// view costs nothing but returning its texture.
// Above `pointBudget` visible points a view switches to the CPU density image (app/raster/density_image.h).
// Main thread only, with the GL 3.3 core context current; destroy before the context.
#pragma once

#include "app/gfx/gl_handle.h"
#include "app/gfx/gl_image_cache.h"
#include "app/raster/density_image.h"
#include "app/raster/image_diff.h"
#include "app/ui/plot_canvas.h"
#include "core/status.h"

#include <map>
#include <memory>

namespace lb::gfx {

enum class PlotRenderMode { Auto, Points, Density };

struct GlPlotCanvasOptions {
    PlotRenderMode mode = PlotRenderMode::Auto;  // Auto: points up to pointBudget visible points (default)
    size_t pointBudget = 200000;                 // visible points per view before density mode (default 200k)
    float pointSize = 4.0f;                      // point diameter in pixels (default 4)
    int binThreads = 0;                          // density binning threads, 0 = hardware (default 0)
    // Below the budget, draw the points on the CPU (app/raster/point_splat.h) instead of as GL points: for
    // software rasterizers, where each GL point has a fixed CPU setup cost (default off; the app turns it on
    // under llvmpipe).
    bool cpuPoints = false;
};

// Counters for tests and benchmarks (cumulative since creation).
struct GlPlotCanvasStats {
    uint64_t renderCalls = 0;      // render() calls
    uint64_t baseRedraws = 0;      // points / density layer redrawn
    uint64_t densityRedraws = 0;   // ... of which in density mode
    uint64_t cpuPointRedraws = 0;  // ... of which with the points drawn on the CPU
    uint64_t overlayRedraws = 0;   // final layer composed (base blit + markers)
    uint64_t pointUploads = 0;     // point buffers uploaded
};

class GlPlotCanvas final : public ui::PlotCanvas {
   public:
    // Compiles the embedded shaders. Fails (with the driver's log) when they do not build.
    static Result<std::unique_ptr<GlPlotCanvas>> create(const GlPlotCanvasOptions& options = {});
    ~GlPlotCanvas() override;

    ImTextureID render(int viewId, const ui::PlotPoints& points, const ui::PlotOverlay& overlay,
                       const ui::PlotViewport& viewport, int width, int height) override;
    void release(int viewId) override;
    uint64_t textureVersion(ImTextureID texture) const override;
    std::optional<ui::TextureRegion> changedSince(ImTextureID texture, uint64_t since) const override;
    ImTextureID imageTexture(const uint8_t* gray, int width, int height) override {
        return m_images.texture(gray, width, height);
    }
    ImageTextureStats imageTextureStats() const override { return {m_images.size(), m_images.uploads()}; }

    // Set options before the first render(): a view reuses the layers it drew with the old options until its
    // inputs change.
    GlPlotCanvasOptions& options() { return m_options; }
    const GlPlotCanvasStats& stats() const { return m_stats; }
    // Whether the view's current base layer is a density image (false for unknown views).
    bool isDensity(int viewId) const;

   private:
    struct View;
    GlPlotCanvas() = default;
    const View* viewShowing(ImTextureID texture) const;              // the view whose final texture this is, or null
    static void recordChange(View& v, const ui::PixelRect& pixels);  // a redraw of v's final texture
    void uploadPoints(View& v, const ui::PlotPoints& points);
    void uploadPalette(View& v, const std::vector<bool>& hidden);
    void resize(View& v, int width, int height);
    void drawBase(View& v, const ui::PlotPoints& points, const ui::PlotOverlay& overlay, const ui::PlotViewport& vp);
    void drawOverlay(View& v, const ui::PlotPoints& points, const ui::PlotOverlay& overlay, const ui::PlotViewport& vp);
    // drawOverlay on the GPU: the base blitted into the final texture, the markers as GL points over it.
    void drawGlMarkers(View& v, const ui::PlotPoints& points, const ui::PlotOverlay& overlay,
                       const ui::PlotViewport& vp);
    void usePointProgram(const View& v, const ui::PlotViewport& vp, float size, float ringWidth, const float ring[4],
                         float fillAlpha, bool showHidden);

    GlPlotCanvasOptions m_options;
    GlPlotCanvasStats m_stats;
    GlProgram m_pointProgram;
    std::map<int, std::unique_ptr<View>> m_views;
    GlImageCache m_images;
};

}  // namespace lb::gfx
